"""Streamlit's own English words, in Dutch.

Most of Streamlit's widget texts can be set through its API, and the pages
do so: ``placeholder=`` on every select box ("Choose an option"), the data
grid's ``placeholder`` for empty cells ("None"). A few cannot: Streamlit 1.67
writes them into its frontend bundle as fixed English (checked in
``streamlit/static/static/js``): the select boxes' "No results" and "Select
all", the file uploader's "Upload", "20MB per file", "Drag and drop files
here" and "File must be 20.0MB or smaller.", the text inputs' "Press Enter to
apply", the grid's toolbar and column menu, the "Running..." indicator.

For those, :func:`install` puts a small script in the page (once per
language) that watches the document and replaces exactly those texts by
their Dutch wording, keeping the English originals so a switch back to
English restores them. It changes only the text of a text node (or an input's
placeholder, or an ``aria-label`` a screen reader reads), never the element tree React manages, and only for the fixed
patterns below: no user text goes into the script, and a stakeholder who
happens to be called "Upload" is left alone outside the uploader.
"""

from __future__ import annotations

import json

import streamlit as st

__all__ = ["FRONTEND_DUTCH", "script", "install"]

#: ``(pattern, Dutch, where)``: ``pattern`` is a regular expression matched
#: against a whole text node (trimmed); ``Dutch`` may use ``$1``; ``where`` is a
#: CSS selector the node must sit in, or ``None`` for anywhere (texts rendered
#: in pop-overs outside the widget).
FRONTEND_DUTCH: tuple[tuple[str, str, str | None], ...] = (
    # select boxes and multiselects (their lists open in a pop-over at the end of <body>)
    (r"No results", "Geen resultaten", None),
    (r"Select all", "Alles selecteren", None),
    (r"Select (\d+) matches", "$1 treffers selecteren", None),
    (r"Choose an option", "Kies…", None),
    (r"Choose options", "Kies…", None),
    (r"No options to select", "Geen keuzes", None),
    (r"No options to select\.", "Geen keuzes.", None),
    # the file uploader
    (r"Upload", "Bestanden kiezen", '[data-testid="stFileUploader"]'),
    (r"Browse files", "Bestanden kiezen", '[data-testid="stFileUploader"]'),
    (r"(?:Limit )?(\d+(?:\.\d+)?)\s*MB per file", "hoogstens $1 MB per bestand", '[data-testid="stFileUploader"]'),
    (r"Drag and drop files? here", "Sleep bestanden hierheen", None),
    (r"Drag and drop a file here", "Sleep een bestand hierheen", None),
    (r"File must be (\d+)(?:\.(\d+))?\s*MB or smaller\.", "Het bestand mag hoogstens $1 MB zijn.", None),
    (r"(.+) files are not allowed\.", "Bestanden van het type $1 zijn niet toegestaan.", None),
    (r"File size is too small\.", "Het bestand is te klein.", None),
    (r"Only one file is allowed\.", "Kies één bestand.", None),
    (r"Upload failed", "Uploaden mislukt", None),
    # text inputs and forms
    (r"Press Enter to apply", "Druk op Enter om toe te passen", None),
    (r"Press Enter to submit form", "Druk op Enter om het formulier te versturen", None),
    (r"Press (⌘|Ctrl)\+Enter to apply", "Druk op $1+Enter om toe te passen", None),
    (r"Press (⌘|Ctrl)\+Enter to submit form", "Druk op $1+Enter om het formulier te versturen", None),
    # the data grid's toolbar, column menu and editor
    (r"Download as CSV", "Downloaden als CSV", None),
    (r"Search", "Zoeken", '[data-testid="stElementToolbar"], [data-testid="stDataFrame"]'),
    (r"Fullscreen", "Volledig scherm", None),
    (r"Close fullscreen", "Volledig scherm sluiten", None),
    (r"Show/hide columns", "Kolommen tonen of verbergen", None),
    (r"Add row", "Rij toevoegen", None),
    (r"Delete row\(s\)", "Rij(en) verwijderen", None),
    (r"Sort ascending", "Oplopend sorteren", None),
    (r"Sort descending", "Aflopend sorteren", None),
    (r"Autosize", "Breedte aanpassen", None),
    (r"Pin column", "Kolom vastzetten", None),
    (r"Unpin column", "Kolom losmaken", None),
    (r"Hide column", "Kolom verbergen", None),
    (r"Format", "Opmaak", '[data-testid="stDataFrameColumnMenu"]'),
    # names a screen reader reads (aria-label)
    (r"Help for (.+)", "Uitleg bij $1", None),
    # the status in the top right corner while a page computes
    (r"Running\.\.\.", "Bezig…", None),
    (r"Stop", "Stoppen", '[data-testid="stStatusWidget"]'),
)

