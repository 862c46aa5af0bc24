"""Helper package for the Russia-Ukraine war coverage corpus, in layers; each imports only
from the layers before it:

kit        house style for figures and wording (imports nothing of the package)
corpus     paths, errors, rule files, catalog, raw text, cleaning, segmentation, corpus tables
extract    per-document extractors: actors, attribution, quotations, numbers, time expressions
evidence   the evidence tables built once per corpus, with document and raw span per row
questions  one module per notebook, each on the protocol in ``questions/protocol.py``
publish    report folders, notebook runs, the static site
quality    scores against gold, benchmarks
"""
