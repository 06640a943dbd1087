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

# gunicorn 27 opens a control socket at one path for every instance on the machine
# (~/.gunicorn/gunicorn.ctl): two dashboards, or a test beside a server, would take
# each other's. Nothing here uses it; reloading is the HUP signal below.
control_socket_disable = True


def on_reload(arbiter):
    """HUP: load the data folder again, checked, before the new workers are forked;
    if it is invalid, they serve the data they had (dashboard/web/reload.py)."""
    from dashboard.web.reload import reloaded

    arbiter.app.callable = reloaded(arbiter.app.wsgi(), arbiter.log)
