"""The user's concept (working copy) in the store: every change saved, undo and redo.

Pages never keep the working network only in the browser session: they
change it through :func:`change` (or :func:`replace` for a load), which
writes an edit to the store (:mod:`netanalysis.store.drafts`) and keeps the
result in the session. :func:`sync`, run by ``app.py`` before every page,
reads the concept's revision (one small query) and reloads the concept when
another tab, a reload or a restart left the session behind.

Session state keys (besides ``network`` and ``network_source`` of :mod:`ui`):

``draft``
    The :class:`~netanalysis.store.Draft` last read or written, or ``None``
    while the user has no concept (the demo, untouched).
``draft_revision``
    Its revision, which every write names (compare-and-set).
``draft_flash``
    A message for the next run (another tab changed the concept, a save).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st

from netanalysis import edits
from netanalysis.access import AccessDenied
from netanalysis.network import StakeholderNetwork

from . import auth, escape_markdown, lang, show_unexpected, t

__all__ = [
    "sync",
    "current",
    "decisions",
    "unsaved",
    "change",
    "replace",
    "decide",
    "accept",
    "save_version",
    "confirm_replace",
    "status_bar",
]

_NEVER_SYNCED = object()


def _scope():
    """``(store, actor, team)``, or ``None`` when the user has no workspace
    (then the network stays in the session, as before concepts existed)."""
    from .storage import store

    try:
        actor = auth.current_user()
        team = auth.current_team()
    except AccessDenied:
        return None
    return None if team is None else (store(), actor, team)


def _remember(draft) -> None:
    st.session_state["draft"] = draft
    st.session_state["draft_revision"] = draft.revision
    st.session_state["network"] = draft.network
    st.session_state["network_source"] = draft.source


def sync() -> None:
    """Bring the session up to the stored concept (after F5, a restart, another tab)."""
    scope = _scope()
    if scope is None:
        return
    db, actor, team = scope
    known = st.session_state.get("draft_revision", _NEVER_SYNCED)
    try:
        revision = db.draft_revision(team=team, actor=actor)
        if revision is None:
            st.session_state["draft_revision"] = None
            st.session_state["draft"] = None
            return
        if revision == known and "network" in st.session_state:
            return
        draft = db.get_draft(team=team, actor=actor)
    except Exception as error:  # a database fault: say so, keep what the session has
        show_unexpected(error)
        return
    if known is not _NEVER_SYNCED and "network" in st.session_state:
        st.session_state["draft_flash"] = ("info", t("draft_other_tab"))
    _remember(draft)


def current():
    """The stored concept as last seen, or ``None``."""
    if "draft_revision" not in st.session_state:
        sync()
    return st.session_state.get("draft")


def decisions() -> list[Mapping[str, str]]:
    """The suggestions accepted or dismissed in the concept."""
    draft = current()
    return list(draft.decisions) if draft is not None else list(st.session_state.get("session_decisions", []))


def unsaved() -> bool:
    """Whether a concept exists that differs from every version it was saved as or opened from."""
    draft = current()
    return draft is not None and not draft.saved


def change(network: StakeholderNetwork, *, decisions_after: Iterable[Mapping[str, str]] | None = None,
           action: str | None = None, source: str | None = None, saved_version: int | None = None,
           forget_history: bool = False, **fields: Any) -> bool:
    """Make ``network`` (and ``decisions_after``) the concept, saved in the store as one undo step.

    ``action`` and ``fields`` describe the step when the rows alone do not
    (see :func:`netanalysis.edits.describe`). Returns whether it was saved;
    on a refusal or a fault the user sees why and nothing changes.
    """
    from . import active_network

    before = edits.state_of(active_network(), decisions())
    after = edits.state_of(network, decisions() if decisions_after is None else decisions_after)
    edit = edits.diff(before, after)
    if edits.is_empty(edit) and source is None and saved_version is None:
        return True
    scope = _scope()
    if scope is None:
        st.session_state["network"] = network
        st.session_state["session_decisions"] = after["decisions"]
        if source is not None:
            st.session_state["network_source"] = source
        return True
    db, actor, team = scope
    saved = None if saved_version is None else (saved_version, edits.state_fingerprint(after, network))
    try:
        result = db.change_draft(
            edit, description=edits.describe(before, edit, action, **fields),
            expected_revision=st.session_state.get("draft_revision"), initial=before, source=source,
            saved_version=saved, forget_history=forget_history, team=team, actor=actor,
        )
    except AccessDenied as error:
        auth.show_denied(error)
        return False
    except Exception as error:  # noqa: BLE001 - a fault is shown, never a traceback
        show_unexpected(error)
        return False
    _remember(result.draft)
    if result.merged:
        notes = ", ".join(escape_markdown(n) for n in result.notes[:10]) or "—"
        st.session_state["draft_flash"] = ("warning", t("draft_merged", notes=notes))
    return True


def replace(network: StakeholderNetwork, source: str, *, action: str = "loaded", decisions_after=(),
            saved_version: int | None = None, **fields: Any) -> bool:
    """Replace the concept by a loaded file, the demo, a version or a workshop's
    result: one undo step, so Ongedaan maken brings the old concept back."""
    fields.setdefault("name", source)
    return change(network, decisions_after=list(decisions_after), action=action, source=source,
                  saved_version=saved_version, **fields)


def decide(source: str, target: str, decision: str | None, names: Mapping[str, str]) -> bool:
    """Dismiss a suggestion (or show it again) as an undo step."""
    from . import active_network

    state = edits.with_decision({"decisions": decisions()}, source, target, decision)
    action = "suggestion_dismissed" if decision == "dismissed" else "suggestion_reset"
    return change(active_network(), decisions_after=state["decisions"], action=action,
                  a=names.get(source, source), b=names.get(target, target))


def accept(source: str, target: str, names: Mapping[str, str], note: str) -> bool:
    """Take over a suggested connection: the relation (a collaboration of
    default strength, ``note`` saying where it came from) and the decision
    "accepted", as one undo step. Returns whether it was saved."""
    from netanalysis.schema import DEFAULT_STRENGTH

    from . import active_network

    grown = active_network().with_relations(
        [{"source": source, "target": target, "type": "collaboration", "strength": DEFAULT_STRENGTH, "notes": note}]
    )
    accepted = edits.with_decision({"decisions": decisions()}, source, target, "accepted")
    return change(grown, decisions_after=accepted["decisions"], action="suggestion_accepted",
                  a=names.get(source, source), b=names.get(target, target))


def save_version(*, name: str, note: str = "", author: str = "") -> int:
    """Save the concept as a version (with its decisions); without a concept,
    the session's network. Raises what the store raises."""
    from . import active_network

    scope = _scope()
    if scope is None:
        from .storage import store

        return store().save_network(active_network(), name=name, note=note, author=author,
                                    decisions=decisions(), actor=auth.current_user())
    db, actor, team = scope
    if current() is None:
        return db.save_network(active_network(), name=name, note=note, author=author or actor.name,
                               decisions=decisions(), team=auth.current_team("save"), actor=actor)
    version = db.save_draft_as_version(name=name, note=note, author=author, team=team, actor=actor)
    _remember(db.get_draft(team=team, actor=actor))
    return version


