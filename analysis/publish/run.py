"""One question, run for a notebook: the same steps, in the same cells, for every question.

    run = Run(question, corpus_dir=corpus_dir, reports_dir=reports_dir, **its own parameters)
    tables = run.tables()        # checked tables, written as CSV with codebook.md; shown
    run.figures(tables)          # drawn in the house style, saved as SVG and PNG
    run.evidence(tables)         # evidence.csv, and a citation per row (once per story)
    run.answer(tables)           # answer.md; the staged outputs are published

The corpus and its evidence are loaded once, when the run starts; nothing is written
outside the run's staging folder until ``answer`` publishes it (see ``reports``).
"""
from __future__ import annotations

import pandas as pd

from analysis import evidence as evidence_mod
from analysis.corpus import tables as corpus_mod
from analysis.kit import figures as figures_mod
from analysis.publish import reports
from analysis.questions import protocol


def codebook(question, written: list[str]) -> str:
    """The data dictionary of a question's tables, as Markdown (one section per CSV)."""
    lines = [f"# {question.NAME}: codebook", "",
             "One section per CSV file in this folder: each column, its type and what it means. "
             "A missing value is an empty cell; dates are ISO (YYYY-MM-DD); `cite` is the citation id "
             "`doc:start-end` of the row's raw span.", ""]
    for table in question.TABLES:
        if table.name not in written:
            continue
        lines += [f"## {table.name}.csv", "", table.meaning, "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {c.meaning} |" for c in table.columns]
        if "cite" not in table.names and {"doc_id", "start", "end"} <= set(table.names):
            lines.append("| `cite` | str | the citation id of the row's span, `doc:start-end` |")
        lines.append("")
    return "\n".join(lines)


class Run:
    def __init__(self, question, **params):
        self.question = question
        self.params = protocol.check_params(question, **params)
        self.corpus_dir = self.params["corpus_dir"]
        self.own = {k: v for k, v in self.params.items() if k not in ("corpus_dir", "reports_dir")}
        self.corpus = corpus_mod.load(self.corpus_dir)
        self.evidence_tables = evidence_mod.load(self.corpus_dir)
        self.out = reports.stage(self.params["reports_dir"], question.NAME)
        self.written: list[str] = []
        self._specs = {t.name: t for t in question.TABLES}

    def _write(self, name: str, frame: pd.DataFrame) -> None:
        reports.write_csv(protocol.conform(frame, self._specs[name]), self.out / f"{name}.csv")
        self.written.append(name)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The question's tables, each checked against its spec, written and (if the spec
        says which columns) shown."""
        tables = self.question.tables(self.evidence_tables, self.corpus, **self.own)
        expected = [t.name for t in self.question.TABLES]
        if sorted(tables) != sorted(expected):
            raise ValueError(f"{self.question.NAME}: tables() gave {sorted(tables)}, its TABLES say {sorted(expected)}")
        for name in expected:
            if name != "evidence":
                self._write(name, tables[name])
        from IPython.display import display
        for t in self.question.TABLES:
            if t.show and t.name in tables:
                print(f"{t.name}: {t.meaning}")
                display(reports.display_table(tables[t.name][list(t.show)]))
        return tables

    def figures(self, tables) -> None:
        docs = self.corpus.documents
        for f in self.question.figures(tables, **self.own):
            if f.fig is None:
                print(f.empty)
                continue
            used = docs[docs["doc_id"].isin(f.doc_ids)]
            figures_mod.show(figures_mod.save_figure(f.fig, self.out, f.name, used, note=f.note))

    def evidence(self, tables) -> pd.DataFrame:
        table = self.question.evidence_table(tables)
        self._write("evidence", table)
        if {"doc_id", "start", "end"} <= set(table.columns):
            print("\n".join(evidence_mod.citations(table, self.corpus)))
        return table

    def answer(self, tables):
        from IPython.display import Markdown

        text = self.question.answer(tables, **self.own)
        (self.out / "answer.md").write_text(text + "\n", encoding="utf-8")
        (self.out / "codebook.md").write_text(codebook(self.question, self.written) + "\n", encoding="utf-8")
        reports.publish(self.params["reports_dir"], self.question.NAME)
        return Markdown(text)
