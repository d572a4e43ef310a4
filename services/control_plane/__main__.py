from services.control_plane.app import create_app
from shared.serve import run_service

run_service("control-plane", create_app, default_port=8001)
