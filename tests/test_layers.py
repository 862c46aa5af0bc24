"""The package's layers: each module imports only from its own layer or the layers below."""
import ast
from pathlib import Path

import pytest

from analysis.corpus.paths import PACKAGE

LAYERS = ["kit", "corpus", "extract", "evidence", "questions", "publish", "quality"]


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "analysis" or len(parts) < 2 or parts[1] == "__main__":
        return None
    top = parts[1].split("_")[0]        # evidence_dask.py sits beside evidence.py, in its layer
    return LAYERS.index(top) if top in LAYERS else None


def imports(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" if node.module == "analysis" else node.module for a in node.names]
            out += [(node.lineno, n) for n in names]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
    return out


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE or p.name.startswith("evidence"))


def test_every_module_is_in_a_layer():
    assert MODULES and all(layer_of("analysis." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts))
                           is not None for p in MODULES)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_only_from_below(path):
    own = layer_of("analysis." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    upward = [f"line {n}: {m}" for n, m in imports(path)
              if m.startswith("analysis") and (layer_of(m) is None or layer_of(m) > own)]
    assert not upward, f"{path.relative_to(PACKAGE)} ({LAYERS[own]}) imports from above: {upward}"


def test_relative_imports_are_not_used():
    assert not [p for p in MODULES if any(isinstance(n, ast.ImportFrom) and n.level
                                          for n in ast.walk(ast.parse(p.read_text())))]


def test_the_check_can_fail():
    assert layer_of("analysis.publish.site") > layer_of("analysis.questions.bakhmut") > layer_of("analysis.kit.figures")
    assert layer_of("analysis.evidence_dask") == layer_of("analysis.evidence") and layer_of("analysis.notalayer") is None


def make_prerequisites() -> dict[str, set[str]]:
    """Target -> prerequisites, from make's database (``make -pq``: nothing is run)."""
    import subprocess

    from analysis.corpus.paths import ROOT

    env = {k: v for k, v in __import__("os").environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    out = subprocess.run(["make", "-pq", "reports", "SETUP="], cwd=ROOT, capture_output=True, text=True, env=env).stdout
    rules = {}
    for line in out.splitlines():
        if line.startswith("build/stamps/") and ":" in line:
            target, _, prereqs = line.partition(":")
            rules.setdefault(target.strip(), set()).update(prereqs.split())
    return rules


def test_make_follows_the_layers():
    rules = make_prerequisites()
    corpus = rules["build/stamps/corpus.done"]
    assert "analysis/extract/numbers.py" in corpus and "analysis/data/measures.csv" in corpus
    assert not [p for p in corpus if p.startswith(("analysis/questions/", "analysis/publish/", "analysis/quality/"))]
    stamps = {t.rsplit("/", 1)[1].removesuffix(".done"): p for t, p in rules.items() if t.count("/") == 3}
    every = stamps.pop("%")
    assert "build/stamps/corpus.done" in every and "analysis/publish/reports.py" in every
    assert len(stamps) == 7
    for name, prereqs in stamps.items():
        prereqs = prereqs | every
        own = f"analysis/questions/{name[3:]}.py"
        questions = {p for p in prereqs if p.startswith("analysis/questions/") and p != "analysis/questions/protocol.py"
                     and not p.endswith("__init__.py")}
        assert questions == {own}, f"{name}: reruns for {sorted(questions)}"
