"""Publish layer: report folders, notebook runs and the static site."""
