# %% [markdown]
# # 07 · Which moments of the negotiation story does the coverage cite, and who cites which?
#
# Sentences that name a negotiation event (talks, ceasefire, peace deal, conditions, territory, annexation, and the decrees, visits, calls and interviews around them: cue words in `analysis/data/negotiation_events.toml`) are dated by a time expression of the same sentence from the `timex` evidence table, keeping its precision (a month stays a month). A moment with no date in its sentence but called *recent* is dated by the article, on or before publication, and flagged; any other undated mention is listed, never given a date. The same moment cited by several documents is one event (same type, overlapping dates, a shared actor: rules in `analysis/negotiations.py`). Every citation is listed with its document, outlet, sentence, raw span and actors in `evidence.csv`.

# %% tags=["parameters"]
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/
date_from = None          # ISO date "YYYY-MM-DD": keep moments ending on or after it (None: no limit)
date_to = None            # ISO date "YYYY-MM-DD": keep moments starting on or before it (None: no limit)
min_sources = 1           # keep moments cited by at least this many documents (a whole number, at least 1)

# %%
from IPython.display import Markdown

from analysis import evidence
from analysis.corpus import tables as corpus
from analysis.kit import figures
from analysis.publish import reports
from analysis.questions import negotiations_timeline as negotiations
from analysis.questions import protocol

NAME = "07_negotiations_timeline"
corpus_path = protocol.check_dir("corpus_dir", corpus_dir)
reports_path = protocol.check_dir("reports_dir", reports_dir, must_exist=False)
window = protocol.check_period(date_from, date_to)
protocol.check_int("min_sources", min_sources, minimum=1)
c = corpus.load(corpus_path)
docs = c.documents
timex = evidence.timex(corpus_path)
actor_mentions = evidence.mentions(corpus_path)
out = reports.stage(reports_path, NAME)

# %% [markdown]
# ## The moments cited, one row per event

# %%
events, citations, undated = negotiations.build(c, timex, actor_mentions, *window, min_sources)
reports.write_csv(events, out / "events.csv")
reports.display_table(events[["event_id", "label", "when", "documents", "outlets", "actor_names", "timexes", "copies"]])

# %%
if events.empty:
    print("No evidence for this question in the corpus: nothing to draw.")
else:
    used = docs[docs["doc_id"].isin(set(citations["doc_id"]))]
    fig = negotiations.figure(events)
    figures.show(figures.save_figure(fig, out, "negotiations_timeline", used,
                                     note="Dates as resolved from each sentence's time expression; hollow markers: dated only by the article."))

# %% [markdown]
# ## Evidence: every citation, its sentence, span and actors

# %%
reports.write_csv(citations, out / "evidence.csv")
reports.write_csv(undated, out / "undated.csv")
for _, row in citations.iterrows():
    print(row["event_id"], row["type"], "|", evidence.cite(row, corpus_path))

# %% [markdown]
# ## Answer

# %%
answer = negotiations.answer(events, citations, undated, docs, *window, min_sources)
(out / "answer.md").write_text(answer + "\n", encoding="utf-8")
reports.publish(reports_path, NAME)
Markdown(answer)
