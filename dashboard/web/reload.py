"""Reloading the data on a running server, validated first (gunicorn's HUP).

gunicorn loads the app once in its master (preload_app) and forks workers from
it; HUP makes it start new workers and stop the old ones gracefully, so no request
in flight is dropped. Before it forks them, `reloaded` (called from the on_reload
hook in gunicorn.conf.py) loads the data folder again with every check of
`python -m dashboard check`: valid data becomes the new app the workers serve;
invalid data is refused, its problems logged and kept for /healthz, and the
workers go on serving the data they had.
"""

from __future__ import annotations

import logging

from dashboard.config import default_data_dir
from dashboard.data.problems import DataError
from dashboard.web.app import create_app
from dashboard.web.health import clear_refusal, record_refusal


def reloaded(current, log: logging.Logger):
    """The WSGI app to serve after a reload: the data folder's new app, or `current`
    when the folder no longer passes `check`."""
    data_dir = default_data_dir()
    try:
        app = create_app(data_dir)
    except DataError as error:
        problems = [str(problem) for problem in error.problems]
        for problem in problems:
            log.error("%s", problem)
        refusal = record_refusal(data_dir, problems)
        log.error(
            "partner-map: reload refused: %s (version %s) has %d problem(s); "
            "still serving the data loaded before",
            data_dir,
            refusal.version,
            len(problems),
        )
        return current
    clear_refusal()
    log.info("partner-map: reloaded %s", data_dir)
    return app.server
