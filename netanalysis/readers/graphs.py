"""Network files: GraphML (Gephi, yEd, yEd Live, Cytoscape, igraph, networkx), GEXF 1.1-1.3 and GML.

GraphML and GEXF are parsed here, not by networkx, because what
municipalities have needs more than it reads: yEd keeps names in
``y:NodeLabel`` (yFiles 3: ``y:Label.Text``) and groups as nested graphs,
Cytoscape writes GraphML without a namespace, older GEXF uses the
namespace ``http://gexf.net/1.1draft``, GEXF's default weight is 1 (Gephi
leaves ``weight="1"`` out), and dynamic GEXF carries time as ``start`` /
``end`` and ``<spells>``. Elements are matched by local name, so every
namespace variant reads the same.

The bytes are parsed with defusedxml, refusing any DTD or entity (billion
laughs, external entities) before anything is built. Nodes and edges
become the tables ``nodes`` (``id`` first, then ``label``/``name`` and the
attributes) and ``edges`` (``source``, ``target``, ``weight`` when the
file weighs its edges, ``since``, attributes). Rows in problems are the
position of the node or edge in the file.

GML is read by networkx's parser (no XML involved).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..problems import ERROR, WARNING, Problem
from .tables import Found, Table, text_cell, unreadable

__all__ = ["read_graphml", "read_gexf", "read_gml"]

_TAGS = re.compile(r"<[^>]+>")


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _children(element, name: str) -> list:
    return [child for child in element if _local(child.tag) == name]


def _child(element, name: str):
    return next((child for child in element if _local(child.tag) == name), None)


def _clean(text: str | None) -> str | None:
    """Label text as shown: markup (yFiles 3 allows HTML) removed, lines joined."""
    if text is None:
        return None
    text = " ".join(_TAGS.sub(" ", text).split())
    return text or None


def _parse(data: bytes, file: str) -> tuple[Any, list[Problem]]:
    """Parse with defusedxml, refusing DTDs and entities; return the root or problems."""
    import defusedxml
    import defusedxml.ElementTree as safe_et

    try:
        root = safe_et.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException:
        return None, [Problem(ERROR, "unsafe_xml", file)]
    except safe_et.ParseError as exc:
        line, offset = getattr(exc, "position", (None, None))
        return None, [unreadable(file, row=line, key="xml", line=line, offset=offset)]
    return root, []


def _found(
    file: str, nodes: list[dict], edges: list[dict], problems: list[Problem], title: str | None, *, rated: bool = False
) -> Found:
    node_columns = ["id"] + [k for k in dict.fromkeys(k for n in nodes for k in n) if k != "id"]
    edge_columns = ["source", "target"] + [k for k in dict.fromkeys(k for e in edges for k in e) if k not in ("source", "target")]
    if rated and "weight" not in edge_columns:
        edge_columns.append("weight")  # rated, but without relations yet: keep the flag
    node_frame = pd.DataFrame(
        [[text_cell(n.get(c), spreadsheet=False) for c in node_columns] for n in nodes], columns=node_columns, dtype=object
    )
    edge_frame = pd.DataFrame(
        [[text_cell(e.get(c), spreadsheet=False) for c in edge_columns] for e in edges], columns=edge_columns, dtype=object
    )
    return Found(
        file,
        [Table("nodes", f"{file}#nodes", node_frame, 1), Table("edges", f"{file}#edges", edge_frame, 1)],
        problems,
        title=title,
        graph=True,
    )


def _check_ends(file: str, ids: set, edges: list[dict], problems: list[Problem]) -> None:
    """Edges to nodes the file never declares are errors (networkx would invent those nodes)."""
    reported: set = set()
    for position, edge in enumerate(edges, start=1):
        for end in ("source", "target"):
            value = edge.get(end)
            if value not in ids and value not in reported:
                reported.add(value)
                problems.append(Problem(ERROR, "undeclared_node", f"{file}#edges", position, end, {"value": value}))


def _node_ids(file: str, elements: list, problems: list[Problem]) -> None:
    for position, element in enumerate(elements, start=1):
        if not (element.get("id") or "").strip():
            problems.append(Problem(ERROR, "empty_id", f"{file}#nodes", position, "id"))


# -- GraphML ------------------------------------------------------------------


def _yed_label(data_element) -> str | None:
    """The first non-empty label in a yEd graphics block (classic or yFiles 3)."""
    for element in data_element.iter():
        name = _local(element.tag)
        if name in ("NodeLabel", "EdgeLabel", "Label.Text"):
            text = _clean("".join(element.itertext()))
            if text:
                return text
    return None


def _graphml_values(element, keys: dict, defaults: dict) -> dict:
    values = dict(defaults)
    for data in _children(element, "data"):
        key = keys.get(data.get("key"))
        if key is None:
            continue
        name, graphics = key
        if graphics:
            label = _yed_label(data)
            if label:
                values.setdefault("label", label)
                if values.get("label") is None:
                    values["label"] = label
        else:
            values[name] = (data.text or "").strip() or None
    return values


def read_graphml(data: bytes, *, file: str) -> Found:
    """Read GraphML (see the module notes): yEd labels and groups, any namespace.

    A yEd group node (a node holding a nested graph) is not a stakeholder:
    its label becomes the ``organisation`` of the nodes inside it, unless an
    edge connects to the group itself. ``<hyperedge>`` elements cannot be
    represented and refuse the file with their count.
    """
    root, problems = _parse(data, file)
    if root is None:
        return Found(file, problems=problems)
    graph = _child(root, "graph") if _local(root.tag) == "graphml" else None
    if graph is None:
        return Found(file, problems=[unreadable(file, key="not_graph", format="GraphML")])
    hyper = [el for el in root.iter() if _local(el.tag) == "hyperedge"]
    if hyper:
        return Found(file, problems=[Problem(ERROR, "hyperedges", file, params={"count": len(hyper)})])
    keys: dict[str, tuple[str, bool]] = {}
    defaults: dict[str, dict] = {"node": {}, "edge": {}}
    for key in _children(root, "key"):
        name = key.get("attr.name") or key.get("id")
        graphics = bool(key.get("yfiles.type")) or name in ("NodeLabels", "EdgeLabels")
        if key.get("yfiles.type") and key.get("yfiles.type") not in ("nodegraphics", "edgegraphics"):
            continue  # resources, port graphics: no data of ours
        if name in ("NodeGeometry", "NodeStyle", "NodeViewState", "EdgeGeometry", "EdgeStyle", "EdgeViewState", "SharedData"):
            continue
        keys[key.get("id")] = (name, graphics)
        default = _child(key, "default")
        if default is not None and not graphics and (default.text or "").strip():
            for kind in (("node", "edge") if key.get("for") in (None, "all") else (key.get("for"),)):
                if kind in defaults:
                    defaults[kind][name] = default.text.strip()
    node_elements = [el for el in graph.iter() if _local(el.tag) == "node"]
    _node_ids(file, node_elements, problems)
    groups: dict[str, str | None] = {}
    parent: dict[str, str] = {}
    nodes: list[dict] = []
    for element in node_elements:
        ident = (element.get("id") or "").strip()
        values = _graphml_values(element, keys, defaults["node"])
        inner = _child(element, "graph")
        if inner is not None:
            groups[ident] = values.get("label") or values.get("name") or ident
            for member in inner:
                if _local(member.tag) == "node":
                    parent[(member.get("id") or "").strip()] = ident
        nodes.append({"id": ident, **{k: v for k, v in values.items() if k != "id"}})
    edges = []
    for element in (el for el in graph.iter() if _local(el.tag) == "edge"):
        values = _graphml_values(element, keys, defaults["edge"])
        edges.append({"source": element.get("source"), "target": element.get("target"), **values})
    ids = {n["id"] for n in nodes}
    _check_ends(file, ids, edges, problems)
    if groups:
        linked = {e["source"] for e in edges} | {e["target"] for e in edges}
        for node in nodes:
            owner = parent.get(node["id"])
            if owner is not None:
                node.setdefault("organisation", groups[owner])
                if node.get("organisation") is None:
                    node["organisation"] = groups[owner]
        nodes = [n for n in nodes if n["id"] not in groups or n["id"] in linked]
        problems.append(Problem(WARNING, "groups_as_organisation", file, params={"count": len(groups)}))
    for edge in edges:
        edge.pop("id", None)
    # Netwerkkaart's own GraphML says whether its strengths were rated.
    graph_values = _graphml_values(graph, keys, {})
    rated = str(graph_values.get("has_strengths", "")).lower()
    if rated in ("false", "0"):
        for edge in edges:
            edge.pop("weight", None)
    return _found(file, nodes, edges, problems, graph_values.get("name"), rated=rated in ("true", "1"))


# -- GEXF ---------------------------------------------------------------------


def _gexf_attributes(graph) -> dict[str, dict[str, tuple[str, str | None]]]:
    """{"node"/"edge": {attribute id: (title, default)}}."""
    found: dict[str, dict[str, tuple[str, str | None]]] = {"node": {}, "edge": {}}
    for block in _children(graph, "attributes"):
        kind = block.get("class", "node")
        for attribute in _children(block, "attribute"):
            default = _child(attribute, "default")
            ident = attribute.get("id")
            # Gephi Lite declares the weight as an attribute with id "weight" and any title.
            title = "weight" if (ident or "").lower() == "weight" else attribute.get("title") or ident
            found.setdefault(kind, {})[ident] = (
                title,
                (default.text or "").strip() or None if default is not None else None,
            )
    return found


def _gexf_values(element, attributes: dict[str, tuple[str, str | None]]) -> tuple[dict, list[str]]:
    """An element's attribute values (first value of a time-sliced one) and every start it names."""
    values = {title: default for title, default in attributes.values() if default is not None}
    starts = [element.get("start") or element.get("startopen")]
    given: set[str] = set()
    for block in _children(element, "attvalues"):
        for attvalue in _children(block, "attvalue"):
            title = attributes.get(attvalue.get("for") or attvalue.get("id"), (attvalue.get("for"), None))[0]
            if title in given:
                continue  # a time-sliced attribute: its first value stands for the flattened network
            given.add(title)
            values[title] = attvalue.get("value")
            starts.append(attvalue.get("start"))
    for block in _children(element, "spells"):
        starts += [spell.get("start") or spell.get("startopen") for spell in _children(block, "spell")]
    return values, [s for s in starts if s]


