"""Quality layer: scores against the gold annotations, and the benchmark."""
