"""Helper package for the Russia-Ukraine war coverage corpus.

Pipeline: catalog + raw files (catalog, textmap) -> cleaning (labelled sections,
rejoined paragraphs, markup removed, offsets kept) -> segmentation (paragraphs,
sentences) -> corpus tables (corpus) -> figures and report files (figures, reports).
"""
