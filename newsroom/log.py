"""Logging for events that come in floods: one line, not one traceback and mail per request."""

import logging
import threading
import time

logger = logging.getLogger("newsroom.database")

# One line a minute is enough to show an outage began and goes on.
DATABASE_REPORT_INTERVAL = 60


class WithoutTraceback(logging.Filter):
    """Drops the traceback: a foreign Host header is a scanner's probe, not our bug."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        return True


class SkipServiceUnavailable(logging.Filter):
    """Leaves out Django's line for each 503: the outage is reported once a minute instead."""

    def filter(self, record):
        return getattr(record, "status_code", None) != 503


class OncePer:
    """True at most once per `seconds` (in this process), for reports of a lasting state."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.last = None
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            now = time.monotonic()
            if self.last is not None and now - self.last < self.seconds:
                return False
            self.last = now
            return True


database_report_due = OncePer(DATABASE_REPORT_INTERVAL)


def report_database_unavailable(exception):
    if database_report_due():
        logger.error(
            "The database is unavailable, pages answer 503 (repeated at most once in %d s): %s: %s",
            DATABASE_REPORT_INTERVAL,
            type(exception).__name__,
            " ".join(str(exception).split()),
        )
