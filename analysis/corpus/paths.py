"""Where things live. Relative paths are resolved from the project root, never the cwd."""
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
ROOT = PACKAGE.parent
DATA = PACKAGE / "data"
BUILD = ROOT / "build"
SEEDS = ROOT / "seeds"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"
# Where a notebook writes unless the runner names a folder: only `make reports` publishes into reports/.
SCRATCH = BUILD / "scratch"
RUNS = BUILD / "runs"


def resolve(path) -> Path:
    """Absolute path: relative ones are taken from the project root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (ROOT / p)


def display(path) -> str:
    """Short form for messages: relative to the project root where possible."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)
