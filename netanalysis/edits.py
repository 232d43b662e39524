"""Edits of a working copy as data: make, apply, invert, merge and describe them.

A working copy (a *concept*) is a plain, JSON-ready **state**::

    {"name": str, "has_strengths": bool,
     "stakeholders": [record, ...], "relations": [record, ...],
     "decisions": [{"source", "target", "decision"}, ...]}

where the records are the rows of the two tables (see :func:`state_of`) and
``decisions`` remembers which suggested introductions were accepted or
dismissed. An **edit** is the difference between two states, row by row
with the rows' positions, so it can be applied, inverted (undo) and applied
again (redo) without keeping whole copies: one accepted suggestion is one
added relation row, a few hundred bytes, whatever the network's size.

When another tab changed the same working copy in the meantime, the
positions no longer fit; :func:`merge` then applies the edit by content
instead: stakeholders by id, relations by their two ends and type,
decisions by their pair, and for a row both tabs changed the edit's own
fields win (last write wins per field) while the other tab's changes to
other fields stay. Whatever the merge overwrote or had to leave out is
reported, never dropped silently.

Everything here is pure: functions take states and return new ones.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable, Mapping
from difflib import SequenceMatcher
from typing import Any

from .i18n import Messages
from .network import StakeholderNetwork

__all__ = [
    "TABLES",
    "DECISIONS",
    "EditConflict",
    "MESSAGES",
    "state_of",
    "network_of",
    "state_fingerprint",
    "diff",
    "apply",
    "invert",
    "merge",
    "is_empty",
    "with_decision",
    "decided_pairs",
    "describe",
    "describe_text",
    "edit_size",
]

#: The lists of a state that edits change.
TABLES = ("stakeholders", "relations", "decisions")
#: What can be decided about a suggested introduction.
DECISIONS = ("accepted", "dismissed")
_META = ("name", "has_strengths")
#: Above this many changed rows on both sides, a full replacement is cheaper
#: to store as "all out, all in" than to align row by row.
_ALIGN_LIMIT = 4000


class EditConflict(ValueError):
    """The edit's rows are not where it expects them (the state changed since)."""


MESSAGES = Messages({
    "relation_added": {"nl": "Relatie {a} – {b} toegevoegd", "en": "Relation {a} – {b} added"},
    "relation_removed": {"nl": "Relatie {a} – {b} verwijderd", "en": "Relation {a} – {b} removed"},
    "relation_changed": {"nl": "Relatie {a} – {b} gewijzigd", "en": "Relation {a} – {b} changed"},
    "stakeholder_added": {"nl": "Betrokkene {name} toegevoegd", "en": "Stakeholder {name} added"},
    "stakeholder_removed": {"nl": "Betrokkene {name} verwijderd", "en": "Stakeholder {name} removed"},
    "stakeholder_changed": {"nl": "Betrokkene {name} gewijzigd", "en": "Stakeholder {name} changed"},
    "tables_changed": {
        "nl": "Tabellen gewijzigd: {stakeholders} betrokkene(n) en {relations} relatie(s)",
        "en": "Tables changed: {stakeholders} stakeholder(s) and {relations} relation(s)",
    },
    "renamed": {"nl": "Naam gewijzigd in {name}", "en": "Renamed to {name}"},
    "suggestion_accepted": {
        "nl": "Suggestie overgenomen: relatie {a} – {b} toegevoegd",
        "en": "Suggestion accepted: relation {a} – {b} added",
    },
    "suggestion_dismissed": {"nl": "Suggestie {a} – {b} afgewezen", "en": "Suggestion {a} – {b} dismissed"},
    "suggestion_reset": {"nl": "Suggestie {a} – {b} weer getoond", "en": "Suggestion {a} – {b} shown again"},
    "loaded_file": {"nl": "Bestand {name} geladen", "en": "File {name} loaded"},
    "loaded_demo": {"nl": "Voorbeeldnetwerk geladen", "en": "Demo network loaded"},
    "opened_version": {"nl": "Versie {number} van {name} geopend", "en": "Version {number} of {name} opened"},
    "workshop_taken_over": {"nl": "Workshopresultaat {name} overgenomen", "en": "Workshop result {name} taken over"},
    "person_forgotten": {"nl": "Een persoon vergeten (AVG)", "en": "A person forgotten (GDPR)"},
    "loaded": {"nl": "{name} geladen", "en": "{name} loaded"},
    "nothing": {"nl": "Geen wijziging", "en": "No change"},
})


# -- states ----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    return value


