"""HTTP routes: the hummingbot-api contract, and the simulator's own `/sim` controls."""
