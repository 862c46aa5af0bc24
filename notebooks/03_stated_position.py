# %% [markdown]
# # 03 · How has an actor's stated position on negotiations and territory changed?
#
# Statements by the actor (quotations whose speaker is the actor, and sentences where the actor is the subject of a speech or decision verb) that name negotiations, a ceasefire, compromise, concessions or territory, coded on the ordinal scale of `analysis/data/position_scale.toml` by its cue phrases. Each statement is dated by when it was made, as the text says (its sentence, the sentence before, the occasion named earlier in the article, or the same quotation in another article); where the text gives no date the article date is used and the point is drawn hollow. The same statement reported by several outlets is one point. Every statement is listed with its document, span, sentence and matched cue in `evidence.csv`; agreement with the project's human coding (the `codings` parameter) is in `agreement.csv`; `codebook.md` says what each column means.

# %% tags=["parameters"]
actor = "zelensky"        # actor_id from analysis/data/actors.csv
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/
codings = "analysis/data/codings/positions_human.csv"  # the human coding the rules' codes are compared with (CSV)

# %%
from analysis.publish.run import Run
from analysis.questions import stated_position as question

run = Run(question, corpus_dir=corpus_dir, reports_dir=reports_dir, actor=actor, codings=codings)

# %% [markdown]
# ## Tables

# %%
tables = run.tables()

# %% [markdown]
# ## Figures

# %%
run.figures(tables)

# %% [markdown]
# ## Evidence: every statement, its sentence, cue and date

# %%
evidence = run.evidence(tables)

# %% [markdown]
# ## Answer

# %%
run.answer(tables)
