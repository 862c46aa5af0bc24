# %% [markdown]
# # 03 · How has an actor's stated position on negotiations and territory changed?
#
# Statements by the actor (quotations whose speaker is the actor, and sentences where the actor is the subject of a speech or decision verb) that name negotiations, a ceasefire, compromise, concessions or territory, coded on the ordinal scale of `analysis/data/position_scale.toml` by its cue phrases. Each statement is dated by when it was made, as the text says (its sentence, the sentence before, the occasion named earlier in the article, or the same quotation in another article); where the text gives no date the article date is used and the point is drawn hollow. The same statement reported by several outlets is one point. Every statement is listed with its document, span, sentence and matched cue in `evidence.csv`; agreement with the project's human coding is in `agreement.csv`.

# %% tags=["parameters"]
actor = "zelensky"        # actor_id from analysis/data/actors.csv
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/

# %%
from IPython.display import Markdown

from analysis import evidence
from analysis.corpus import tables as corpus
from analysis.kit import figures
from analysis.publish import reports
from analysis.questions import protocol
from analysis.questions import stated_position as positions

NAME = "03_stated_position"
positions.check_actor(actor)
corpus_path = protocol.check_dir("corpus_dir", corpus_dir)
reports_path = protocol.check_dir("reports_dir", reports_dir, must_exist=False)
docs = corpus.load(corpus_path).documents
out = reports.stage(reports_path, NAME)

# %% [markdown]
# ## The scale

# %%
scale = positions.scale()
reports.write_csv(scale, out / "scale.csv")
reports.display_table(scale[["level", "label", "description"]])

# %% [markdown]
# ## Statements and points

# %%
statements = positions.statements(corpus_path, actor)
points = positions.points(statements)
reports.write_csv(points, out / "points.csv")
reports.display_table(points.drop(columns=["actor", "spans", "level_cues"]))

# %%
if points.empty:
    print("No evidence for this question in the corpus: nothing to draw.")
else:
    used = docs[docs["doc_id"].isin(set(statements["doc_id"]))]
    fig = positions.figure(points, actor)
    figures.show(figures.save_figure(fig, out, "stated_position", used,
                                     note="Levels coded by the cue phrases of analysis/data/position_scale.toml; "
                                          "hollow: date not in the text, drawn at the article date."))

# %% [markdown]
# ## Evidence: every statement, its sentence, cue and date

# %%
table = positions.evidence_table(statements)
reports.write_csv(table, out / "evidence.csv")
for row in table.to_dict("records"):
    print(f"{row['point']} level {row['level']} ({row['level_cue']}), {row['date']} [{row['dated_by']}]: "
          + evidence.cite(row, corpus_path))

# %% [markdown]
# ## Agreement with the human coding

# %%
alpha, agreement = positions.agreement(corpus_path, actor)
reports.write_csv(agreement, out / "agreement.csv")
print(positions.agreement_text(alpha, agreement))
reports.display_table(agreement[agreement["status"] != "agree"])

# %% [markdown]
# ## Answer

# %%
answer = positions.answer(statements, points, actor) + "\n\n" + positions.agreement_text(alpha, agreement)
(out / "answer.md").write_text(answer + "\n", encoding="utf-8")
reports.publish(reports_path, NAME)
Markdown(answer)
