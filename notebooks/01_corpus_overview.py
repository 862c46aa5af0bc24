# %% [markdown]
# # 01 · What is in this corpus?
#
# Which documents, from which outlets and dates, how long, and what cleaning found and changed in each before any evidence is extracted. Every number below is computed by `analysis/` from the raw files in `corpus_dir`; figures and tables land in `reports_dir/01_corpus_overview/`. Cleaning labels text that is not article body (headers, key-points summaries, captions, editor's notes, footers) instead of dropping it; the editor's note is kept with the body because it carries reported evidence. `cleaning_changes.csv` (and `evidence.csv`) list one row per change, with the raw-file span it concerns (`raw` shows the original text; ⏎ marks a line break); `codebook.md` says what each column means.

# %% tags=["parameters"]
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv (relative to the project root)
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/

# %%
from analysis.publish.run import Run
from analysis.questions import corpus_overview as question

run = Run(question, corpus_dir=corpus_dir, reports_dir=reports_dir)

# %% [markdown]
# ## Tables

# %%
tables = run.tables()

# %% [markdown]
# ## Figures

# %%
run.figures(tables)

# %% [markdown]
# ## Evidence: every change cleaning made, with its raw span

# %%
evidence = run.evidence(tables)

# %% [markdown]
# ## Answer

# %%
run.answer(tables)
