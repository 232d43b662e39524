"""Privacy (AVG/GDPR): pseudonymised networks and forgetting a person.

A stakeholder map names residents, their ties and their themes: personal
data. Two tools keep that in check:

* :func:`pseudonymise` replaces the names (and notes) of chosen stakeholder
  types with stable pseudonyms ("Bewoner 7F3A"), for reports and exports
  that leave the team. Ids and structure stay, so every figure is the same.
* :func:`forget_stakeholder` removes a person from every stored version and
  workshop submission (the right to erasure, AVG article 17), and
  :func:`forget_in_network` from the network in hand. Both say what they
  removed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .network import StakeholderNetwork
from .schema import type_label
from .submissions import name_key

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "REDACTED",
    "fold_name",
    "replace_names",
    "scrub_json",
    "new_salt",
    "pseudonym",
    "pseudonymise",
    "match_stakeholders",
    "forget_in_network",
    "forget_stakeholder",
]

#: What a forgotten person's name becomes inside someone else's free text.
REDACTED = "[…]"

_PSEUDONYM_DIGITS = 4
_FREE_TEXT_STAKEHOLDER_COLUMNS = ("organisation", "role", "notes", "area")


def fold_name(name: str) -> str:
    """The searchable form of a person's name (case-insensitive, single spaces).

    >>> fold_name("  Zoë   de JONG ")
    'zoë de jong'
    """
    return name_key(name, "")[0]


def new_salt() -> str:
    """A random secret salt: pseudonyms made with it cannot be linked to
    pseudonyms made with any other salt."""
    return secrets.token_hex(16)


def _digest(salt: str, stakeholder_id: str, name: str) -> str:
    message = f"{stakeholder_id}\x1f{name}".encode("utf-8")
    return hmac.new(salt.encode("utf-8"), message, hashlib.sha256).hexdigest().upper()


def pseudonym(stakeholder_id: str, name: str, stakeholder_type: str, *, salt: str, lang: str = "nl", digits: int = _PSEUDONYM_DIGITS) -> str:
    """The pseudonym of one stakeholder: its type and the first ``digits``
    hex digits of HMAC-SHA256(salt, id + name).

    >>> pseudonym("B1", "Chloë Bakker", "resident", salt="geheim")
    'Bewoner D24C'
    >>> pseudonym("B1", "Chloë Bakker", "resident", salt="geheim", lang="en")
    'Resident D24C'
    """
    if not salt:
        raise ValueError("a pseudonym needs a non-empty secret salt")
    return f"{type_label(stakeholder_type, lang).capitalize()} {_digest(salt, stakeholder_id, name)[:digits]}"


def replace_names(text: Any, replacements: dict[str, str], *, whole_words: bool = True) -> Any:
    """``text`` with every occurrence of a name (any case, any spacing) replaced.

    ``whole_words`` leaves "Jan" in "Jansen" alone, which pseudonymising
    needs to keep other names readable; forgetting errs the other way and
    also removes "Zoë de Jongs".
    """
    if not isinstance(text, str) or not text or not replacements:
        return text
    for name in sorted(replacements, key=len, reverse=True):
        words = name.split()
        if not words:
            continue
        pattern = r"\s+".join(re.escape(w) for w in words)
        if whole_words:
            pattern = rf"(?<!\w){pattern}(?!\w)"
        text = re.sub(pattern, lambda _m, new=replacements[name]: new, text, flags=re.IGNORECASE)
    return text


def pseudonymise(
    network: StakeholderNetwork,
    *,
    salt: str,
    types: Iterable[str] = ("resident",),
    lang: str = "nl",
    replace_ids: bool = False,
) -> StakeholderNetwork:
    """The same network with the names of ``types`` replaced by pseudonyms.

    Parameters
    ----------
    network : StakeholderNetwork
    salt : str
        A secret (see :func:`new_salt`). The same salt gives the same
        pseudonyms, so two exports made with one salt can be compared;
        keep it out of the export, or anyone with a list of residents'
        names could recompute the pseudonyms.
    types : iterable of str
        Stakeholder types to pseudonymise (default: residents only; civil
        servants, organisations and initiatives act in a public role).
    lang : {"nl", "en"}
        Language of the pseudonyms' type word.
    replace_ids : bool
        Also give the pseudonymised stakeholders new ids (``p-`` and 12 hex
        digits of the same HMAC), for exports whose ids could identify
        someone: ids made from names, and workshop ids
        (:func:`netanalysis.submissions.derived_id` is an unsalted hash of the
        name, so anyone with a list of names can recompute it).

    Returns
    -------
    StakeholderNetwork
        Ids (unless ``replace_ids``), types, themes, areas, scores and every relation unchanged;
        pseudonymised stakeholders get a pseudonym as name and no notes;
        relations touching them lose their notes; and wherever a
        pseudonymised name occurs in anyone's free text (organisation, role,
        area, notes, relation notes) it is replaced by the pseudonym.

    Raises
    ------
    ValueError
        If ``salt`` is empty.

    Notes
    -----
    Pseudonyms have 4 hex digits; when two stakeholders of the network
    would share one, both get more digits, so pseudonyms stay distinct.
    Ids are kept: if the source data used names as ids, replace the ids
    before sharing. Pseudonymised data is still personal data under the
    AVG (recital 26): whoever holds the salt can link it back.

    Examples
    --------
    >>> net = StakeholderNetwork.from_tables(
    ...     [{"id": "B1", "name": "Chloë Bakker", "type": "resident", "notes": "belt liever"},
    ...      {"id": "I1", "name": "Moestuin", "type": "initiative", "notes": "trekker: Chloë Bakker"}],
    ...     [{"source": "B1", "target": "I1"}])
    >>> safe = pseudonymise(net, salt="geheim")
    >>> safe.stakeholders[["id", "name", "notes"]].values.tolist()
    [['B1', 'Bewoner D24C', None], ['I1', 'Moestuin', 'trekker: Bewoner D24C']]
    >>> safe.fingerprint() != net.fingerprint() and len(safe.relations) == 1
    True
    """
    if not salt:
        raise ValueError("pseudonymise needs a non-empty secret salt")
    chosen = set(types)
    people = network.stakeholders.copy()
    targets = people["type"].isin(chosen)
    digits = {sid: _PSEUDONYM_DIGITS for sid in people.loc[targets, "id"]}
    records = people.loc[targets, ["id", "name", "type"]].to_dict("records")
    while True:
        made = {r["id"]: pseudonym(r["id"], r["name"], r["type"], salt=salt, lang=lang, digits=digits[r["id"]]) for r in records}
        seen: dict[str, list[str]] = {}
        for sid, alias in made.items():
            seen.setdefault(alias, []).append(sid)
        clashes = [sid for group in seen.values() if len(group) > 1 for sid in group]
        if not clashes:
            break
        for sid in clashes:
            digits[sid] += 2
    replacements = {r["name"]: made[r["id"]] for r in records}
    people["name"] = [made.get(sid, name) for sid, name in zip(people["id"], people["name"])]
    people.loc[targets, "notes"] = None
    for column in _FREE_TEXT_STAKEHOLDER_COLUMNS:
        people[column] = people[column].map(lambda v: replace_names(v, replacements)).astype(object)
    ties = network.relations.copy()
    touched = ties["source"].isin(made) | ties["target"].isin(made)
    ties["notes"] = [None if hit else replace_names(note, replacements) for hit, note in zip(touched, ties["notes"])]
    ties["notes"] = ties["notes"].astype(object)
    if replace_ids:
        new_ids = {r["id"]: f"p-{_digest(salt, r['id'], r['name'])[:12].lower()}" for r in records}
        people["id"] = people["id"].map(lambda i: new_ids.get(i, i))
        for column in ("source", "target"):
            ties[column] = ties[column].map(lambda i: new_ids.get(i, i))
    return StakeholderNetwork.from_tables(people, ties, name=network.name, has_strengths=network.has_strengths)


# -- forgetting ----------------------------------------------------------------


def match_stakeholders(network: StakeholderNetwork, name_or_id: str) -> list[str]:
    """Ids of the stakeholders that ``name_or_id`` names: the one with that id,
    and everyone whose name equals it ignoring case and spacing.

    >>> net = StakeholderNetwork.from_tables([{"id": "7", "name": "Bea  Jansen"}, {"id": "8", "name": "Bea"}])
    >>> match_stakeholders(net, "bea jansen"), match_stakeholders(net, "8")
    (['7'], ['8'])
    """
    query = str(name_or_id).strip()
    folded = fold_name(query)
    return [
        sid for sid, name in zip(network.stakeholders["id"], network.stakeholders["name"])
        if sid == query or fold_name(str(name)) == folded
    ]


def forget_in_network(network: StakeholderNetwork, name_or_id: str) -> tuple[StakeholderNetwork, dict[str, Any]]:
    """The network without the person ``name_or_id`` (see :func:`match_stakeholders`).

    Returns
    -------
    (StakeholderNetwork, dict)
        The network without the matching stakeholders and their relations,
        their names replaced by :data:`REDACTED` in everyone else's free
        text; and what was removed: ``ids``, ``names``, ``stakeholders``,
        ``relations`` and ``text_fields`` (free-text cells changed).

    Examples
    --------
    >>> net = StakeholderNetwork.from_tables(
    ...     [{"id": "1", "name": "Bea Jansen", "type": "resident"},
    ...      {"id": "2", "name": "Buurthuis", "type": "organisation", "notes": "contact: Bea Jansen"}],
    ...     [{"source": "1", "target": "2"}])
    >>> smaller, removed = forget_in_network(net, "bea jansen")
    >>> smaller.ids, smaller.stakeholders.loc[0, "notes"], removed["relations"]
    (['2'], 'contact: […]', 1)
    """
    ids = match_stakeholders(network, name_or_id)
    names = sorted({str(n) for n in network.stakeholders.loc[network.stakeholders["id"].isin(ids), "name"]})
    smaller = network.without_stakeholders(ids)
    replacements = {name: REDACTED for name in names}
    people, ties = smaller.stakeholders.copy(), smaller.relations.copy()
    changed = 0
    for frame, columns in ((people, _FREE_TEXT_STAKEHOLDER_COLUMNS), (ties, ("notes",))):
        for column in columns:
            new = frame[column].map(lambda v: replace_names(v, replacements, whole_words=False))
            changed += int(sum(a != b for a, b in zip(frame[column], new) if isinstance(a, str)))
            frame[column] = new.astype(object)
    cleaned = StakeholderNetwork.from_tables(people, ties, name=network.name, has_strengths=network.has_strengths)
    return cleaned, {
        "ids": ids,
        "names": names,
        "stakeholders": len(network) - len(smaller),
        "relations": len(network.relations) - len(smaller.relations),
        "text_fields": changed,
    }


def scrub_json(value: Any, replacements: dict[str, str]) -> Any:
    """``value`` (parsed JSON) with the names replaced in every string, as forgetting does.

    >>> scrub_json({"me": {"name": "Bram", "notes": "met Zoë de Jong"}}, {"Zoë de Jong": REDACTED})
    {'me': {'name': 'Bram', 'notes': 'met […]'}}
    """
    if isinstance(value, dict):
        return {k: scrub_json(v, replacements) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_json(v, replacements) for v in value]
    return replace_names(value, replacements, whole_words=False)


def forget_stakeholder(store: Store, name_or_id: str, *, dry_run: bool = False) -> dict[str, Any]:
    """Remove a person from every stored version and workshop submission:
    :meth:`netanalysis.store.Store.forget_person`, which applies the rules of
    this module inside the store's transaction."""
    return store.forget_person(name_or_id, dry_run=dry_run)
