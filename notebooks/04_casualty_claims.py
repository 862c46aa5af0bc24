# %% [markdown]
# # 04 · Whose casualty figures are these, and how far apart are they?
#
# Every claim of military losses in the `numbers` evidence table: who claims it (the claimant and the chain that relays it), about whose losses, what is counted (killed, killed or wounded, a change, a ratio), the period, the hedge and the verification note the article gives. Each claim's relation (a belligerent on the enemy, a belligerent on itself, a third party, the article's own voice) is derived from the claimant's side in the actors codebook and the side whose losses are counted. Which measures are losses comes from `analysis/data/measures.csv` (`counts_as`; desertions are not casualties); how they are shown from `analysis/data/casualty_rules.toml`. Unit-level accounts (a platoon) are kept apart from the totals. Every claim is listed with its document, span, claimant and verification note in `evidence.csv`; `codebook.md` says what each column means.

# %% tags=["parameters"]
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/
about = "all"             # whose losses: "all" or one belligerent ("Ukraine", "Russia")

# %%
from analysis.publish.run import Run
from analysis.questions import casualty_claims as question

run = Run(question, corpus_dir=corpus_dir, reports_dir=reports_dir, about=about)

# %% [markdown]
# ## Tables: every claim of losses, one row per distinct claim

# %%
tables = run.tables()

# %% [markdown]
# ## Figures: totals, then loss ratios with unit-level accounts kept apart

# %%
run.figures(tables)

# %% [markdown]
# ## Evidence: every claim, its sentence, claimant and verification note

# %%
evidence = run.evidence(tables)

# %% [markdown]
# ## Answer

# %%
run.answer(tables)
