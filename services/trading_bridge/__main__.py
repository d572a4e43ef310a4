from services.trading_bridge.app import create_app
from shared.serve import run_service

run_service("trading-bridge", create_app, default_port=8002)
