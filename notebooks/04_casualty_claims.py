# %% [markdown]
# # 04 · Whose casualty figures are these, and how far apart are they?
#
# Every claim of military losses in the `numbers` evidence table: who claims it (the claimant and the chain that relays it), about whose losses, what is counted (killed, killed or wounded, a change, a ratio), the period, the hedge and the verification note the article gives. Each claim's relation (a belligerent on the enemy, a belligerent on itself, a third party, the article's own voice) is derived from the claimant's side in the actors codebook and the side whose losses are counted. Which measures are losses comes from `analysis/data/measures.csv` (`counts_as`; desertions are not casualties); how they are shown from `analysis/data/casualty_rules.toml`. Unit-level accounts (a platoon) are kept apart from the totals.

# %% tags=["parameters"]
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/
about = "all"             # whose losses: "all" or one belligerent ("Ukraine", "Russia")

# %%
from IPython.display import Markdown

from analysis import evidence
from analysis.corpus import tables as corpus
from analysis.kit import figures
from analysis.publish import reports
from analysis.questions import casualty_claims as casualties
from analysis.questions import protocol

NAME = "04_casualty_claims"
corpus_path = protocol.check_dir("corpus_dir", corpus_dir)
reports_path = protocol.check_dir("reports_dir", reports_dir, must_exist=False)
protocol.check_choice("about", about, casualties.about_choices())
docs = corpus.load(corpus_path).documents
numbers = evidence.numbers(corpus_path)
out = reports.stage(reports_path, NAME)

# %% [markdown]
# ## Every claim of losses, one row per distinct claim

# %%
claims = casualties.claims(numbers, about)
totals = casualties.distinct(claims, "total")
ratios = casualties.distinct(claims, "ratio")
accounts = casualties.distinct(claims, "anecdote")
reports.display_table(totals[["relation", "claimant", "subject_side", "measure", "text", "low", "high", "period",
                              "verification", "change", "copies"]])

# %%
if totals.empty:
    print("No evidence for this question in the corpus: no total of losses to draw.")
else:
    fig = casualties.totals_figure(totals)
    figures.show(figures.save_figure(fig, out, "loss_totals", casualties.documents_used(docs, totals),
                                     note="Each point is a claim as stated in the text, not an estimate of the true toll."))
_ = reports.write_csv(casualties.evidence_table(claims, ["total", "change"]), out / "loss_totals.csv")

# %% [markdown]
# ## Loss ratios, and unit-level accounts kept apart

# %%
reports.display_table(ratios[["relation", "claimant", "text", "heavier_side", "lighter_side", "value", "bound",
                              "verification", "copies"]])

# %%
if ratios.empty and accounts.empty:
    print("No evidence for this question in the corpus: no loss ratio or unit-level account to draw.")
else:
    fig = casualties.ratios_figure(ratios, accounts)
    figures.show(figures.save_figure(fig, out, "loss_ratios", casualties.documents_used(docs, ratios, accounts),
                                     note="Ratios as claimed; unit-level accounts are drawn on their own axis."))
_ = reports.write_csv(casualties.evidence_table(claims, ["ratio", "anecdote"]), out / "loss_ratios.csv")

# %% [markdown]
# ## Evidence: every claim, its sentence, claimant and verification note

# %%
reports.write_csv(casualties.evidence_table(claims), out / "evidence.csv")
for _, row in claims.iterrows():
    print(f"{row['role']:9} {row['claimant']}: {evidence.cite(row, corpus_path)}")

# %% [markdown]
# ## Answer

# %%
answer = casualties.answer(claims, about)
(out / "answer.md").write_text(answer + "\n", encoding="utf-8")
reports.publish(reports_path, NAME)
Markdown(answer)
