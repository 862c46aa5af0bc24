"""Extract layer: pure per-document extractors (actors, attribution, quotations, numbers,
time expressions) reading their rules from analysis/data."""
