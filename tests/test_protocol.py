"""Every question module follows the protocol (analysis/questions/protocol.py); its
parameter checks refuse bad values in one line, without a kernel."""
import importlib
import pkgutil

import pandas as pd
import pytest

import analysis.questions as questions_pkg
from analysis.corpus.paths import NOTEBOOKS
from analysis.questions import protocol
from analysis.questions.protocol import ParameterError

MODULES = sorted(m.name for m in pkgutil.iter_modules(questions_pkg.__path__) if m.name != "protocol")


def test_one_question_module_per_notebook_named_like_it():
    notebooks = sorted(p.stem[3:] for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    assert MODULES == notebooks


@pytest.mark.parametrize("name", MODULES)
def test_module_follows_the_protocol(name):
    question = importlib.import_module(f"analysis.questions.{name}")
    assert protocol.problems(question) == []
    assert question.NAME.endswith("_" + name)


@pytest.mark.parametrize("name", MODULES)
def test_each_parameter_check_refuses_a_wrong_type_naming_the_parameter(name):
    question = importlib.import_module(f"analysis.questions.{name}")
    for p in protocol.COMMON + question.PARAMS:
        with pytest.raises(ParameterError, match=f"^parameter {p.name}: "):
            p.check(p.name, object())


def test_unknown_parameter_is_refused_with_the_known_ones():
    from analysis.questions import desertion_prosecutions as q
    with pytest.raises(ParameterError, match="parameter measure: not a parameter of 02_desertion_prosecutions "
                                             r"\(its parameters: corpus_dir, reports_dir, measures, annualise\)"):
        protocol.check_params(q, measure=["x"])


def test_desertion_parameter_checks():
    from analysis.questions import desertion_prosecutions as q
    with pytest.raises(ParameterError, match=r"^parameter measures: unknown value\(s\) 'prosecutions'"):
        protocol.check_params(q, measures=["prosecutions"])
    with pytest.raises(ParameterError, match="^parameter annualise: expected True or False, got 'yes'"):
        protocol.check_params(q, annualise="yes")


def test_casualty_about_parameter_check():
    from analysis.questions import casualty_claims as q
    with pytest.raises(ParameterError, match="^parameter about: 'Narnia' is not one of all, Ukraine, Russia$"):
        protocol.check_params(q, about="Narnia")
    assert protocol.check_params(q, about="Russia")["about"] == "Russia"


def test_problems_finds_a_module_off_the_protocol():
    class Off:
        NAME = "99_off"
        PARAMS = ()
        TABLES = (protocol.Table("series", "x", protocol.columns(("a", "number", ""))),)

        def tables(corpus, evidence):
            return {}
    found = protocol.problems(Off)
    assert "no function figures" in found and "no evidence table in TABLES" in found
    assert any(p.startswith("tables(corpus, evidence)") for p in found)
    assert any("columns without a known type or a meaning: a" in p for p in found)


def test_conform_names_extra_and_missing_columns():
    table = protocol.Table("t", "x", protocol.columns(("a", "str", "a"), ("b", "int", "b")))
    assert list(protocol.conform(pd.DataFrame(columns=["a", "b"]), table).columns) == ["a", "b"]
    with pytest.raises(ValueError, match="table t: columns differ from its spec; not in the spec: c; missing: b"):
        protocol.conform(pd.DataFrame(columns=["a", "c"]), table)


@pytest.mark.parametrize("name", ["bakhmut", "negotiations_timeline"])
def test_a_period_ending_before_it_starts_is_refused_with_the_parameters(name):
    question = importlib.import_module(f"analysis.questions.{name}")
    with pytest.raises(ParameterError, match="^parameter date_to: '2023-01-01' is before date_from '2023-03-10'"):
        protocol.check_params(question, date_from="2023-03-10", date_to="2023-01-01")
    assert protocol.check_params(question, date_from="2023-01-01", date_to="2023-03-10")["date_to"]


def code_cells(path) -> list[str]:
    import json
    cells = json.loads(path.read_text())["cells"]
    return ["".join(c["source"]).strip() for c in cells if c["cell_type"] == "code"]


@pytest.mark.parametrize("name", MODULES)
def test_every_notebook_is_the_same_few_cells(name):
    import re
    path = next(NOTEBOOKS.glob(f"[0-9][0-9]_{name}.ipynb"))
    question = importlib.import_module(f"analysis.questions.{name}")
    params, run, *rest = code_cells(path)
    names = [p.name for p in protocol.COMMON + question.PARAMS]
    assert sorted(re.findall(r"^(\w+) = ", params, re.M)) == sorted(names)
    assert run.startswith(f"from analysis.publish.run import Run\nfrom analysis.questions import {name} as question\n")
    assert re.findall(r"(\w+)=(\w+)", run) == [(n, n) for n in names]
    assert rest == ["tables = run.tables()", "run.figures(tables)", "evidence = run.evidence(tables)",
                    "run.answer(tables)"]