def confirm_replace(key: str) -> bool:
    """Before something replaces an unsaved concept: a warning and a checkbox.
    Returns whether replacing may go ahead (always, when nothing is unsaved)."""
    if not unsaved():
        return True
    st.warning(t("draft_replace_warning"))
    return st.checkbox(t("draft_replace_confirm"), key=key)


def _step_text(description: Mapping[str, Any]) -> str:
    return escape_markdown(edits.describe_text(description, lang()))


def _move(direction: str) -> None:
    scope = _scope()
    if scope is None:
        return
    db, actor, team = scope
    from netanalysis.store import StaleDraft

    move = db.undo_draft if direction == "undo" else db.redo_draft
    try:
        _remember(move(expected_revision=st.session_state.get("draft_revision"), team=team, actor=actor))
    except StaleDraft:
        st.session_state["draft_flash"] = ("warning", t("draft_stale"))
        st.session_state.pop("draft_revision", None)
        sync()
    except Exception as error:  # noqa: BLE001
        show_unexpected(error)
        return
    st.rerun()


def status_bar(where=None, *, compact: bool = False) -> None:
    """Where the work stands, on every page: concept or saved, save, undo, redo.

    ``where`` is the container (the page by default); ``compact`` stacks the
    buttons for a narrow place such as the sidebar, where the Kaart page keeps
    it so the map can start at the top of the page.
    """
    where = where if where is not None else st
    flash = st.session_state.pop("draft_flash", None)
    if flash is not None:
        (st.warning if flash[0] == "warning" else st.success if flash[0] == "success" else st.info)(flash[1])
    draft = current()
    if _scope() is None:
        return
    actor = auth.current_user()
    team = auth.current_team()
    with where.container(border=True, key="draft_status"):
        if compact:
            state, save = st.container(), st.container()
            undo, redo = st.columns(2)
        else:
            state, save, undo, redo = st.columns([5, 2, 2, 2], vertical_alignment="center")
        if draft is None:
            state.markdown(t("draft_none"))
        elif draft.saved:
            state.markdown(t("draft_saved"))
        else:
            state.markdown(t("draft_unsaved"))
        if save.button(t("draft_save"), key="draft_save", type="primary" if draft is not None and not draft.saved else "secondary",
                       disabled=draft is None or draft.saved or not actor.may("save", team), width="stretch"):
            from . import active_network

            try:
                from .storage import store

                version = save_version(name=active_network().name or t("draft_default_name"), author=actor.name)
                info = store().version_info(version, actor=actor)
            except AccessDenied as error:
                auth.show_denied(error)
            except Exception as error:  # noqa: BLE001
                show_unexpected(error)
            else:
                st.session_state["draft_flash"] = ("success", t("draft_saved_as", number=info.number,
                                                                      name=escape_markdown(info.network)))
                st.rerun()
        can_undo = draft is not None and bool(draft.undo)
        can_redo = draft is not None and bool(draft.redo)
        if undo.button(t("draft_undo"), key="draft_undo", disabled=not can_undo, width="stretch",
                       help=_step_text(draft.undo[0]) if can_undo else None):
            _move("undo")
        if redo.button(t("draft_redo"), key="draft_redo", disabled=not can_redo, width="stretch",
                       help=_step_text(draft.redo[0]) if can_redo else None):
            _move("redo")
        if can_undo:
            state.caption(t("draft_last_step", step=_step_text(draft.undo[0]), n=len(draft.undo)))
