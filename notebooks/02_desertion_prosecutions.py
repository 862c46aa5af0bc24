# %% [markdown]
# # 02 · How fast are desertion prosecutions rising?
#
# Numeric claims whose measure is prosecutions for desertion, with the period the text gives for each, from the `numbers` evidence table. A period shorter than a year is drawn as partial, with its annualised pace drawn separately as a projection. Estimates of the total number of deserters are a different measure and are kept apart. Every value is listed with its document, span, claimant chain and hedge in `evidence.csv`.

# %% tags=["parameters"]
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/
measures = ["awol_cases", "desertion_cases", "desertion_prosecutions", "people_prosecuted"]   # measure ids (analysis/data/measures.csv), one series each
annualise = True          # draw the annualised pace of partial periods

# %%
from IPython.display import Markdown

from analysis import evidence
from analysis.corpus import tables as corpus
from analysis.kit import figures
from analysis.publish import reports
from analysis.questions import desertion_prosecutions as desertion
from analysis.questions import protocol

NAME = "02_desertion_prosecutions"
corpus_path = protocol.check_dir("corpus_dir", corpus_dir)
reports_path = protocol.check_dir("reports_dir", reports_dir, must_exist=False)
protocol.check_list("measures", measures, desertion.measure_ids())
protocol.check_bool("annualise", annualise)
docs = corpus.load(corpus_path).documents
numbers = evidence.numbers(corpus_path)
out = reports.stage(reports_path, NAME)

# %% [markdown]
# ## The series and the estimates kept apart

# %%
series = desertion.series(numbers, measures)
estimates = desertion.estimates(numbers)
reports.write_csv(series.drop(columns=["sentence"]), out / "series.csv")
reports.write_csv(estimates, out / "estimates.csv")
reports.display_table(series.drop(columns=["sentence", "start", "end"]))

# %%
reports.display_table(desertion.growth(series))

# %%
if series.empty and estimates.empty:
    print("No evidence for this question in the corpus: nothing to draw.")
else:
    used = docs[docs["doc_id"].isin(set(series["doc_id"]) | set(estimates["doc_ids"].str.split("; ").explode()))]
    fig = desertion.figure(series, estimates, annualise=annualise)
    figures.show(figures.save_figure(fig, out, "desertion_prosecutions", used,
                                     note="Values as claimed in the text" + ("; the annualised pace is a projection." if annualise else ".")))

# %% [markdown]
# ## Evidence: every value, its sentence and its claimant

# %%
table = desertion.evidence_table(numbers, measures)
reports.write_csv(table, out / "evidence.csv")
for _, row in evidence.once(numbers[numbers["measure"].isin(measures)]).iterrows():
    print(evidence.cite(row, corpus_path))

# %% [markdown]
# ## Answer

# %%
answer = desertion.answer(series, estimates, annualise)
(out / "answer.md").write_text(answer + "\n", encoding="utf-8")
reports.publish(reports_path, NAME)
Markdown(answer)
