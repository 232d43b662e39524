"""Workshops that survive a reload or a server restart (issue #13, item 4).

The browser session dies with F5 or a restart; the browser keeps cookies.

* The **facilitator** gets a cookie with the workshop's code and a
  *facilitator pass* (:meth:`~netanalysis.store.Store.open_facilitator_pass`),
  never the key: the pass is random, stored only as a hash, expires, and
  "Workshop verlaten" revokes it in the store and removes the cookie. In
  organisation mode the cookie holds only the code: the signed-in user's
  role decides. The cookie is script-readable (Streamlit cannot send
  ``Set-Cookie`` headers), so a pass stolen by script would work until it is
  revoked or expires; the key itself never reaches the browser after the
  dialog that shows it once.
* A **participant** gets a cookie with their token per workshop, so after
  a reload they can still edit or withdraw their own entries; what they
  typed but did not send (who they are, their consent and visibility
  choice, the ties they added) is kept in the store
  (:meth:`~netanalysis.store.Store.keep_participant_draft`) until the
  workshop closes.

Cookies are written by a small script (Streamlit can read cookies but not
set them) with ``SameSite=Strict``; values are URL-safe random text made by
:mod:`netanalysis.workshop` and the join code, never user text.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, MutableMapping
from typing import Any

import streamlit as st

from netanalysis.access import AccessDenied
from netanalysis.store.facilitators import PASS_PREFIX
from netanalysis.workshop import WorkshopError, new_participant_token, normalise_code

__all__ = [
    "FACILITATOR_COOKIE",
    "KEEP_DAYS",
    "resume_facilitator",
    "remember_facilitator",
    "forget_facilitator",
    "participant_token",
    "participant_draft",
    "keep_participant_draft",
    "forget_participant_fields",
    "PARTICIPANT_FIELDS",
]

FACILITATOR_COOKIE = "nk_facilitator"
#: The participant form's widget keys that are filled from the draft when the page opens.
PARTICIPANT_FIELDS = ("part_shown_as", "part_consent", "part_name", "part_type", "part_org", "part_themes", "part_area")
KEEP_DAYS = 14
_SAFE = re.compile(r"^[A-Za-z0-9_\-:]{1,200}$")


def _cookie(name: str) -> str | None:
    try:
        value = st.context.cookies.get(name)
    except Exception:  # no browser request (AppTest, bare mode)
        return None
    # Only plain URL-safe text counts (AppTest hands out a mock object here).
    return value if isinstance(value, str) and _SAFE.match(value) else None


def _set_cookie(name: str, value: str, *, days: int = KEEP_DAYS) -> None:
    if not _SAFE.match(name) or (value and not _SAFE.match(value)):
        raise ValueError("cookie names and values are URL-safe text only")
    seconds = days * 86400 if value else 0
    # Constant text apart from the checked name and value: no user text reaches the script.
    st.html(
        f'<script>document.cookie = "{name}={value}; path=/; max-age={seconds}; SameSite=Strict";</script>',
        unsafe_allow_javascript=True,
    )


# -- the facilitator -----------------------------------------------------------------------------


def resume_facilitator(session: MutableMapping[str, Any], store, actor=None) -> bool:
    """Fill the facilitator's ``session`` from the cookie when it still opens the
    workshop for ``actor``; returns whether it did. A cookie from before
    passes existed (``code:key``) is exchanged for a pass at once."""
    if session.get("code"):
        return False
    if session.get("left"):
        forget_facilitator()
        return False
    stored = _cookie(FACILITATOR_COOKIE)
    if not stored or ":" not in stored:
        return False
    code, credential = stored.split(":", 1)
    credential = credential or None
    if not store.may_manage(code, credential, actor=actor):
        return False
    if credential and not credential.startswith(PASS_PREFIX):
        try:
            credential = store.open_facilitator_pass(code, credential, actor=actor)
        except (WorkshopError, AccessDenied):
            return False
    session.update(code=normalise_code(code), key=credential)
    return True


def remember_facilitator(code: str, credential: str | None) -> None:
    """Keep this workshop in the browser: its code and the facilitator pass
    (never the key; empty when the signed-in user's team manages it). Written
    when it changes."""
    value = f"{code}:{credential or ''}"
    if _cookie(FACILITATOR_COOKIE) != value:
        _set_cookie(FACILITATOR_COOKIE, value)


def forget_facilitator(store=None, credential: str | None = None) -> None:
    """Remove the cookie, and revoke the pass in the store when given."""
    if store is not None:
        store.revoke_facilitator_pass(credential)
    _set_cookie(FACILITATOR_COOKIE, "")


# -- the participant -----------------------------------------------------------------------------


def participant_token(code: str) -> str:
    """This browser's token for workshop ``code``: from the cookie, the session, or new."""
    name = f"nk_participant_{normalise_code(code)}"
    token = _cookie(name) or st.session_state.get("participant_token") or new_participant_token()
    st.session_state["participant_token"] = token
    if _cookie(name) != token:
        _set_cookie(name, token)
    return token


def _empty_draft() -> dict[str, Any]:
    return {"ties": [], "submission_id": uuid.uuid4().hex, "editing": None}


def participant_draft(code: str, token: str, store) -> dict[str, Any]:
    """The participant's unsent entry: the session's, else the stored one, else a new one.

    Besides ``ties``, ``submission_id`` and ``editing`` it may hold ``me``
    (the fields of "who are you"), ``consent`` and ``shown_as``; only
    written once the participant consented.
    """
    draft = st.session_state.get("participant_draft")
    if draft is None:
        kept = store.participant_draft(code, token)
        draft = kept if isinstance(kept, Mapping) and isinstance(kept.get("ties"), list) else _empty_draft()
        draft = dict(draft)
        if not isinstance(draft.get("me"), Mapping):
            draft.pop("me", None)
        st.session_state["participant_draft"] = draft
    return draft


def forget_participant_fields() -> None:
    """Let the form's fields be filled from the draft again on the next run
    (after the draft was replaced, e.g. to edit an earlier entry)."""
    for key in PARTICIPANT_FIELDS:
        st.session_state.pop(key, None)


def keep_participant_draft(code: str, token: str, store, draft: Mapping[str, Any] | None = None) -> None:
    """Store the unsent entry (after every change), quietly: the form stays usable
    when the workshop just closed, and the send button reports that."""
    try:
        store.keep_participant_draft(code, token, draft if draft is not None else st.session_state["participant_draft"])
    except WorkshopError:
        pass