def read_gexf(data: bytes, *, file: str) -> Found:
    """Read GEXF 1.1-1.3 (Gephi, Gephi Lite, networkx): labels, attributes, weights, time.

    An edge without ``weight`` weighs 1, GEXF's default, when any edge of
    the file is weighted; a file without weights gives unrated relations.
    ``start``/``end`` and ``<spells>`` of a dynamic file become the edge's
    ``since`` (the earliest start), with one warning that time was flattened.
    """
    root, problems = _parse(data, file)
    if root is None:
        return Found(file, problems=problems)
    graph = _child(root, "graph") if _local(root.tag) == "gexf" else None
    if graph is None:
        return Found(file, problems=[unreadable(file, key="not_graph", format="GEXF")])
    attributes = _gexf_attributes(graph)
    node_elements = [el for el in graph.iter() if _local(el.tag) == "node"]
    _node_ids(file, node_elements, problems)
    timed = graph.get("mode") == "dynamic"
    nodes = []
    for element in node_elements:
        values, starts = _gexf_values(element, attributes.get("node", {}))
        timed = timed or bool(starts)
        nodes.append({"id": (element.get("id") or "").strip(), "label": element.get("label"), **values})
    edges = []
    for element in (el for el in graph.iter() if _local(el.tag) == "edge"):
        values, starts = _gexf_values(element, attributes.get("edge", {}))
        timed = timed or bool(starts)
        edge = {"source": element.get("source"), "target": element.get("target")}
        if element.get("weight") is not None:
            edge["weight"] = element.get("weight")
        if element.get("label"):
            edge["label"] = element.get("label")
        for title, value in values.items():
            if title in ("networkx_key", "key", "id"):
                continue  # networkx's bookkeeping for parallel edges
            if title.lower() == "weight" and "weight" not in edge:
                edge["weight"] = value
            elif title.lower() != "weight":
                edge[title] = value
        if starts:
            edge["since"] = min(starts)
        edges.append(edge)
    if any("weight" in e for e in edges):
        for edge in edges:
            edge.setdefault("weight", "1")  # GEXF's default weight; Gephi leaves weight="1" out
    ids = {n["id"] for n in nodes}
    _check_ends(file, ids, edges, problems)
    if timed:
        problems.append(Problem(WARNING, "time_flattened", file))
    title = graph.get("name")
    meta = _child(root, "meta")
    if not title and meta is not None:
        title = next((_clean(el.text) for el in meta if _local(el.tag) == "title"), None)
    return _found(file, nodes, edges, problems, title)


# -- GML ----------------------------------------------------------------------


def read_gml(data: bytes, *, file: str) -> Found:
    """Read GML with networkx's parser; its errors become one located message."""
    import networkx as nx

    from .text import decode_text

    try:
        text = decode_text(data)
        G = nx.parse_gml(text.splitlines(), label=None)
    except UnicodeError:
        return Found(file, problems=[unreadable(file, key="encoding")])
    except (nx.NetworkXError, ValueError, SyntaxError, KeyError, TypeError) as exc:
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        return Found(file, problems=[unreadable(file, key="gml", detail=detail)])
    nodes = []
    for node, values in G.nodes(data=True):
        row = {"id": str(node), **{k: v for k, v in values.items() if not isinstance(v, dict)}}
        nodes.append(row)
    edges = []
    for u, v, values in G.edges(data=True):
        edges.append({"source": str(u), "target": str(v), **{k: val for k, val in values.items() if not isinstance(val, dict)}})
    return _found(file, nodes, edges, [], G.graph.get("name") if isinstance(G.graph.get("name"), str) else None)
