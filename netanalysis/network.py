"""StakeholderNetwork: the two validated tables and the graph built from them.

A :class:`StakeholderNetwork` is a value: every operation returns a new
network and leaves the original untouched, so it can be cached on its
fingerprint and shared between Streamlit sessions.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from .schema import (
    DEFAULT_RELATION_TYPE,
    DEFAULT_STRENGTH,
    RELATION_COLUMNS,
    RELATION_TYPES,
    STAKEHOLDER_COLUMNS,
    STAKEHOLDER_TYPES,
    STRENGTH_RANGE,
    split_themes,
)

__all__ = ["StakeholderNetwork", "empty_stakeholders", "empty_relations", "TEXT_STAKEHOLDER_COLUMNS"]

TEXT_STAKEHOLDER_COLUMNS = ("organisation", "area", "role", "notes")
_SCORE_COLUMNS = ("influence", "interest")


def empty_stakeholders() -> pd.DataFrame:
    """A stakeholders table with the canonical columns and no rows."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in STAKEHOLDER_COLUMNS})


def empty_relations() -> pd.DataFrame:
    """A relations table with the canonical columns and no rows."""
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in RELATION_COLUMNS})
    frame["strength"] = frame["strength"].astype(float)
    return frame


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, tuple)) else False
    except (TypeError, ValueError):
        return False


def _text_or_none(value: Any) -> str | None:
    if _missing(value):
        return None
    text = str(value).strip()
    return text or None


def _float_or_nan(value: Any) -> float:
    return math.nan if _missing(value) else float(value)


def _canonical_stakeholders(rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    clean = []
    for record in records:
        clean.append(
            {
                "id": str(record["id"]).strip(),
                "name": str(record.get("name") or record["id"]).strip(),
                "type": record.get("type") if record.get("type") in STAKEHOLDER_TYPES else "other",
                "organisation": _text_or_none(record.get("organisation")),
                "themes": split_themes(record.get("themes")),
                "area": _text_or_none(record.get("area")),
                "role": _text_or_none(record.get("role")),
                "influence": _float_or_nan(record.get("influence")),
                "interest": _float_or_nan(record.get("interest")),
                "notes": _text_or_none(record.get("notes")),
            }
        )
    if not clean:
        return empty_stakeholders()
    frame = pd.DataFrame({c: pd.Series([r[c] for r in clean], dtype=object) for c in STAKEHOLDER_COLUMNS})
    for column in _SCORE_COLUMNS:
        frame[column] = frame[column].astype(float)
    return frame


def _canonical_relations(rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    clean = []
    for record in records:
        strength = record.get("strength")
        clean.append(
            {
                "source": str(record["source"]).strip(),
                "target": str(record["target"]).strip(),
                "type": record.get("type") if record.get("type") in RELATION_TYPES else DEFAULT_RELATION_TYPE,
                "strength": DEFAULT_STRENGTH if _missing(strength) else float(strength),
                "since": _text_or_none(record.get("since")),
                "notes": _text_or_none(record.get("notes")),
            }
        )
    if not clean:
        return empty_relations()
    # Built column by column with dtype=object: pandas 3 would infer its str
    # dtype and turn None into NaN.
    frame = pd.DataFrame({c: pd.Series([r[c] for r in clean], dtype=object) for c in RELATION_COLUMNS})
    frame["strength"] = frame["strength"].astype(float)
    return frame


def _relation_order(record: Mapping[str, Any]) -> tuple:
    pair = sorted((record["source"], record["target"]))
    strength = record["strength"]
    # Unrated (NaN) strengths last: max(3, nan) is 3 but max(nan, 3) is nan,
    # so a pair with one rated relation keeps that rating in any row order.
    return (*pair, str(record["type"]), str(record["since"] or ""), _missing(strength), 0 if _missing(strength) else strength)


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple)):
        return sorted(str(v) for v in value)
    return value


