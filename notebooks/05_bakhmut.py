# %% [markdown]
# # 05 · What did the coverage say about the battle for a place, and when?
#
# Dated facts about the battle at `place` (by default Bakhmut), from the evidence tables: how long the battle had lasted as each article described it, placed at the article's date, with the start that implies (a range: a hedge such as “nearly” leaves one end open, never guessed); the share of the place held or taken, with who claims it; the population given for it; and statements about holding, defending, leaving or losing it, by whom and when. A fact counts only where its sentence (or, as `analysis/data/battle_rules.toml` allows, its paragraph) names the place. Every fact is listed with its document, span, sentence, claimant chain and hedge in `facts.csv` (its sources again in `evidence.csv`); `codebook.md` says what each column means.

# %% tags=["parameters"]
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/
place = "Bakhmut"         # the place whose battle is traced (matched as a whole word, any case)
date_from = None          # ISO date "YYYY-MM-DD": keep facts dated on or after it (None: no limit)
date_to = None            # ISO date "YYYY-MM-DD": keep facts dated on or before it (None: no limit)

# %%
from analysis.publish.run import Run
from analysis.questions import bakhmut as question

run = Run(question, corpus_dir=corpus_dir, reports_dir=reports_dir, place=place, date_from=date_from, date_to=date_to)

# %% [markdown]
# ## Tables

# %%
tables = run.tables()

# %% [markdown]
# ## Timeline

# %%
run.figures(tables)

# %% [markdown]
# ## Evidence: each fact's sentence, with its span marked

# %%
evidence = run.evidence(tables)

# %% [markdown]
# ## Answer

# %%
run.answer(tables)