def state_of(network: StakeholderNetwork, decisions: Iterable[Mapping[str, str]] = ()) -> dict[str, Any]:
    """The JSON-ready state of ``network`` with these suggestion ``decisions``.

    Examples
    --------
    >>> net = StakeholderNetwork.from_tables([{"id": "a", "name": "Anouk", "type": "resident"}])
    >>> state = state_of(net)
    >>> state["stakeholders"][0]["name"], state["relations"], state["decisions"]
    ('Anouk', [], [])
    >>> network_of(state).fingerprint() == net.fingerprint()
    True
    """
    return {
        "name": network.name or "",
        "has_strengths": bool(network.has_strengths),
        "stakeholders": [{k: _plain(v) for k, v in row.items()} for row in network.stakeholders.to_dict("records")],
        "relations": [{k: _plain(v) for k, v in row.items()} for row in network.relations.to_dict("records")],
        "decisions": [_decision(d["source"], d["target"], d["decision"]) for d in decisions],
    }


def network_of(state: Mapping[str, Any]) -> StakeholderNetwork:
    """The :class:`StakeholderNetwork` a state holds (its decisions aside)."""
    return StakeholderNetwork.from_tables(
        state["stakeholders"], state["relations"], name=state.get("name", ""),
        has_strengths=bool(state.get("has_strengths", True)),
    )


def state_fingerprint(state: Mapping[str, Any], network: StakeholderNetwork | None = None) -> str:
    """A content hash of the network and its decisions (order-free).

    Equal to the hash of a saved version with the same tables and decisions,
    which is how a concept knows it is saved.
    """
    network = network if network is not None else network_of(state)
    decisions = sorted(json.dumps(d, sort_keys=True) for d in state.get("decisions", []))
    body = json.dumps({"network": network.fingerprint(), "decisions": decisions})
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _decision(source: str, target: str, decision: str) -> dict[str, str]:
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}")
    a, b = sorted((str(source), str(target)))
    return {"source": a, "target": b, "decision": decision}


def with_decision(state: Mapping[str, Any], source: str, target: str, decision: str | None) -> dict[str, Any]:
    """``state`` with the suggestion ``source``–``target`` accepted, dismissed, or
    (``decision=None``) undecided again; one decision per pair."""
    pair = tuple(sorted((str(source), str(target))))
    kept = [d for d in state.get("decisions", []) if (d["source"], d["target"]) != pair]
    if decision is not None:
        kept.append(_decision(source, target, decision))
    return {**state, "decisions": kept}


def decided_pairs(decisions: Iterable[Mapping[str, str]], decision: str | None = None) -> set[frozenset]:
    """The pairs with a decision (of kind ``decision`` if given), as frozensets."""
    return {frozenset((d["source"], d["target"])) for d in decisions if decision is None or d["decision"] == decision}


# -- edits -------------------------------------------------------------------------------


