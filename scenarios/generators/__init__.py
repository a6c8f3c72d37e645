"""The example scenarios' generators, one module per scenario (``scenarios/generate.py`` runs them)."""
