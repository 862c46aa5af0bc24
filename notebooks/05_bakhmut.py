# %% [markdown]
# # 05 · What did the coverage say about the battle for a place, and when?
#
# Dated facts about the battle at `place` (by default Bakhmut), from the evidence tables: how long the battle had lasted as each article described it, placed at the article's date, with the start that implies (a range: a hedge such as “nearly” leaves one end open, never guessed); the share of the place held or taken, with who claims it; the population given for it; and statements about holding, defending, leaving or losing it, by whom and when. A fact counts only where its sentence (or, as `analysis/data/battle_rules.toml` allows, its paragraph) names the place. Every fact is listed with its document, span, sentence, claimant chain and hedge in `facts.csv`.

# %% tags=["parameters"]
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/
place = "Bakhmut"         # the place whose battle is traced (matched as a whole word, any case)
date_from = None          # ISO date "YYYY-MM-DD": keep facts dated on or after it (None: no limit)
date_to = None            # ISO date "YYYY-MM-DD": keep facts dated on or before it (None: no limit)

# %%
from IPython.display import Markdown

from analysis import evidence
from analysis.corpus import tables as corpus
from analysis.kit import figures
from analysis.publish import reports
from analysis.questions import bakhmut as battle
from analysis.questions import protocol

NAME = "05_bakhmut"
corpus_path = protocol.check_dir("corpus_dir", corpus_dir)
reports_path = protocol.check_dir("reports_dir", reports_dir, must_exist=False)
place = battle.check_place(place)
protocol.check_period(date_from, date_to)
docs = corpus.load(corpus_path).documents
out = reports.stage(reports_path, NAME)

# %% [markdown]
# ## The dated facts, one row each

# %%
facts = battle.facts(corpus_path, place, date_from, date_to)
reports.write_csv(facts, out / "facts.csv")
reports.display_table(facts[["lane", "date", "date_end", "date_source", "date_inferred", "what", "reading",
                             "implied_start_earliest", "implied_start_latest", "claimant", "doc_id", "place_basis", "copies"]])

# %% [markdown]
# ## Timeline

# %%
if facts.empty:
    print(f"No evidence for this question in the corpus: nothing to draw for {place}.")
else:
    fig = battle.figure(facts, place)
    figures.show(figures.save_figure(fig, out, "battle_timeline", docs[docs["doc_id"].isin(facts["doc_id"])],
                                     note="Durations, shares and statements as claimed in the text; "
                                          "implied starts are computed from them (publication date minus the duration)."))

# %% [markdown]
# ## Evidence: each fact's sentence, with its span marked

# %%
files = docs.set_index("doc_id")["file"]
for _, row in facts.iterrows():
    print(f"[{row['lane']}]", evidence.cite({**row, "file": files[row["doc_id"]]}, corpus_path))

# %% [markdown]
# ## Answer

# %%
answer = battle.answer(facts, place, date_from, date_to)
(out / "answer.md").write_text(answer + "\n", encoding="utf-8")
reports.publish(reports_path, NAME)
Markdown(answer)
