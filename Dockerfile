# One image for the three services and the simulators; the command picks which one runs.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir -r requirements.lock

COPY shared ./shared
COPY services ./services
COPY simulators ./simulators
COPY scripts ./scripts
COPY tradectl ./tradectl
RUN pip install --no-cache-dir --no-deps . && useradd --system --uid 10001 app

USER app
EXPOSE 8001 8002 8003
CMD ["python", "-m", "services.control_plane", "--host", "0.0.0.0", "--port", "8001"]
