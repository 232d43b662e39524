"""Rate limits kept in the database, so they hold across app servers and fresh sessions.

A counter per scope, subject and fixed window is raised by one upsert
(``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``, atomic on SQLite and
PostgreSQL); the limit is judged on the sliding-window estimate of
:func:`netanalysis.ratelimits.sliding_count`. A refused request is rolled
back with the transaction it was part of, so it does not count against the
requests that follow.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from ..ratelimits import RateLimit, sliding_count, window_start
from ..workshop import RateLimited
from .schema import now_utc, rate_counters

__all__ = ["LimitStore", "LIMIT_MESSAGES", "limit_subject"]

#: The message (a key of :data:`netanalysis.workshop.MESSAGES`) for each scope.
LIMIT_MESSAGES = {
    "join_address": "too_many_joins",
    "join_unknown_address": "too_many_unknown_codes",
    "join_workshop": "too_many_joins",
    "submit_address": "too_many_from_here",
    "submit_workshop": "too_many_in_workshop",
    "key_address": "too_many_key_attempts",
    "key_workshop": "too_many_key_attempts",
    "create_user": "too_many_workshops",
}


def limit_subject(*parts: object) -> str:
    """The counter's key for ``parts`` (e.g. a workshop code and an address)."""
    text = "|".join(str(p) for p in parts)
    # A signed-in user's subject may be long; the key column is not.
    return text if len(text) <= 128 else hashlib.sha256(text.encode("utf-8")).hexdigest()


class LimitStore:
    """The rate-limit part of :class:`netanalysis.store.Store` (it supplies
    ``engine``, ``_insert`` and ``rate_limits``)."""

    rate_limits: Mapping[str, RateLimit]

    def _spend(self, conn: Connection, scope: str, *subject: object, now: datetime | None = None) -> None:
        """Count one event of ``scope`` for ``subject`` inside ``conn``'s transaction.

        Raises
        ------
        RateLimited
            When the event goes over the limit; the caller's transaction
            should roll back (it does when the exception leaves ``begin()``).
        """
        limit = self.rate_limits.get(scope)
        if limit is None or any(part is None for part in subject):
            return
        key = limit_subject(*subject)
        moment = (now or now_utc()).timestamp()
        start = window_start(moment, limit)
        current = conn.execute(
            self._insert(rate_counters)
            .values(scope=scope, subject=key, window_start=start, count=1)
            .on_conflict_do_update(
                index_elements=["scope", "subject", "window_start"], set_={"count": rate_counters.c.count + 1}
            )
            .returning(rate_counters.c.count)
        ).scalar_one()
        previous = conn.execute(
            select(rate_counters.c.count).where(
                rate_counters.c.scope == scope,
                rate_counters.c.subject == key,
                rate_counters.c.window_start == start - limit.seconds,
            )
        ).scalar() or 0
        if current == 1:
            # A new window: counters two windows old can no longer matter.
            conn.execute(
                delete(rate_counters).where(
                    rate_counters.c.scope == scope, rate_counters.c.window_start < start - limit.seconds
                )
            )
        if sliding_count(previous, current, moment, limit) > limit.count:
            raise RateLimited(LIMIT_MESSAGES[scope], minutes=limit.minutes)

    def spend(self, scope: str, *subject: object) -> None:
        """Count one event in a transaction of its own (kept even if what follows fails).

        Raises
        ------
        RateLimited
        """
        with self.engine.begin() as conn:
            self._spend(conn, scope, *subject)