_SCRIPT = """
<script>
(() => {
  const lang = %(lang)s;
  const rules = %(rules)s.map(([pattern, dutch, where]) => [new RegExp("^" + pattern + "$"), dutch, where]);
  const state = window.__nkStreamlitText || (window.__nkStreamlitText = {originals: new Map()});
  state.rules = lang === "nl" ? rules : [];
  const rewrite = (node, current, set, attribute) => {
    const text = current.trim();
    if (!text) return;
    for (const [pattern, dutch, where] of state.rules) {
      if (!pattern.test(text)) continue;
      const element = node.nodeType === 1 ? node : node.parentElement;
      if (where && !(element && element.closest(where))) continue;
      const translated = text.replace(pattern, dutch);
      if (translated === text) return;
      const slot = attribute ? node.getAttributeNode(attribute) : node;
      if (!state.originals.has(slot)) state.originals.set(slot, current);
      set(current.replace(text, translated));
      return;
    }
  };
  const visit = (root) => {
    if (root.nodeType === 3) { rewrite(root, root.data, (t) => { root.data = t; }); return; }
    if (root.nodeType !== 1) return;
    if (root.tagName === "SCRIPT" || root.tagName === "STYLE") return;
    for (const name of ["placeholder", "aria-label"]) {
      if (root.hasAttribute(name)) rewrite(root, root.getAttribute(name), (t) => root.setAttribute(name, t), name);
    }
    for (const child of root.childNodes) visit(child);
  };
  state.visit = visit;
  state.rewrite = rewrite;
  if (lang !== "nl") {
    // Back to English: every text this script changed gets its own words back.
    for (const [node, original] of state.originals) {
      const host = node.nodeType === 2 ? node.ownerElement : node;
      if (!host || !host.isConnected) continue;
      if (node.nodeType === 3) node.data = original; else node.value = original;  // a text node or an attribute node
    }
    state.originals.clear();
  } else {
    visit(document.body);
  }
  if (!state.observer) {
    state.observer = new MutationObserver((mutations) => {
      if (!state.rules.length) return;
      for (const m of mutations) {
        if (m.type === "characterData") state.visit(m.target);
        else if (m.type === "attributes") {
          // Only the attribute that changed, not the element's whole subtree.
          const element = m.target, name = m.attributeName;
          if (element.hasAttribute(name)) state.rewrite(element, element.getAttribute(name), (t) => element.setAttribute(name, t), name);
        }
        else for (const added of m.addedNodes) state.visit(added);
      }
    });
    state.observer.observe(document.body, {subtree: true, childList: true, characterData: true,
                                           attributes: true, attributeFilter: ["placeholder", "aria-label"]});
  }
})();
</script>
"""


def script(lang: str) -> str:
    """The page script for ``lang``: Dutch replaces the texts above, English
    restores whatever an earlier Dutch run replaced. Constants only."""
    rules = [list(rule) for rule in FRONTEND_DUTCH]
    return _SCRIPT % {"lang": json.dumps(lang), "rules": json.dumps(rules)}


def install(lang: str, where=None) -> None:
    """Put :func:`script` in the page (the sidebar by default), together with
    ``<html lang>``: screen readers choose their voice from it, and Streamlit
    always serves "en"."""
    where = where if where is not None else st.sidebar
    code = json.dumps(lang)
    where.html(f"<script>document.documentElement.lang = {code};</script>" + script(lang), unsafe_allow_javascript=True)
