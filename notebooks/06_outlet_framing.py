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
# Every count is listed with its document and raw-file span in the CSV files.

# %% tags=["parameters"]
corpus_dir = "seeds"      # folder with the raw .txt files and catalog.csv
reports_dir = "build/scratch"  # exploration writes here; only `make reports` passes reports/
lexicon = "analysis/data/lexicon.csv"   # CSV with columns term, category, note
group_by = "document"     # "document" or "outlet"

# %%
from IPython.display import Markdown, display

from analysis import evidence
from analysis.corpus import tables as corpus
from analysis.kit import figures
from analysis.publish import reports
from analysis.questions import outlet_framing as framing
from analysis.questions import protocol

NAME = "06_outlet_framing"
corpus_path = protocol.check_dir("corpus_dir", corpus_dir)
reports_path = protocol.check_dir("reports_dir", reports_dir, must_exist=False)
protocol.check_choice("group_by", group_by, framing.GROUP_BY)
lex = framing.load_lexicon(lexicon, name="lexicon")
c = corpus.load(corpus_path)
docs = c.documents
quotes = evidence.quotes(corpus_path)
mentions = evidence.mentions(corpus_path)
grouping = framing.groups(docs, group_by)
out = reports.stage(reports_path, NAME)

# %% [markdown]
# ## Loaded terms per 1,000 words

# %%
hits = framing.term_hits(c, quotes, lex)
rates = framing.rates(hits, grouping, lex)
reports.write_csv(hits, out / "evidence.csv")
reports.write_csv(rates, out / "rates.csv")
reports.display_table(framing.rate_table(rates))

# %%
if hits.empty:
    print("No loaded terms from the lexicon in the corpus: nothing to draw.")
else:
    fig = framing.heatmap(rates, group_by)
    figures.show(figures.save_figure(fig, out, "loaded_terms_heatmap", docs,
                                     note="Lexicon hits in body and editor's-note text, quoted or not; "
                                          "every hit is in evidence.csv."))

# %% [markdown]
# ## Whose voices are quoted

# %%
voiced = framing.voiced_quotes(c, quotes)
voices = framing.voices(voiced, grouping)
share = framing.quotation_share(voiced, grouping)
reports.write_csv(voiced.drop(columns=["clean_start", "clean_end"]), out / "quotes.csv")
reports.write_csv(voices, out / "voices.csv")
reports.write_csv(share, out / "quotation_share.csv")
display(reports.display_table(share.drop(columns=["group"])))
reports.display_table(voices.drop(columns=["group"]))

# %%
if voiced.empty:
    print("No quotations in the corpus: nothing to draw.")
else:
    used = docs[docs["doc_id"].isin(set(voiced["doc_id"]))]
    fig = framing.voices_figure(voices, share, group_by)
    figures.show(figures.save_figure(fig, out, "quoted_voices", used,
                                     note="Words inside quotation marks (not scare quotes), each counted once, "
                                          "for the innermost speaker; every quotation is in quotes.csv."))

# %% [markdown]
# ## Spelling as house style

# %%
spell_hits = framing.spelling_hits(c, quotes, mentions)
spelling = framing.spelling(spell_hits, grouping)
reports.write_csv(spell_hits, out / "spelling_evidence.csv")
reports.write_csv(spelling, out / "spelling.csv")
reports.display_table(framing.house_style(spelling, grouping).drop(columns=["group"]))

# %% [markdown]
# ## The same quotation in several outlets

# %%
shared = framing.shared_quotes(voiced, grouping)
reports.write_csv(shared, out / "shared_quotes.csv")
print("\n".join(framing.shared_lines(shared)) or "No quotation is carried by more than one " + group_by + ".")

# %% [markdown]
# ## Answer

# %%
summary = framing.summary(grouping, rates, voices, share, spelling)
reports.write_csv(summary, out / "summary.csv")
answer = framing.answer(summary, rates, voices, shared, spelling, hits, group_by)
(out / "answer.md").write_text(answer + "\n", encoding="utf-8")
reports.publish(reports_path, NAME)
Markdown(answer)
