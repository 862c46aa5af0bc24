"""Names for a run's temporary files and folders, and the removal of those a dead run left.

A SIGKILL leaves a run's staging folder or temporary cache folder behind, and its kernel
may outlive make for a moment. Each run's names carry its pid and a random part, so a
rerun never shares one with a survivor, and a later run removes only those whose process
is gone (a live run's, and a reused pid's, are left for next time).
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import time
from pathlib import Path

_PID = re.compile(r"-(\d+)-[^-]+$")
# A leftover whose name carries no pid (written before names had one) counts as stale
# once it is this old.
UNOWNED_AGE = 3600.0


def tag() -> str:
    """'<pid>-<random>': unique to this process and call."""
    return f"{os.getpid()}-{secrets.token_hex(4)}"


def alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed run whose parent died too waits, dead, for init to reap it; signal 0 still
    reaches it, so without this its temporary files outlived it into the next run."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2:].startswith("Z")


def stale(path: Path) -> bool:
    """True when ``path`` (a name ending in '-<pid>-<random>') belongs to a process that is gone."""
    m = _PID.search(path.name)
    if m:
        return not alive(int(m.group(1)))
    try:
        return time.time() - path.lstat().st_mtime > UNOWNED_AGE
    except OSError:
        return False


def remove_stale(paths) -> list[Path]:
    """Remove the stale ones of ``paths`` (files or folders); returns those removed."""
    removed = []
    for p in paths:
        if stale(p):
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                try:
                    p.unlink()
                except FileNotFoundError:
                    pass
            removed.append(p)
    return removed
