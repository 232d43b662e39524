"""The one way HTML pages are made: Jinja2 templates with autoescape on.

The map (:mod:`netanalysis.maps`) and the report (:mod:`netanalysis.report`)
are template files in ``netanalysis/templates/``, rendered by :func:`render`.
Every value a template prints is HTML-escaped unless the code marks it as
markup on purpose (the inlined vis-network and plotly.js, and the JSON of
:func:`json_for_html`), so a stakeholder called ``<script>`` stays text.
"""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

__all__ = ["json_for_html", "render"]


def json_for_html(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026``, so
    a label like ``</script><script>alert(1)</script>`` cannot end the
    script element, and U+2028/U+2029 are escaped for old JavaScript parsers.
    NaN is not JSON: callers pass ``None`` instead. In a template, the
    filter ``script_json`` does the same.

    >>> json_for_html({"name": "</script>"})
    '{"name": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _script_json(value: Any) -> Markup:
    # Inside <script> the browser does not decode entities, so the JSON is
    # made safe for that context by json_for_html, not by HTML escaping.
    return Markup(json_for_html(value))


# Templates are package data, found next to this module however the package
# is run (a checkout, an installed wheel); StrictUndefined turns a misspelt
# variable into an error instead of an empty spot in the page.
_ENVIRONMENT = Environment(
    loader=PackageLoader("netanalysis", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)
_ENVIRONMENT.filters["script_json"] = _script_json


def render(template: str, /, **context: Any) -> str:
    """The page of ``template`` (a file name in ``netanalysis/templates``)
    with ``context``, every value escaped unless it is :class:`markupsafe.Markup`.

    >>> page = render("map.html.j2", lang="nl", csp="default-src 'none'", title="<b>",
    ...               height=600, legend_font=13, card_font=13, empty="niets", legend=None)
    >>> "<title>&lt;b&gt;</title>" in page
    True
    """
    return _ENVIRONMENT.get_template(template).render(**context)
