"""How the room is doing, for the facilitator: who has taken part, as what, and
who has not named anyone yet.

Plain counting over the current submissions (see
:class:`~netanalysis.workshop.Submission`); the store supplies them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .schema import STAKEHOLDER_TYPES, canonical_type
from .workshop import Submission

__all__ = ["RoomProgress", "room_progress"]


@dataclass(frozen=True)
class RoomProgress:
    """What the facilitator's side panel shows.

    ``per_type`` counts the people who sent an entry, by the type they chose
    for themselves, in :data:`~netanalysis.schema.STAKEHOLDER_TYPES` order
    (types nobody chose are left out). ``without_ties`` lists the names of
    entries that name nobody yet, oldest first. ``typing`` counts
    participants with an unsent entry and nothing sent.
    """

    entries: int
    per_type: dict[str, int] = field(default_factory=dict)
    without_ties: list[str] = field(default_factory=list)
    typing: int = 0


def room_progress(submissions: Iterable[Submission], *, typing: int = 0) -> RoomProgress:
    """Count the current submissions of a workshop.

    Parameters
    ----------
    submissions : iterable of Submission
        The workshop's current (not withdrawn) submissions, oldest first.
    typing : int
        Participants still typing (an unsent entry kept by the store).

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> now = datetime.now(timezone.utc)
    >>> def entry(name, kind, ties):
    ...     return Submission(name, "ABCD2345", "p" + name, {"me": {"name": name, "type": kind}, "ties": ties}, now, now)
    >>> progress = room_progress([entry("Anouk", "resident", []), entry("Bram", "civil_servant", [{"name": "x"}]),
    ...                           entry("Carla", "resident", [{"name": "y"}])], typing=2)
    >>> progress.per_type, progress.without_ties, progress.typing
    ({'civil_servant': 1, 'resident': 2}, ['Anouk'], 2)
    """
    entries = list(submissions)
    counts = Counter(canonical_type(s.payload.get("me", {}).get("type"))[0] for s in entries)
    order = {kind: i for i, kind in enumerate(STAKEHOLDER_TYPES)}
    per_type = dict(sorted(counts.items(), key=lambda item: order.get(item[0], len(order))))
    without = [s.payload.get("me", {}).get("name", "") for s in entries if not s.payload.get("ties")]
    return RoomProgress(entries=len(entries), per_type=per_type, without_ties=without, typing=int(typing))
