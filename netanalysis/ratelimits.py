"""Rate limits of a workshop room: what is counted, per what, and how much is allowed.

Each limit has a *scope* (what is counted, and per which subject) and
allows ``count`` events per ``seconds``. The store keeps the counters in
the database (:mod:`netanalysis.store.limits`), so every app server on one
database sees the same counts; this module holds the rules and the
arithmetic, without SQL.

Counting uses the sliding-window estimate of two fixed windows: the
previous window's count weighted by the part of it still inside the
sliding window, plus the current window's count [1]_. Unlike one fixed
window it does not allow twice the limit around a window boundary.

The per-address limits must leave room for a whole room behind one
network address (a municipality's guest Wi-Fi usually is one NAT address):
the defaults allow 300 joins and 150 submissions per address per ten
minutes, which a room of 100 stays well under; raise them with
``NETWERKKAART_RATE_LIMITS`` (see :func:`parse_rate_limits`) for larger
rooms.

References
----------
.. [1] Cloudflare (2017). How we built rate limiting capable of scaling to
   millions of domains. https://blog.cloudflare.com/counting-things-a-lot-of-different-things/
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "RateLimit",
    "RATE_LIMITS",
    "SCOPES",
    "parse_rate_limits",
    "window_start",
    "sliding_count",
]


@dataclass(frozen=True)
class RateLimit:
    """At most ``count`` events per ``seconds``."""

    count: int
    seconds: int

    def __post_init__(self):
        if self.count < 1 or self.seconds < 1:
            raise ValueError("a rate limit needs a count and a window of at least 1")

    @property
    def minutes(self) -> int:
        """The window in whole minutes (at least 1), for messages."""
        return max(1, math.ceil(self.seconds / 60))


#: Every scope, with what it counts (the subject after the bar).
SCOPES = {
    "join_address": "joins of any workshop | client address",
    "join_unknown_address": "joins with a code that does not exist | client address",
    "join_workshop": "joins | workshop",
    "submit_address": "submissions and updates | workshop + client address",
    "submit_workshop": "submissions and updates | workshop",
    "key_address": "facilitator-key attempts | client address",
    "key_workshop": "facilitator-key attempts | workshop",
    "create_user": "workshops opened | signed-in user",
}

#: The defaults (see the module docstring for the room behind one address).
RATE_LIMITS: Mapping[str, RateLimit] = {
    "join_address": RateLimit(300, 600),
    "join_unknown_address": RateLimit(20, 600),
    "join_workshop": RateLimit(1000, 600),
    "submit_address": RateLimit(150, 600),
    "submit_workshop": RateLimit(1200, 600),
    "key_address": RateLimit(20, 600),
    "key_workshop": RateLimit(10, 600),
    "create_user": RateLimit(20, 3600),
}


def parse_rate_limits(text: str | None, base: Mapping[str, RateLimit] = RATE_LIMITS) -> dict[str, RateLimit]:
    """``base`` with the limits in ``text`` changed: ``scope=count/seconds``
    separated by commas; ``scope=off`` switches one off.

    Raises
    ------
    ValueError
        Naming the part that is not understood and the known scopes.

    Examples
    --------
    >>> limits = parse_rate_limits("submit_address=400/600, key_workshop=off")
    >>> limits["submit_address"], "key_workshop" in limits
    (RateLimit(count=400, seconds=600), False)
    """
    limits = dict(base)
    for part in (text or "").split(","):
        part = part.strip()
        if not part:
            continue
        scope, _, value = (p.strip() for p in part.partition("="))
        if scope not in SCOPES:
            raise ValueError(f"unknown rate limit {scope!r} in {part!r}; known: {', '.join(SCOPES)}")
        if value.lower() == "off":
            limits.pop(scope, None)
            continue
        count, _, seconds = value.partition("/")
        try:
            limits[scope] = RateLimit(int(count), int(seconds))
        except ValueError:
            raise ValueError(f"rate limit {part!r}: write scope=count/seconds, e.g. {scope}=100/600") from None
    return limits


def window_start(now: float, limit: RateLimit) -> int:
    """The start (seconds since the epoch) of the fixed window holding ``now``.

    >>> window_start(1234.5, RateLimit(10, 600))
    1200
    """
    return int(now // limit.seconds) * limit.seconds


def sliding_count(previous: int, current: int, now: float, limit: RateLimit) -> float:
    """The events in the ``limit.seconds`` before ``now``, estimated from the
    previous and the current fixed window's counts.

    >>> limit = RateLimit(10, 600)
    >>> sliding_count(8, 2, 1200.0, limit)  # the window just turned: all of the previous one counts
    10.0
    >>> sliding_count(8, 2, 1500.0, limit)  # half-way: half of it
    6.0
    """
    elapsed = (now - window_start(now, limit)) / limit.seconds
    return previous * (1.0 - elapsed) + current
