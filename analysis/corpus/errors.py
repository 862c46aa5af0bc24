"""The one exception bad input raises: its message is a single line naming the file."""


class CorpusError(Exception):
    """Bad input: an empty or undecodable file, a missing or malformed catalog row.

    ``str(error)`` is one line that starts with the offending path (and catalog
    line where there is one), e.g. ``seeds/005_x.txt: empty file``.
    """
