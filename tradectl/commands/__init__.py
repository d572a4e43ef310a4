"""The command groups of tradectl, one module per area of the API."""
