# %% [markdown]
# # 01 · What is in this corpus?
#
# Which documents, from which outlets and dates, how long, and what cleaning found and changed in each before any evidence is extracted. Every number below is computed by `analysis/` from the raw files in `corpus_dir`; figures and tables land in `reports_dir/01_corpus_overview/`.

# %% tags=["parameters"]
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv (relative to the project root)
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/

# %%
from IPython.display import Markdown

from analysis.corpus import tables as corpus
from analysis.kit import figures
from analysis.publish import reports
from analysis.questions import corpus_overview as overview
from analysis.questions import protocol

NAME = "01_corpus_overview"
corpus_path = protocol.check_dir("corpus_dir", corpus_dir)
reports_path = protocol.check_dir("reports_dir", reports_dir, must_exist=False)
c = corpus.load(corpus_path)
out = reports.stage(reports_path, NAME)

# %% [markdown]
# ## The documents

# %%
documents = overview.documents_table(c)
reports.write_csv(documents, out / "documents.csv")
reports.display_table(documents.drop(columns=["sha256", "file"]))

# %%
fig = overview.timeline_figure(c)
figures.show(figures.save_figure(fig, out, "documents_by_outlet_and_date", c.documents))

# %% [markdown]
# ## Length by section type
#
# Cleaning labels text that is not article body (headers, key-points summaries, captions, editor's notes, footers) instead of dropping it; the editor's note is kept with the body because it carries reported evidence.

# %%
words = overview.words_by_section(c)
reports.write_csv(words.reset_index(), out / "words_by_section.csv")
figures.show(figures.save_figure(overview.sections_figure(c), out, "words_by_section", c.documents))
reports.display_table(words)

# %% [markdown]
# ## What cleaning found and changed
#
# One row per change, with the raw-file span it concerns (`raw` shows the original text; ⏎ marks a line break).

# %%
changes = overview.cleaning_table(c)
reports.write_csv(changes, out / "cleaning_changes.csv")
summary = overview.cleaning_summary(c)
reports.write_csv(summary, out / "cleaning_summary.csv")
reports.display_table(summary)

# %% [markdown]
# ## Answer

# %%
answer = overview.findings(c)
(out / "answer.md").write_text(answer + "\n", encoding="utf-8")
reports.publish(reports_path, NAME)
Markdown(answer)
