"""Modal screens: help, saving a scenario, exporting, confirmations."""
