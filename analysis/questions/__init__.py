"""Question layer: one module per notebook (named like it), on the protocol in ``protocol``."""
