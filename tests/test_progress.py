"""The corpus build shows a tqdm bar on a terminal and a line every tenth in a log."""
import io

from analysis.corpus import mapping


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_gets_a_bar(monkeypatch):
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    assert mapping.map_documents(str, list(range(60)), progress="corpus") == [str(i) for i in range(60)]
    out = err.getvalue()
    assert "corpus:" in out and "/60" in out and "doc" in out
    assert "documents" not in out      # not the log lines


def test_a_log_gets_a_line_every_tenth(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    mapping.map_documents(str, list(range(60)), progress="corpus")
    lines = err.getvalue().splitlines()
    assert lines[0] == "corpus: 6/60 documents" and lines[-1] == "corpus: 60/60 documents" and len(lines) == 10


def test_small_corpora_and_silent_runs_print_nothing(monkeypatch):
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    mapping.map_documents(str, list(range(10)), progress="corpus")
    mapping.map_documents(str, list(range(60)))
    assert err.getvalue() == ""


def test_updates_in_partitions_log_once_per_tenth_crossed(monkeypatch):
    # the Dask path reports whole partitions: one line per tenth reached, never one per update
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    with mapping.Progress("corpus", 1000) as shown:
        for k in (50, 50, 250, 3, 647):
            shown.update(k)
    assert err.getvalue().splitlines() == ["corpus: 100/1000 documents", "corpus: 350/1000 documents",
                                           "corpus: 1000/1000 documents"]
