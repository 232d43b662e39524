"""Workshop submissions: payload validation and merging into one network.

A facilitator opens a workshop and gets a join code (shared with the room)
and a facilitator key (kept secret, stored only as a salted hash).
Participants send *submissions* from their phones: who they are and whom
they work with. :func:`validate_payload` checks and normalises one
submission; :func:`merge_submissions` turns the seed network plus all
current submissions into one :class:`~netanalysis.network.StakeholderNetwork`.
:mod:`netanalysis.store` does the SQL around these functions.

The payload of a submission (a JSON-able dict)::

    {
        "me": {"name": "Anouk de Vries", "type": "civil_servant",
               "organisation": "Gemeente", "themes": ["groen"], "area": "Noord",
               "consent": True, "shown_as": "name"},
        "ties": [
            {"stakeholder_id": "s12", "relation_type": "collaboration", "strength": 4},
            {"name": "Buurtmoestuin", "type": "initiative",
             "relation_type": "informal", "strength": 3},
        ],
    }

``type`` and ``relation_type`` accept canonical keys or Dutch/English names
(see :mod:`netanalysis.schema`); ``organisation``, ``themes``, ``area``,
``relation_type`` and ``strength`` are optional. ``consent`` must be ``True``
(the participant ticked the consent box after reading the privacy notice)
and ``shown_as`` says how the participant appears to the room: ``"name"``
(by name, and choosable on other phones) or ``"participant"`` (as
"Deelnemer 3", never by name): both are required, so a request made
without the form cannot skip them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .network import StakeholderNetwork
from .schema import (
    DEFAULT_RELATION_TYPE,
    OTHER,
    canonical_relation_type,
    canonical_type,
    split_themes,
)
from .workshop import InvalidSubmission, Submission

__all__ = [
    "LIMITS",
    "Limits",
    "SHOWN_AS",
    "MergedWorkshop",
    "validate_payload",
    "validate_submission_id",
    "name_key",
    "derived_id",
    "submission_names",
    "merge_submissions",
    "merge_workshop",
    "room_choices",
]

#: How a participant appears to the room: by name, or only as a neutral "Deelnemer n".
SHOWN_AS = ("name", "participant")
_SHOWN_AS_WORDS = {"name": "name", "naam": "name", "participant": "participant", "deelnemer": "participant"}


@dataclass(frozen=True)
class Limits:
    """Length and count limits of a submission (characters after cleaning)."""

    name: int = 100
    organisation: int = 100
    area: int = 60
    theme: int = 40
    themes: int = 10
    ties: int = 30
    stakeholder_id: int = 64
    submission_id: int = 64


LIMITS = Limits()


# -- validation ---------------------------------------------------------------

_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn"}


def _clean_text(value: Any) -> str:
    # Control and format characters (e.g. bidi overrides) have no place in a
    # name and can disguise one name as another on the map.
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise InvalidSubmission("not_a_dict")
    text = unicodedata.normalize("NFC", str(value))
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch) not in _INVISIBLE)
    return " ".join(text.split())


def _text(value: Any, field_key: str, limit: int, *, required: bool = False) -> str | None:
    text = _clean_text(value)
    if not text:
        if required:
            raise InvalidSubmission("missing", field=field_key)
        return None
    if len(text) > limit:
        raise InvalidSubmission("too_long", field=field_key, limit=limit)
    return text


def _stakeholder_type(value: Any) -> str:
    text = _clean_text(value)
    if not text:
        raise InvalidSubmission("missing", field="field_type")
    key, known = canonical_type(text)
    if not known and text != OTHER:
        raise InvalidSubmission("unknown_type", value=text[:40])
    return key


def _relation_type(value: Any) -> str:
    text = _clean_text(value)
    if not text:
        return DEFAULT_RELATION_TYPE
    key, known = canonical_relation_type(text)
    if not known and text != OTHER:
        raise InvalidSubmission("unknown_relation_type", value=text[:40])
    return key


def _strength(value: Any) -> int:
    if isinstance(value, bool):
        raise InvalidSubmission("bad_strength")
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not 1 <= value <= 5:
        raise InvalidSubmission("bad_strength")
    return value


def _themes(value: Any, limits: Limits) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        raw = split_themes(value)
    elif isinstance(value, (list, tuple)):
        raw = [_clean_text(v) for v in value]
    else:
        raise InvalidSubmission("not_a_dict")
    themes: list[str] = []
    for item in raw:
        theme = _text(item, "field_theme", limits.theme)
        if theme and theme not in themes:
            themes.append(theme)
    if len(themes) > limits.themes:
        raise InvalidSubmission("too_many", field="field_themes", limit=limits.themes)
    return themes


def _shown_as(value: Any) -> str:
    shown = _SHOWN_AS_WORDS.get(_clean_text(value).casefold()) if isinstance(value, str) else None
    if shown is None:
        raise InvalidSubmission("bad_shown_as")
    return shown


def validate_payload(payload: Any, *, limits: Limits = LIMITS) -> dict:
    """Check a submission payload and return its normalised form.

    Text is NFC-normalised, stripped of control and format characters and
    of repeated white space; types become canonical keys; unknown keys are
    dropped, so only the normalised payload is ever stored.

    Parameters
    ----------
    payload : mapping
        See the module docstring for the shape.
    limits : Limits, optional

    Returns
    -------
    dict
        ``{"me": {"name", "type", "organisation", "themes", "area",
        "consent", "shown_as"}, "ties": [{"stakeholder_id"} or
        {"name", "type"}, plus "relation_type", "strength"]}``.

    Raises
    ------
    InvalidSubmission
        With a Dutch and English message naming the field at fault; also
        when ``consent`` is anything but ``True`` (not "yes", not 1) or
        ``shown_as`` is missing or unknown.

    Examples
    --------
    >>> clean = validate_payload({"me": {"name": " Anouk  de Vries ", "type": "Ambtenaar",
    ...                                  "consent": True, "shown_as": "deelnemer"},
    ...                           "ties": [{"name": "Buurtmoestuin", "type": "initiatief", "strength": "4"}]})
    >>> clean["me"]["name"], clean["me"]["type"], clean["me"]["shown_as"], clean["ties"][0]["strength"]
    ('Anouk de Vries', 'civil_servant', 'participant', 4)
    >>> validate_payload({"me": {"name": "Anouk", "type": "bewoner", "shown_as": "name"}})
    Traceback (most recent call last):
    ...
    netanalysis.workshop.InvalidSubmission: Geef eerst toestemming: vink aan dat je de uitleg over je gegevens hebt gelezen en meedoet.
    """
    if not isinstance(payload, Mapping) or not isinstance(payload.get("me"), Mapping):
        raise InvalidSubmission("not_a_dict")
    me_in = payload["me"]
    # Checked first: without consent nothing else of the payload matters.
    if me_in.get("consent") is not True:
        raise InvalidSubmission("no_consent")
    me = {
        "name": _text(me_in.get("name"), "field_name", limits.name, required=True),
        "type": _stakeholder_type(me_in.get("type")),
        "organisation": _text(me_in.get("organisation"), "field_organisation", limits.organisation),
        "themes": _themes(me_in.get("themes"), limits),
        "area": _text(me_in.get("area"), "field_area", limits.area),
        "consent": True,
        "shown_as": _shown_as(me_in.get("shown_as")),
    }
    ties_in = payload.get("ties") or []
    if not isinstance(ties_in, (list, tuple)):
        raise InvalidSubmission("not_a_dict")
    if len(ties_in) > limits.ties:
        raise InvalidSubmission("too_many", field="field_ties", limit=limits.ties)
    ties = []
    for tie_in in ties_in:
        if not isinstance(tie_in, Mapping):
            raise InvalidSubmission("not_a_dict")
        stakeholder_id = _text(tie_in.get("stakeholder_id"), "field_stakeholder_id", limits.stakeholder_id)
        if stakeholder_id:
            tie: dict[str, Any] = {"stakeholder_id": stakeholder_id}
        else:
            name = _text(tie_in.get("name"), "field_name", limits.name)
            if not name:
                raise InvalidSubmission("tie_needs_target")
            tie = {"name": name, "type": _stakeholder_type(tie_in.get("type"))}
            if name_key(name, tie["type"]) == name_key(me["name"], me["type"]):
                raise InvalidSubmission("tie_to_self")
        tie["relation_type"] = _relation_type(tie_in.get("relation_type"))
        tie["strength"] = _strength(tie_in.get("strength", 3))
        ties.append(tie)
    return {"me": me, "ties": ties}


def validate_submission_id(submission_id: Any, *, limits: Limits = LIMITS) -> str:
    """Check a client-made submission id (e.g. a UUID made when the form opened).

    >>> validate_submission_id("3f0c-01")
    '3f0c-01'
    """
    if not isinstance(submission_id, str) or not 1 <= len(submission_id) <= limits.submission_id:
        raise InvalidSubmission("bad_submission_id")
    if not re.fullmatch(r"[A-Za-z0-9_.:\-]+", submission_id):
        raise InvalidSubmission("bad_submission_id")
    return submission_id


# -- merging -----------------------------------------------------------------


def name_key(name: str, stakeholder_type: str) -> tuple[str, str]:
    """The key under which named people are deduplicated: case-insensitive name and type.

    Accents are kept: "Zoë" and "Zoe" may be different people.

    >>> name_key("  Bea   JANSEN", "resident") == name_key("bea jansen", "resident")
    True
    """
    return (" ".join(unicodedata.normalize("NFC", name).split()).casefold(), stakeholder_type)


def derived_id(key: tuple[str, str], *, length: int = 10) -> str:
    """A stable stakeholder id for a workshop person: ``w-`` and a short hash of
    :func:`name_key`, so the same person gets the same id in every merge.

    >>> derived_id(name_key("Bea Jansen", "resident")) == derived_id(name_key("bea jansen", "resident"))
    True
    """
    digest = hashlib.sha256(f"{key[1]}\x1f{key[0]}".encode("utf-8")).hexdigest()
    return f"w-{digest[:length]}"


def submission_names(payload: Mapping) -> list[tuple[str, str]]:
    """Every person named in a normalised payload as ``(role, name)``, role
    ``"self"`` or ``"named"``: what a later *forget* must find."""
    names = [("self", payload["me"]["name"])]
    names += [("named", tie["name"]) for tie in payload.get("ties", []) if "name" in tie]
    return names


@dataclass(frozen=True)
class MergedWorkshop:
    """A merged workshop network and who in it came from which participant.

    ``participant_nodes`` maps a participant (token fingerprint) to their
    stakeholder id; ``shown_by_name`` holds the ids of participants who
    chose to be visible by name, ``hidden`` those shown as "Deelnemer n".
    """

    network: StakeholderNetwork
    participant_nodes: dict[str, str]
    shown_by_name: frozenset[str]
    hidden: frozenset[str]


def _hidden_id(participant: str) -> str:
    # From the token's fingerprint, never from the name: the id of someone who
    # chose not to be named must not be a hash of their name either.
    return "d-" + hashlib.sha256(f"participant\x1f{participant}".encode("utf-8")).hexdigest()[:10]


def _resolve_aliases(aliases: Mapping[str, str]) -> dict[str, str]:
    """Follow chains (a→b, b→c gives a→c); an alias that would loop is dropped."""
    resolved: dict[str, str] = {}
    for start in aliases:
        seen = {start}
        target = aliases[start]
        while target in aliases and target not in seen:
            seen.add(target)
            target = aliases[target]
        if target not in seen:
            resolved[start] = target
    return resolved


def merge_submissions(
    seed: StakeholderNetwork | None,
    submissions: Iterable[Submission],
    *,
    name: str = "",
    aliases: Mapping[str, str] | None = None,
    participant_label: str = "Deelnemer {n}",
) -> StakeholderNetwork:
    """The seed network plus everything participants submitted; see
    :func:`merge_workshop`, which this returns the ``network`` of."""
    return merge_workshop(seed, submissions, name=name, aliases=aliases, participant_label=participant_label).network


def merge_workshop(
    seed: StakeholderNetwork | None,
    submissions: Iterable[Submission],
    *,
    name: str = "",
    aliases: Mapping[str, str] | None = None,
    participant_label: str = "Deelnemer {n}",
) -> MergedWorkshop:
    """The seed network plus everything participants submitted.

    Parameters
    ----------
    seed : StakeholderNetwork or None
        The network the workshop started from.
    submissions : iterable of Submission
        Withdrawn ones are skipped (and, under moderation, the caller
        passes only approved ones).
    name : str
        Name of the resulting network.
    aliases : mapping, optional
        Duplicates merged by the facilitator: stakeholder id → the id it
        becomes (whose name stays). Chains are followed; ids not in the
        network are ignored.
    participant_label : str
        The label of a participant who chose ``shown_as="participant"``;
        ``{n}`` numbers them in the order they first sent something.

    Returns
    -------
    MergedWorkshop

    Notes
    -----
    * Each participant is one stakeholder, described by their **latest**
      submission's ``me`` (a corrected typo moves all their ties along).
    * People are deduplicated by :func:`name_key` (case-insensitive name and
      type), also against the seed: a participant who is already in the
      seed becomes that stakeholder. New people get :func:`derived_id` ids.
    * A participant shown as "deelnemer" is never matched by name: they get
      an id made from their token and the neutral label, so their name is
      nowhere in the network (others may still name them; that is a
      separate stakeholder the facilitator can merge).
    * A self-description fills what the seed leaves empty (the seed's
      values win) and adds themes; among participants, later wins.
    * Ties to an id that no longer exists (a withdrawn participant) are
      dropped, as are ties to oneself.
    * Workshop relations are deduplicated per pair and type, keeping the
      strongest rating (A naming B and B naming A is one tie). A relation
      the seed already has (same pair and type) is not added again.
    * Aliases are applied last: the merged-away stakeholder's empty fields
      are filled from it, its themes added, its relations moved; relations
      that become duplicates keep the strongest, those that become
      self-ties are dropped.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> t = datetime(2026, 11, 23, tzinfo=timezone.utc)
    >>> def sent(who, name, shown_as, ties=()):
    ...     payload = validate_payload({"me": {"name": name, "type": "resident", "consent": True,
    ...                                        "shown_as": shown_as}, "ties": list(ties)})
    ...     return Submission(who, "CODE", who, payload, t, t)
    >>> merged = merge_workshop(None, [sent("p1", "Bea", "name", [{"name": "Cor", "type": "resident"}]),
    ...                                sent("p2", "Dirk", "participant", [{"name": "Bea", "type": "resident"}])])
    >>> sorted(merged.network.stakeholders["name"])
    ['Bea', 'Cor', 'Deelnemer 1']
    """
    people: dict[str, dict[str, Any]] = {}
    seed_ids: set[str] = set()
    index: dict[tuple[str, str], str] = {}
    seed_relations: list[dict[str, Any]] = []
    if seed is not None:
        for record in seed.stakeholders.to_dict("records"):
            record["themes"] = list(record["themes"])
            people[record["id"]] = record
            seed_ids.add(record["id"])
            index.setdefault(name_key(record["name"], record["type"]), record["id"])
        seed_relations = seed.relations.to_dict("records")

    def resolve(key: tuple[str, str], display_name: str) -> str:
        if key in index:
            return index[key]
        length = 10
        new_id = derived_id(key, length=length)
        while new_id in people:  # a hash prefix clash, or a seed id that happens to look alike
            length += 2
            new_id = derived_id(key, length=length)
        people[new_id] = {"id": new_id, "name": display_name, "type": key[1], "themes": []}
        index[key] = new_id
        return new_id

    current = sorted(
        (s for s in submissions if not s.withdrawn),
        key=lambda s: (s.created_at, s.submission_id),
    )
    latest_me: dict[str, dict[str, Any]] = {}
    for submission in sorted(current, key=lambda s: (s.updated_at, s.created_at, s.submission_id)):
        latest_me[submission.participant] = submission.payload["me"]
    first_seen = list(dict.fromkeys(s.participant for s in current))
    # Stored before consent existed: nobody agreed to be named, so not by name.
    unnamed = [p for p in first_seen if latest_me[p].get("shown_as", "participant") != "name"]
    number = {participant: n for n, participant in enumerate(unnamed, start=1)}

    participant_ids: dict[str, str] = {}
    hidden: set[str] = set()
    for participant, me in latest_me.items():
        if participant in number:
            node = _hidden_id(participant)
            people[node] = {"id": node, "name": participant_label.format(n=number[participant]), "type": me["type"], "themes": []}
            hidden.add(node)
        else:
            node = resolve(name_key(me["name"], me["type"]), me["name"])
        participant_ids[participant] = node
        record = people[node]
        for column in ("organisation", "area"):
            if me.get(column) and (node not in seed_ids or not record.get(column)):
                record[column] = me[column]
        record["themes"] = list(dict.fromkeys([*record.get("themes", []), *me.get("themes", [])]))

    ties: dict[tuple[str, str, str], float] = {}
    for submission in current:
        source = participant_ids[submission.participant]
        for tie in submission.payload.get("ties", []):
            if "stakeholder_id" in tie:
                target = tie["stakeholder_id"]
                if target not in people:
                    continue
            else:
                target = resolve(name_key(tie["name"], tie["type"]), tie["name"])
            if target == source:
                continue
            low, high = sorted((source, target))
            pair = (low, high, tie["relation_type"])
            ties[pair] = max(ties.get(pair, 0.0), float(tie["strength"]))

    seen = {(*sorted((r["source"], r["target"])), r["type"]) for r in seed_relations}
    relations = list(seed_relations)
    relations += [
        {"source": s, "target": t, "type": kind, "strength": strength}
        for (s, t, kind), strength in ties.items()
        if (s, t, kind) not in seen
    ]
    moved = {a: b for a, b in _resolve_aliases(aliases or {}).items() if a in people and b in people}
    if moved:
        relations = _apply_aliases(people, relations, moved)
        participant_ids = {p: moved.get(node, node) for p, node in participant_ids.items()}
        hidden = {node for node in hidden if node not in moved}
    has_strengths = bool(ties) or seed is None or seed.has_strengths
    network = StakeholderNetwork.from_tables(list(people.values()), relations, name=name, has_strengths=has_strengths)
    by_name = {participant_ids[p] for p in first_seen if p not in number}
    return MergedWorkshop(network, participant_ids, frozenset(by_name - hidden), frozenset(hidden))


def _apply_aliases(people: dict[str, dict[str, Any]], relations: list[dict[str, Any]], moved: Mapping[str, str]) -> list[dict[str, Any]]:
    """Fold each merged-away stakeholder into the one it became (in place for
    ``people``); return the relations with their ends moved."""
    for old, new in moved.items():
        gone, kept = people.pop(old), people[new]
        for column, value in gone.items():
            if column not in ("id", "name", "type", "themes") and value not in (None, "") and kept.get(column) in (None, ""):
                kept[column] = value
        kept["themes"] = list(dict.fromkeys([*kept.get("themes", []), *gone.get("themes", [])]))
    strongest: dict[tuple[str, str, str], dict[str, Any]] = {}
    for relation in relations:
        source, target = moved.get(relation["source"], relation["source"]), moved.get(relation["target"], relation["target"])
        if source == target:
            continue
        key = (*sorted((source, target)), relation["type"])
        if key not in strongest or float(relation["strength"]) > float(strongest[key]["strength"]):
            strongest[key] = {**relation, "source": source, "target": target}
    return list(strongest.values())


def room_choices(merged: MergedWorkshop, chosen: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The stakeholders a participant's phone may offer to pick, by name.

    Only those who agreed to it: participants who chose to be visible by
    name, plus stakeholders the facilitator made choosable (``chosen``).
    Nobody else of the seed network, nobody merely named by someone else,
    and never a participant shown as "deelnemer".

    Returns
    -------
    list of dict
        ``id``, ``name``, ``type`` and ``themes``, sorted by name.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> t = datetime(2026, 11, 23, tzinfo=timezone.utc)
    >>> payload = validate_payload({"me": {"name": "Bea", "type": "resident", "consent": True, "shown_as": "name"},
    ...                             "ties": [{"name": "Cor", "type": "resident"}]})
    >>> merged = merge_workshop(None, [Submission("s1", "CODE", "p1", payload, t, t)])
    >>> [person["name"] for person in room_choices(merged)]
    ['Bea']
    """
    allowed = (set(merged.shown_by_name) | set(chosen)) - merged.hidden
    people = merged.network.stakeholders
    rows = people[people["id"].isin(allowed)]
    choices = [
        {"id": row.id, "name": row.name, "type": row.type, "themes": list(row.themes)}
        for row in rows.itertuples(index=False)
    ]
    return sorted(choices, key=lambda person: (person["name"].casefold(), person["id"]))
