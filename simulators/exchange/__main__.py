"""Run the exchange simulator alone: `python -m simulators.exchange --port 9100`."""

from __future__ import annotations

import argparse

import uvicorn

from simulators.exchange.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m simulators.exchange", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--config", help="JSON file with markets and accounts to start with")
    parser.add_argument("--seed", type=int, default=0, help="seed of the price walks")
    parser.add_argument(
        "--walk-interval",
        type=float,
        default=1.0,
        help="seconds between random-walk steps of every market; 0 keeps prices still",
    )
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args()
    app = create_app(args.config, seed=args.seed, walk_interval=args.walk_interval or None)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, access_log=False)


if __name__ == "__main__":
    main()
