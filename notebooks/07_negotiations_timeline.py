# %% [markdown]
# # 07 · Which moments of the negotiation story does the coverage cite, and who cites which?
#
# Sentences that name a negotiation event (talks, ceasefire, peace deal, conditions, territory, annexation, and the decrees, visits, calls and interviews around them: cue words in `analysis/data/negotiation_events.toml`) are dated by a time expression of the same sentence from the `timex` evidence table, keeping its precision (a month stays a month). A moment with no date in its sentence but called *recent* is dated by the article, on or before publication, and flagged; any other undated mention is listed, never given a date. The same moment cited by several documents is one event (same type, overlapping dates, a shared actor: rules in `analysis/questions/negotiations_timeline.py`). Every citation is listed with its document, outlet, sentence, raw span and actors in `evidence.csv`; the undated and proposed / conditional mentions in `undated.csv`, what each document cites in `documents.csv`; `codebook.md` says what each column means.

# %% tags=["parameters"]
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/
date_from = None          # ISO date "YYYY-MM-DD": keep moments ending on or after it (None: no limit)
date_to = None            # ISO date "YYYY-MM-DD": keep moments starting on or before it (None: no limit)
min_sources = 1           # keep moments cited by at least this many documents (a whole number, at least 1)

# %%
from analysis.publish.run import Run
from analysis.questions import negotiations_timeline as question

run = Run(question, corpus_dir=corpus_dir, reports_dir=reports_dir, date_from=date_from, date_to=date_to,
          min_sources=min_sources)

# %% [markdown]
# ## Tables

# %%
tables = run.tables()

# %% [markdown]
# ## Figures

# %%
run.figures(tables)

# %% [markdown]
# ## Evidence: every citation, its sentence, span and actors

# %%
evidence = run.evidence(tables)

# %% [markdown]
# ## Answer

# %%
run.answer(tables)
