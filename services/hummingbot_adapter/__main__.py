from services.hummingbot_adapter.app import create_app
from shared.serve import run_service

run_service("hummingbot-adapter", create_app, default_port=8003)
