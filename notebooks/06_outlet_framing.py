# %% [markdown]
# # 06 · How do outlets frame the same events?
#
# Four signals of framing, per document or per outlet, all counted in the article's running text (body and editor's notes; headlines, summaries, captions and footers are left out):
#
# 1. **Loaded terms** from an editable lexicon (`analysis/data/lexicon.csv`: delegitimising labels, violence metaphors, war framing, hedging, attribution markers, ...), as hits per 1,000 words; each hit is marked as the outlet's own words, quoted speech or scare quotes.
# 2. **Whose voices are quoted**: quoted words by the side and role of the speaker (actors codebook, `analysis/data/voices.csv`), and the share of the text that is quotation.
# 3. **Spelling conventions** (Zelensky / Zelenskyy, Kiev / Kyiv, Lugansk / Luhansk, defense / defence, ...; `analysis/data/spelling_variants.csv`) as a sign of house style or translation.
# 4. **The same quotation in several outlets**: who carries it and how each introduces it.
#
# Every count is listed with its document and raw-file span in the CSV files (`evidence.csv`: the loaded terms; `quotes.csv`, `spelling_evidence.csv`, `shared_quotes.csv`; `groups.csv`: which group each document is in); `codebook.md` says what each column means.

# %% tags=["parameters"]
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/
lexicon = "analysis/data/lexicon.csv"   # CSV with columns term, category, note
group_by = "document"     # "document" or "outlet"

# %%
from analysis.publish.run import Run
from analysis.questions import outlet_framing as question

run = Run(question, corpus_dir=corpus_dir, reports_dir=reports_dir, lexicon=lexicon, group_by=group_by)

# %% [markdown]
# ## Tables

# %%
tables = run.tables()

# %% [markdown]
# ## Figures: loaded terms per 1,000 words, and whose voices are quoted

# %%
run.figures(tables)

# %% [markdown]
# ## Evidence: every loaded term, its sentence and span

# %%
evidence = run.evidence(tables)

# %% [markdown]
# ## Answer

# %%
run.answer(tables)
