# %% [markdown]
# # 02 · How fast are desertion prosecutions rising?
#
# Numeric claims whose measure is prosecutions for desertion, with the period the text gives for each, from the `numbers` evidence table. A period shorter than a year is drawn as partial, with its annualised pace drawn separately as a projection. Estimates of the total number of deserters are a different measure and are kept apart. Every value is listed with its document, span, claimant chain and hedge in `evidence.csv`; `codebook.md` says what each column means.

# %% tags=["parameters"]
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/
measures = ["awol_cases", "desertion_cases", "desertion_prosecutions", "people_prosecuted"]   # measure ids (analysis/data/measures.csv), one series each
annualise = True          # draw the annualised pace of partial periods

# %%
from analysis.publish.run import Run
from analysis.questions import desertion_prosecutions as question

run = Run(question, corpus_dir=corpus_dir, reports_dir=reports_dir, measures=measures, annualise=annualise)

# %% [markdown]
# ## Tables

# %%
tables = run.tables()

# %% [markdown]
# ## Figures

# %%
run.figures(tables)

# %% [markdown]
# ## Evidence: every value, its sentence and its claimant

# %%
evidence = run.evidence(tables)

# %% [markdown]
# ## Answer

# %%
run.answer(tables)