@dataclass(frozen=True, eq=False)
class StakeholderNetwork:
    """A stakeholder network: validated stakeholders and relations tables.

    Build one with :meth:`from_tables` (or through :mod:`netanalysis.io`,
    which validates files first). The tables use the canonical columns of
    :mod:`netanalysis.schema`; ``themes`` holds lists, missing text is
    ``None`` and missing scores are NaN.

    Parameters
    ----------
    stakeholders, relations : pandas.DataFrame
        Canonical tables (see :func:`empty_stakeholders`).
    name : str
        A display name, e.g. "Gemeente Voorbeeldstad".
    has_strengths : bool
        Whether the source data rated its relations. Without ratings every
        relation has strength :data:`~netanalysis.schema.DEFAULT_STRENGTH` and
        strength-weighted measures equal their unweighted forms.

    Examples
    --------
    >>> net = StakeholderNetwork.from_tables(
    ...     [{"id": "a", "name": "Anouk", "type": "civil_servant", "themes": "groen;jeugd"},
    ...      {"id": "b", "name": "Buurtmoestuin", "type": "initiative"}],
    ...     [{"source": "a", "target": "b", "strength": 4}])
    >>> G = net.to_graph()
    >>> G.nodes["a"]["themes"], G.edges["a", "b"]["weight"]
    (['groen', 'jeugd'], 4.0)
    """

    stakeholders: pd.DataFrame
    relations: pd.DataFrame
    name: str = ""
    has_strengths: bool = True
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    # -- construction -------------------------------------------------------

    @classmethod
    def from_tables(
        cls,
        stakeholders: pd.DataFrame | Iterable[Mapping[str, Any]],
        relations: pd.DataFrame | Iterable[Mapping[str, Any]] = (),
        *,
        name: str = "",
        has_strengths: bool = True,
    ) -> "StakeholderNetwork":
        """Build a network from tables whose values are already valid.

        Values are normalised (ids to text, themes to lists, missing text to
        ``None``) but not validated: user files go through
        :mod:`netanalysis.validation` first.

        Raises
        ------
        ValueError
            On a duplicate stakeholder id, or a relation that names an
            unknown stakeholder, is a self-loop or has a strength outside
            1-5: these are programming errors here, not user errors.
        """
        people = _canonical_stakeholders(stakeholders)
        ties = _canonical_relations(relations)
        duplicated = people["id"][people["id"].duplicated()].tolist()
        if duplicated:
            raise ValueError(f"duplicate stakeholder ids: {duplicated[:5]}")
        known = set(people["id"])
        unknown = sorted((set(ties["source"]) | set(ties["target"])) - known)
        if unknown:
            raise ValueError(f"relations name unknown stakeholders: {unknown[:5]}")
        if (ties["source"] == ties["target"]).any():
            raise ValueError("a relation connects a stakeholder to itself")
        low, high = STRENGTH_RANGE
        if ((ties["strength"] < low) | (ties["strength"] > high)).any():
            raise ValueError("a relation strength lies outside 1-5")
        return cls(people.reset_index(drop=True), ties.reset_index(drop=True), name, has_strengths)

    @classmethod
    def empty(cls, name: str = "") -> "StakeholderNetwork":
        """A network with no stakeholders."""
        return cls(empty_stakeholders(), empty_relations(), name)

    # -- basic facts --------------------------------------------------------

    def __len__(self) -> int:
        return len(self.stakeholders)

    def __repr__(self) -> str:
        return (
            f"StakeholderNetwork({self.name!r}, {len(self.stakeholders)} stakeholders, "
            f"{len(self.relations)} relations)"
        )

    @property
    def ids(self) -> list[str]:
        """Stakeholder ids in table order."""
        return self.stakeholders["id"].tolist()

    def stakeholder(self, stakeholder_id: str) -> dict[str, Any]:
        """One stakeholder's record as a dict.

        Raises
        ------
        KeyError
            If there is no stakeholder with that id.
        """
        rows = self.stakeholders[self.stakeholders["id"] == str(stakeholder_id)]
        if rows.empty:
            raise KeyError(stakeholder_id)
        return rows.iloc[0].to_dict()

    def names(self) -> dict[str, str]:
        """``{id: name}`` for every stakeholder."""
        return dict(zip(self.stakeholders["id"], self.stakeholders["name"]))

    def fingerprint(self) -> str:
        """A content hash: equal for equal content, whatever the row order.

        Relations are undirected, so ``a-b`` and ``b-a`` are the same
        relation. Unlike ``weisfeiler_lehman_graph_hash`` it differs for
        isomorphic networks with different ids or attributes, which makes it
        a safe cache key.
        """
        if "fingerprint" not in self._cache:
            people = sorted(
                json.dumps({k: _json_value(v) for k, v in row.items()}, sort_keys=True, default=str)
                for row in self.stakeholders.to_dict("records")
            )
            ties = []
            for row in self.relations.to_dict("records"):
                row = {k: _json_value(v) for k, v in row.items()}
                row["source"], row["target"] = sorted((row["source"], row["target"]))
                ties.append(json.dumps(row, sort_keys=True, default=str))
            body = json.dumps({"stakeholders": people, "relations": sorted(ties), "weighted": self.has_strengths})
            self._cache["fingerprint"] = hashlib.sha256(body.encode("utf-8")).hexdigest()
        return self._cache["fingerprint"]

    # -- the graph ----------------------------------------------------------

    def to_graph(self) -> nx.Graph:
        """The undirected networkx graph of this network (frozen; copy to change).

        Nodes are stakeholder ids with every stakeholder column as an
        attribute (missing text ``None``, missing scores NaN). Parallel
        relations between the same pair become one edge with

        * ``weight`` and ``strength``: the largest strength of the pair's
          relations. Strength is a 1-5 rating of one tie; adding ratings of
          the same tie would count it twice, so the strongest rating wins;
        * ``types``: the sorted relation types;
        * ``relations``: how many relations were merged;
        * ``since``: the earliest date, if any.

        Stakeholders are added in the order of their ids and relations in
        the order of their pairs, whatever the order of the rows: igraph's
        Louvain, the betweenness pivots and the map layout all visit nodes
        in graph order, so the same network read from a re-sorted file must
        give the same graph, not just an equal one.
        """
        if "graph" not in self._cache:
            G = nx.Graph(name=self.name)
            for record in sorted(self.stakeholders.to_dict("records"), key=lambda r: r["id"]):
                node = record.pop("id")
                record["themes"] = list(record["themes"])
                G.add_node(node, **record)
            for record in sorted(self.relations.to_dict("records"), key=_relation_order):
                u, v = record["source"], record["target"]
                if G.has_edge(u, v):
                    data = G.edges[u, v]
                    data["weight"] = data["strength"] = max(data["strength"], record["strength"])
                    data["types"] = sorted(set(data["types"]) | {record["type"]})
                    data["relations"] += 1
                    dates = [d for d in (data["since"], record["since"]) if d]
                    data["since"] = min(dates) if dates else None
                else:
                    G.add_edge(
                        u,
                        v,
                        weight=record["strength"],
                        strength=record["strength"],
                        types=[record["type"]],
                        relations=1,
                        since=record["since"],
                    )
            self._cache["graph"] = nx.freeze(G)
        return self._cache["graph"]

    # -- derived networks ---------------------------------------------------

    def subset(self, ids: Iterable[str]) -> "StakeholderNetwork":
        """The network induced by the stakeholders ``ids`` (unknown ids ignored)."""
        keep = {str(i) for i in ids}
        people = self.stakeholders[self.stakeholders["id"].isin(keep)]
        ties = self.relations[self.relations["source"].isin(keep) & self.relations["target"].isin(keep)]
        return StakeholderNetwork(people.reset_index(drop=True), ties.reset_index(drop=True), self.name, self.has_strengths)

    def filter(
        self,
        *,
        types: Iterable[str] | None = None,
        themes: Iterable[str] | None = None,
        areas: Iterable[str] | None = None,
        min_strength: float | None = None,
    ) -> "StakeholderNetwork":
        """Keep the stakeholders that match every given criterion.

        Parameters
        ----------
        types : iterable of str, optional
            Canonical type keys to keep.
        themes : iterable of str, optional
            Keep stakeholders with at least one of these themes (case-insensitive).
        areas : iterable of str, optional
            Keep stakeholders in one of these areas (case-insensitive).
        min_strength : float, optional
            Drop relations weaker than this; stakeholders stay.

        ``None`` (or an empty selection) means "no restriction".
        """
        people = self.stakeholders
        if types:
            people = people[people["type"].isin(set(types))]
        if themes:
            wanted = {t.casefold() for t in themes}
            people = people[people["themes"].map(lambda ts: any(t.casefold() in wanted for t in ts))]
        if areas:
            wanted_areas = {a.casefold() for a in areas}
            people = people[people["area"].map(lambda a: a is not None and a.casefold() in wanted_areas)]
        result = self.subset(people["id"])
        if min_strength is not None:
            ties = result.relations[result.relations["strength"] >= float(min_strength)]
            result = StakeholderNetwork(result.stakeholders, ties.reset_index(drop=True), self.name, self.has_strengths)
        return result

    def ego(self, center: str, radius: int = 1) -> "StakeholderNetwork":
        """A stakeholder and everyone within ``radius`` steps (1 or 2), with
        every relation among them.

        Raises
        ------
        KeyError
            If ``center`` is not a stakeholder.
        """
        G = self.to_graph()
        if str(center) not in G:
            raise KeyError(center)
        reach = nx.single_source_shortest_path_length(G, str(center), cutoff=int(radius))
        return self.subset(reach)

    def with_relations(self, relations: Iterable[Mapping[str, Any]]) -> "StakeholderNetwork":
        """A new network with these relations added (validated like :meth:`from_tables`)."""
        combined = pd.concat([self.relations, _canonical_relations(relations)], ignore_index=True)
        return StakeholderNetwork.from_tables(self.stakeholders, combined, name=self.name, has_strengths=self.has_strengths)

    def with_stakeholders(self, stakeholders: Iterable[Mapping[str, Any]]) -> "StakeholderNetwork":
        """A new network with these stakeholders added (ids must be new)."""
        combined = pd.concat([self.stakeholders, _canonical_stakeholders(stakeholders)], ignore_index=True)
        return StakeholderNetwork.from_tables(combined, self.relations, name=self.name, has_strengths=self.has_strengths)

    def without_stakeholders(self, ids: Iterable[str]) -> "StakeholderNetwork":
        """A new network without these stakeholders and their relations."""
        drop = {str(i) for i in ids}
        return self.subset(i for i in self.ids if i not in drop)

    def renamed(self, name: str) -> "StakeholderNetwork":
        """The same network under another display name."""
        return StakeholderNetwork(self.stakeholders, self.relations, name, self.has_strengths)

    # -- summary ------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        """Headline counts: stakeholders per type, relations, components, isolates."""
        G = self.to_graph()
        per_type = {t: 0 for t in STAKEHOLDER_TYPES}
        per_type.update(self.stakeholders["type"].value_counts().to_dict())
        return {
            "stakeholders": len(self.stakeholders),
            "relations": len(self.relations),
            "ties": G.number_of_edges(),
            "per_type": {k: int(v) for k, v in per_type.items()},
            "components": nx.number_connected_components(G) if len(G) else 0,
            "isolates": nx.number_of_isolates(G),
            "density": nx.density(G) if len(G) > 1 else 0.0,
        }
