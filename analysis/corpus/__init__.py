"""Corpus layer: paths, errors, rule files, catalog, raw text and its cleaning, segmentation,
corpus tables, per-document views and mapping."""
