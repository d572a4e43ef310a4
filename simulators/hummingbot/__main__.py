"""Run the bot host simulator: `python -m simulators.hummingbot --port 9200 --exchange-url URL`."""

from __future__ import annotations

import argparse
import os

import uvicorn

from simulators.hummingbot.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description="hummingbot-api compatible bot host simulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9200)
    parser.add_argument("--exchange-url", required=True, help="base URL of the exchange simulator")
    parser.add_argument("--username", default=os.environ.get("HUMMINGBOT_API_USERNAME", "admin"))
    parser.add_argument("--password", default=os.environ.get("HUMMINGBOT_API_PASSWORD", "admin"))
    parser.add_argument(
        "--report-interval", type=float, default=5.0, help="seconds between performance reports"
    )
    args = parser.parse_args()
    app = create_app(
        args.exchange_url, args.username, args.password, report_interval=args.report_interval
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")


if __name__ == "__main__":
    main()
