"""One `make reports` at a time in a checkout: ``python -I analysis/reportslock.py LOCK PID``.

Run by the Makefile while it reads itself (``$(shell ...)``, so there is no recursive make
and a failure shows the failing rule's one make line, not two). Takes an exclusive flock on
LOCK, saying so in one line when it has to wait, then leaves a child holding it until
process PID (that make) has exited, and returns. A SIGKILL to make's process group ends
the child too; Ctrl-C is left to make, which the child outlives only until make is gone.
Standard library only: it runs with the interpreter that sets up the venv.
"""
import fcntl
import os
import select
import signal
import sys
import time


def main(lock: str, pid: int) -> int:
    fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"make reports: another make reports is running in this checkout (lock {lock}); "
              f"waiting for it to finish", file=sys.stderr, flush=True)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except KeyboardInterrupt:
            return 130
    if os.fork():
        return 0
    # The child: holds the lock (inherited with fd) and lets make's $(shell) see end of output.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    null = os.open(os.devnull, os.O_RDWR)
    for std in (0, 1, 2):
        os.dup2(null, std)
    try:
        ready, _, _ = select.select([os.pidfd_open(pid)], [], [])
    except (AttributeError, OSError):    # no pidfd (not Linux, old kernel): poll
        while _alive(pid):
            time.sleep(0.05)
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
