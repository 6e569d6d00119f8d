"""The six views (tabs) of the terminal UI."""
