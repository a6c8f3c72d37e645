"""One module per rule family; each adds its constraints and objective terms."""
