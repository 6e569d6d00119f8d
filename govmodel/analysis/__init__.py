"""Analysis: voting rules as games, control through chains, power indices, criteria."""
