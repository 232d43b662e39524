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
               "organisation": "Gemeente", "themes": ["groen"], "area": "Noord"},
        "ties": [
            {"stakeholder_id": "s12", "relation_type": "collaboration", "strength": 4},
            {"name": "Buurtmoestuin", "type": "initiative",
             "relation_type": "informal", "strength": 3},
        ],
    }

``type`` and ``relation_type`` accept canonical keys or Dutch/English names
(see :mod:`netanalysis.schema`); ``organisation``, ``themes``, ``area``,
``relation_type`` and ``strength`` are optional.
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
    "validate_payload",
    "validate_submission_id",
    "name_key",
    "derived_id",
    "submission_names",
    "merge_submissions",
]


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
        ``{"me": {"name", "type", "organisation", "themes", "area"},
        "ties": [{"stakeholder_id"} or {"name", "type"}, plus
        "relation_type", "strength"]}``.

    Raises
    ------
    InvalidSubmission
        With a Dutch and English message naming the field at fault.

    Examples
    --------
    >>> clean = validate_payload({"me": {"name": " Anouk  de Vries ", "type": "Ambtenaar"},
    ...                           "ties": [{"name": "Buurtmoestuin", "type": "initiatief", "strength": "4"}]})
    >>> clean["me"]["name"], clean["me"]["type"], clean["ties"][0]["strength"]
    ('Anouk de Vries', 'civil_servant', 4)
    >>> validate_payload({"me": {"name": "", "type": "bewoner"}})
    Traceback (most recent call last):
    ...
    netanalysis.workshop.InvalidSubmission: Vul de naam in.
    """
    if not isinstance(payload, Mapping) or not isinstance(payload.get("me"), Mapping):
        raise InvalidSubmission("not_a_dict")
    me_in = payload["me"]
    me = {
        "name": _text(me_in.get("name"), "field_name", limits.name, required=True),
        "type": _stakeholder_type(me_in.get("type")),
        "organisation": _text(me_in.get("organisation"), "field_organisation", limits.organisation),
        "themes": _themes(me_in.get("themes"), limits),
        "area": _text(me_in.get("area"), "field_area", limits.area),
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


def merge_submissions(
    seed: StakeholderNetwork | None,
    submissions: Iterable[Submission],
    *,
    name: str = "",
) -> StakeholderNetwork:
    """The seed network plus everything participants submitted.

    Parameters
    ----------
    seed : StakeholderNetwork or None
        The network the workshop started from.
    submissions : iterable of Submission
        Withdrawn ones are skipped.
    name : str
        Name of the resulting network.

    Returns
    -------
    StakeholderNetwork

    Notes
    -----
    * Each participant is one stakeholder, described by their **latest**
      submission's ``me`` (a corrected typo moves all their ties along).
    * People are deduplicated by :func:`name_key` (case-insensitive name and
      type), also against the seed: a participant who is already in the
      seed becomes that stakeholder. New people get :func:`derived_id` ids.
    * A self-description fills what the seed leaves empty (the seed's
      values win) and adds themes; among participants, later wins.
    * Ties to an id that no longer exists (a withdrawn participant) are
      dropped, as are ties to oneself.
    * Workshop relations are deduplicated per pair and type, keeping the
      strongest rating (A naming B and B naming A is one tie). A relation
      the seed already has (same pair and type) is not added again.
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

    participant_ids: dict[str, str] = {}
    for participant, me in latest_me.items():
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
    has_strengths = bool(ties) or seed is None or seed.has_strengths
    return StakeholderNetwork.from_tables(list(people.values()), relations, name=name, has_strengths=has_strengths)
