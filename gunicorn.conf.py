"""gunicorn settings for `gunicorn dashboard.web.app:server` (see the Procfile)."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Load and validate the data once, in the master, before forking: invalid data
# stops gunicorn at start-up with the `check` messages instead of failing per worker.
preload_app = True
accesslog = "-"
errorlog = "-"
# Recycle workers now and then, so a slow leak can never take the service down.
max_requests = 5000
max_requests_jitter = 500
