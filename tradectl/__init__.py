"""`tradectl`: the platform's command line for operators, clients and scripts.

It logs in through the gateway (an admin with a password, a client with its wallet's key,
signing the Sign-In With Ethereum message locally), keeps the access token in a 0600 file, and
calls the public API, printing tables or, with `--json`, the API's own JSON.
"""