def _row_key(row: Mapping[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False, default=str)


def _diff_rows(before: list, after: list) -> dict[str, list]:
    """Removed rows with their positions in ``before``, added rows with their positions in ``after``."""
    a = [_row_key(r) for r in before]
    b = [_row_key(r) for r in after]
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    removed, added = [], []
    if end_a - start > _ALIGN_LIMIT and end_b - start > _ALIGN_LIMIT:
        blocks = [("replace", start, end_a, start, end_b)]
    else:
        matcher = SequenceMatcher(None, a[start:end_a], b[start:end_b], autojunk=False)
        blocks = [(tag, i1 + start, i2 + start, j1 + start, j2 + start) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    for tag, i1, i2, j1, j2 in blocks:
        if tag in ("replace", "delete"):
            removed.extend([i, before[i]] for i in range(i1, i2))
        if tag in ("replace", "insert"):
            added.extend([j, after[j]] for j in range(j1, j2))
    return {"removed": removed, "added": added}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The edit that turns state ``before`` into state ``after``.

    Returns
    -------
    dict
        ``{"tables": {table: {"removed": [[position, row], ...], "added": [...]}},
        "meta": {"before": {...}, "after": {...}}}``; tables and meta without
        changes are left out, so an empty edit is ``{"tables": {}}``.

    Examples
    --------
    >>> before = {"name": "", "has_strengths": True, "stakeholders": [], "decisions": [],
    ...           "relations": [{"source": "a", "target": "b"}]}
    >>> after = {**before, "relations": before["relations"] + [{"source": "a", "target": "c"}]}
    >>> diff(before, after)["tables"]
    {'relations': {'removed': [], 'added': [[1, {'source': 'a', 'target': 'c'}]]}}
    >>> apply(after, invert(diff(before, after))) == before
    True
    """
    edit: dict[str, Any] = {"tables": {}}
    for table in TABLES:
        changes = _diff_rows(list(before.get(table, [])), list(after.get(table, [])))
        if changes["removed"] or changes["added"]:
            edit["tables"][table] = changes
    old = {k: before.get(k) for k in _META}
    new = {k: after.get(k) for k in _META}
    if old != new:
        edit["meta"] = {"before": old, "after": new}
    return edit


def is_empty(edit: Mapping[str, Any]) -> bool:
    """Whether ``edit`` changes nothing."""
    return not edit.get("tables") and not edit.get("meta")


def invert(edit: Mapping[str, Any]) -> dict[str, Any]:
    """The edit that undoes ``edit``."""
    inverted: dict[str, Any] = {
        "tables": {t: {"removed": c["added"], "added": c["removed"]} for t, c in edit.get("tables", {}).items()}
    }
    if edit.get("meta"):
        inverted["meta"] = {"before": edit["meta"]["after"], "after": edit["meta"]["before"]}
    return inverted


def apply(state: Mapping[str, Any], edit: Mapping[str, Any]) -> dict[str, Any]:
    """``state`` with ``edit`` applied at the edit's positions.

    Raises
    ------
    EditConflict
        A removed row is not where the edit says (the state is not the one
        the edit was made on); use :func:`merge`.
    """
    result = dict(state)
    for table, changes in edit.get("tables", {}).items():
        rows = list(state.get(table, []))
        gone = set()
        for position, row in changes["removed"]:
            if position >= len(rows) or _row_key(rows[position]) != _row_key(row):
                raise EditConflict(f"{table} row {position} differs")
            gone.add(position)
        rows = [r for i, r in enumerate(rows) if i not in gone]
        for position, row in sorted(changes["added"], key=lambda pair: pair[0]):
            if position > len(rows):
                raise EditConflict(f"{table} position {position} beyond the end")
            rows.insert(position, row)
        result[table] = rows
    if edit.get("meta"):
        meta = edit["meta"]
        if any(state.get(k) != meta["before"].get(k) for k in _META):
            raise EditConflict("name differs")
        result.update(meta["after"])
    return result


# -- merging an edit made on an older state ------------------------------------------------------


def _relation_key(row: Mapping[str, Any]) -> tuple:
    return (*sorted((str(row["source"]), str(row["target"]))), row.get("type"))


_KEYS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "stakeholders": lambda row: row["id"],
    "relations": _relation_key,
    "decisions": lambda row: (row["source"], row["target"]),
}


def _label(table: str, row: Mapping[str, Any], names: Mapping[str, str]) -> str:
    if table == "stakeholders":
        return str(row.get("name") or row["id"])
    a, b = row["source"], row["target"]
    return f"{names.get(a, a)} – {names.get(b, b)}"


def merge(state: Mapping[str, Any], edit: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Apply ``edit`` to ``state`` by content: last write wins per field.

    For :func:`apply` the rows must sit where the edit found them; here they
    are found by their key instead (stakeholders by id, relations by their
    ends and type, decisions by their pair). A row the edit changed gets the
    edit's values in the fields the edit changed; the state's other fields
    stay. Relations whose stakeholder is gone are left out.

    Returns
    -------
    state : dict
    notes : list of str
        What the edit overwrote or could not keep, one line each (labels of
        rows, language-neutral), for the person whose tab was out of date.

    Examples
    --------
    >>> base = {"name": "", "has_strengths": True, "relations": [], "decisions": [],
    ...         "stakeholders": [{"id": "a", "name": "Anouk", "area": None, "role": None}]}
    >>> mine = diff(base, {**base, "stakeholders": [{"id": "a", "name": "Anouk", "area": "Noord", "role": None}]})
    >>> theirs = {**base, "stakeholders": [{"id": "a", "name": "Anouk", "area": None, "role": "wethouder"}]}
    >>> merge(theirs, mine)[0]["stakeholders"]
    [{'id': 'a', 'name': 'Anouk', 'area': 'Noord', 'role': 'wethouder'}]
    """
    result = dict(state)
    notes: list[str] = []
    names = {r["id"]: r.get("name") or r["id"] for r in state.get("stakeholders", [])}
    for table, changes in edit.get("tables", {}).items():
        key = _KEYS[table]
        rows = [dict(r) for r in state.get(table, [])]
        removed = {key(r): r for _, r in changes["removed"]}
        added = [(p, r) for p, r in changes["added"]]
        changed = {key(r) for _, r in added} & set(removed)

        def find(row: Mapping[str, Any]) -> int | None:
            exact = _row_key(row)
            for i, current in enumerate(rows):
                if _row_key(current) == exact:
                    return i
            wanted = key(row)
            return next((i for i, current in enumerate(rows) if key(current) == wanted), None)

        for row_key, row in removed.items():
            if row_key in changed:
                continue
            at = find(row)
            if at is not None:
                rows.pop(at)
        for position, row in added:
            row_key = key(row)
            at = find(removed[row_key]) if row_key in changed else find(row)
            if at is None:
                rows.insert(min(position, len(rows)), dict(row))
                continue
            current = rows[at]
            if _row_key(current) == _row_key(row):
                continue
            before = removed.get(row_key, current)
            merged = dict(current)
            for field, value in row.items():
                if before.get(field) != value or row_key not in changed:
                    if current.get(field) not in (value, before.get(field)):
                        notes.append(f"{_label(table, row, names)}: {field}")
                    merged[field] = value
            rows[at] = merged
        result[table] = rows
    if edit.get("meta"):
        result.update(edit["meta"]["after"])
    known = {r["id"] for r in result.get("stakeholders", [])}
    kept = [r for r in result.get("relations", []) if r["source"] in known and r["target"] in known]
    if len(kept) != len(result.get("relations", [])):
        notes.extend(_label("relations", r, names) for r in result["relations"] if r not in kept)
        result["relations"] = kept
    return result, notes


# -- descriptions -------------------------------------------------------------------------------


def describe(before: Mapping[str, Any], edit: Mapping[str, Any], action: str | None = None, **fields: Any) -> dict[str, Any]:
    """A short description of ``edit`` as ``{"key", "fields"}`` (see :data:`MESSAGES`),
    stored with the step and shown in the user's language by :func:`describe_text`.

    ``action`` names what the user did when the table change alone does not
    say it (``"suggestion_accepted"``, ``"loaded_file"``, ...); its
    ``fields`` fill the message. Without it the change is described from
    the rows: one added relation reads "Relatie A – B toegevoegd".
    """
    if action is not None:
        return {"key": action, "fields": {k: str(v) for k, v in fields.items()}}
    tables = edit.get("tables", {})
    after_names = {}
    for _, row in tables.get("stakeholders", {}).get("added", []):
        after_names[row["id"]] = row.get("name") or row["id"]
    names = {**{r["id"]: r.get("name") or r["id"] for r in before.get("stakeholders", [])}, **after_names}
    people = tables.get("stakeholders", {"removed": [], "added": []})
    ties = tables.get("relations", {"removed": [], "added": []})
    counts = {t: max(len(c["removed"]), len(c["added"])) for t, c in (("stakeholders", people), ("relations", ties))}
    if not tables and edit.get("meta"):
        return {"key": "renamed", "fields": {"name": str(edit["meta"]["after"].get("name") or "")}}
    if counts["stakeholders"] == 0 and counts["relations"] == 1:
        removed, added = ties["removed"], ties["added"]
        row = (added or removed)[0][1]
        kind = "relation_changed" if removed and added else "relation_added" if added else "relation_removed"
        return {"key": kind, "fields": {"a": names.get(row["source"], row["source"]), "b": names.get(row["target"], row["target"])}}
    if counts["stakeholders"] == 1 and not ties["added"]:
        removed, added = people["removed"], people["added"]
        row = (added or removed)[0][1]
        if not ties["removed"] or not added:
            kind = "stakeholder_changed" if removed and added else "stakeholder_added" if added else "stakeholder_removed"
            return {"key": kind, "fields": {"name": str(row.get("name") or row["id"])}}
    if not tables:
        return {"key": "nothing", "fields": {}}
    return {"key": "tables_changed", "fields": {k: str(v) for k, v in counts.items()}}


def describe_text(description: Mapping[str, Any], lang: str | None = None) -> str:
    """The description made by :func:`describe` in ``lang``."""
    try:
        return MESSAGES.text(description["key"], lang, **description.get("fields", {}))
    except (KeyError, IndexError):
        return MESSAGES.text("nothing", lang)


def edit_size(edit: Mapping[str, Any]) -> int:
    """Bytes the edit takes as stored (compact JSON, UTF-8)."""
    return len(json.dumps(edit, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
