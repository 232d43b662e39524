"""A workshop in a real room: the address phones use, the address they come
from, the limits, and the facilitator key shown once.

Settings (an environment variable wins over ``[netwerkkaart]`` in
``.streamlit/secrets.toml``):

``NETWERKKAART_PUBLIC_URL`` / ``public_url``
    The address participants' phones open, e.g. ``https://kaart.gemeente.nl``
    or ``http://192.168.1.20:8501``; the join link and QR code use it.
    Without it, the address in the facilitator's own address bar is used,
    which phones cannot reach when it is ``localhost``: the page says so.
``NETWERKKAART_TRUSTED_PROXIES`` / ``trusted_proxies``
    Reverse proxies (addresses or networks, e.g. ``127.0.0.1, 10.0.0.0/8``)
    whose ``X-Forwarded-For`` header names the client. Without it the
    header is ignored: anyone could forge it.
``NETWERKKAART_RATE_LIMITS`` / ``rate_limits``
    Changes to the default limits, e.g. ``submit_address=400/600`` for a
    large room behind one network address (see :mod:`netanalysis.ratelimits`).
"""

from __future__ import annotations

import logging
import os
from urllib.parse import urlsplit

import streamlit as st

from netanalysis.addresses import client_address as _client_address
from netanalysis.addresses import join_link as _join_link
from netanalysis.addresses import parse_networks, unreachable_reason
from netanalysis.i18n import Messages
from netanalysis.ratelimits import RATE_LIMITS, RateLimit, parse_rate_limits
from netanalysis.workshop import Workshop

__all__ = [
    "ENV_PUBLIC_URL",
    "ENV_TRUSTED_PROXIES",
    "ENV_RATE_LIMITS",
    "MESSAGES",
    "text",
    "setting",
    "public_url",
    "trusted_proxies",
    "rate_limits",
    "client_address",
    "join_base",
    "join_link",
    "show_address_warning",
    "join",
    "show_key_once",
]

ENV_PUBLIC_URL = "NETWERKKAART_PUBLIC_URL"
ENV_TRUSTED_PROXIES = "NETWERKKAART_TRUSTED_PROXIES"
ENV_RATE_LIMITS = "NETWERKKAART_RATE_LIMITS"

_log = logging.getLogger("netwerkkaart.room")

MESSAGES = Messages({
    "address_configured": {
        "nl": "Deelnemers gebruiken het ingestelde adres {url}.",
        "en": "Participants use the configured address {url}.",
    },
    "address_from_browser": {
        "nl": "Geen openbaar adres ingesteld: de link gebruikt het adres in je adresbalk ({url}).",
        "en": "No public address configured: the link uses the address in your address bar ({url}).",
    },
    "unreachable": {
        "nl": "Telefoons kunnen deze link niet openen: {why} Stel het adres in waarop deelnemers de app "
              "bereiken: zet de omgevingsvariabele `NETWERKKAART_PUBLIC_URL` (bijvoorbeeld "
              "`http://192.168.1.20:8501` of `https://kaart.gemeente.nl`) of `public_url` onder "
              "`[netwerkkaart]` in `.streamlit/secrets.toml`, en laat de app op dat adres luisteren "
              "(`--server.address 0.0.0.0`, of achter de webserver van de organisatie).",
        "en": "Phones cannot open this link: {why} Configure the address where participants reach the app: "
              "set the environment variable `NETWERKKAART_PUBLIC_URL` (for example "
              "`http://192.168.1.20:8501` or `https://map.example.org`) or `public_url` under "
              "`[netwerkkaart]` in `.streamlit/secrets.toml`, and let the app listen on that address "
              "(`--server.address 0.0.0.0`, or behind the organisation's web server).",
    },
    "why_localhost": {
        "nl": "{host} is de computer van de begeleider zelf; op een telefoon is dat de telefoon.",
        "en": "{host} is the facilitator's own computer; on a phone it is the phone.",
    },
    "why_loopback": {
        "nl": "{host} is een adres van deze computer zelf (loopback); op een telefoon is dat de telefoon.",
        "en": "{host} is an address of this computer itself (loopback); on a phone it is the phone.",
    },
    "why_unspecified": {
        "nl": "{host} is geen adres om naartoe te gaan, alleen een adres om op te luisteren.",
        "en": "{host} is not an address to go to, only one to listen on.",
    },
    "why_link_local": {
        "nl": "{host} is een link-local adres, alleen bereikbaar voor apparaten aan dezelfde kabel.",
        "en": "{host} is a link-local address, reachable only by devices on the same cable.",
    },
    "why_missing": {
        "nl": "het adres ontbreekt of begint niet met http:// of https://.",
        "en": "the address is missing or does not start with http:// or https://.",
    },
    "bad_setting": {
        "nl": "De instelling {name} klopt niet ({error}); de standaardwaarde geldt.",
        "en": "The setting {name} is not valid ({error}); the default applies.",
    },
    "presentation": {"nl": "Presentatiemodus (beamer)", "en": "Presentation mode (beamer)"},
    "presentation_help": {
        "nl": "Alleen de titel, de QR-code, de code en de kaart: geen knoppen, geen namen van wie nog niets "
              "heeft ingevuld.",
        "en": "Only the title, the QR code, the code and the map: no buttons, no names of people who have not "
              "filled in anything yet.",
    },
    "presentation_off": {"nl": "Presentatiemodus sluiten", "en": "Leave presentation mode"},
    "room_per_type": {"nl": "Inzendingen per soort", "en": "Entries per kind"},
    "room_without_ties": {"nl": "Nog niemand genoemd ({n})", "en": "Named nobody yet ({n})"},
    "room_all_named": {"nl": "Iedereen heeft al iemand genoemd.", "en": "Everyone has named someone."},
    "room_typing": {
        "nl": "{n} deelnemers vullen nog in en hebben niets verstuurd.",
        "en": "{n} participants are still filling in and have sent nothing.",
    },
    "room_typing_one": {
        "nl": "1 deelnemer vult nog in en heeft niets verstuurd.",
        "en": "1 participant is still filling in and has sent nothing.",
    },
    "open_mine": {"nl": "Workshops van je werkruimte", "en": "Workshops of your workspace"},
    "open_mine_button": {"nl": "Deze workshop openen", "en": "Open this workshop"},
    "open_with_key": {"nl": "Openen met code en sleutel", "en": "Open with code and key"},
    "owner": {"nl": "geopend door {name}", "en": "opened by {name}"},
    "access_lost": {
        "nl": "Deze workshop is niet (meer) voor jou te openen: de toegang is verlopen of ingetrokken. Open hem "
              "opnieuw met de workshopcode en de sleutel.",
        "en": "This workshop can no longer be opened by you: the access expired or was revoked. Open it again "
              "with the workshop code and the key.",
    },
    "key_dialog_title": {"nl": "Sleutel van de begeleider", "en": "Facilitator key"},
    "key_dialog_text": {
        "nl": "Bewaar deze sleutel nu, bijvoorbeeld in je wachtwoordbeheerder: met de kopieerknop rechtsboven "
              "in het vak. Je hebt hem nodig om deze workshop op een ander apparaat te openen. Hij wordt "
              "**niet meer getoond**, ook niet op de beamer: alleen een hash wordt bewaard.",
        "en": "Keep this key now, for example in your password manager: use the copy button at the top right "
              "of the box. You need it to open this workshop on another device. It is **not shown again**, "
              "not on the beamer either: only a hash is stored.",
    },
    "key_dialog_done": {"nl": "Ik heb de sleutel bewaard", "en": "I have kept the key"},
})


def text(key: str, /, **fields) -> str:
    """A string of this module in the session's language."""
    return MESSAGES.text(key, st.session_state.get("lang"), **fields)


def setting(name: str, env: str) -> str | None:
    """The value of environment variable ``env``, else ``name`` under
    ``[netwerkkaart]`` in the secrets file, else ``None`` (lists become comma-separated text)."""
    value = os.environ.get(env)
    if value is None or not value.strip():
        try:
            value = (st.secrets.get("netwerkkaart", {}) or {}).get(name)
        except Exception:  # no secrets file: Streamlit raises rather than returning nothing
            value = None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    value = None if value is None else str(value).strip()
    return value or None


def public_url() -> str | None:
    """The configured public address (see the module docstring), or ``None``."""
    return setting("public_url", ENV_PUBLIC_URL)


def _warn_bad(name: str, error: ValueError) -> None:
    _log.error("setting %s: %s", name, error)
    st.error(text("bad_setting", name=name, error=str(error)))


def trusted_proxies():
    """The configured trusted proxies as networks (empty when none, or when the
    setting is not understood: then the page says so)."""
    try:
        return parse_networks(setting("trusted_proxies", ENV_TRUSTED_PROXIES))
    except ValueError as error:
        _warn_bad(ENV_TRUSTED_PROXIES, error)
        return ()


def rate_limits() -> dict[str, RateLimit]:
    """The limits: the defaults changed by the setting (defaults when it is not understood)."""
    try:
        return parse_rate_limits(setting("rate_limits", ENV_RATE_LIMITS))
    except ValueError as error:
        _warn_bad(ENV_RATE_LIMITS, error)
        return dict(RATE_LIMITS)


def client_address() -> str:
    """The network address this session's browser connects from (the
    forwarded one only through a trusted proxy; see :func:`netanalysis.addresses.client_address`)."""
    try:
        peer = st.context.ip_address
        forwarded = st.context.headers.get_all("X-Forwarded-For")
    except Exception:  # no browser request (AppTest, bare mode)
        peer, forwarded = None, []
    peer = peer if isinstance(peer, str) else None
    forwarded = ", ".join(f for f in forwarded if isinstance(f, str)) if isinstance(forwarded, list) else None
    return _client_address(peer, forwarded or None, trusted_proxies())


def join_base(page_path: str) -> tuple[str, bool]:
    """The address the join link starts with, and whether it was configured
    (else it is taken from the address bar of the page at ``page_path``)."""
    configured = public_url()
    if configured:
        return configured, True
    try:
        base = (st.context.url or "").split("?")[0].rstrip("/")
    except Exception:  # no browser request
        base = ""
    if base.endswith("/" + page_path):
        base = base[: -len(page_path) - 1]
    return base, False


def join_link(code: str, page_path: str = "workshop_leiden") -> tuple[str, bool]:
    """The participant's link for workshop ``code`` and whether its address was configured."""
    base, configured = join_base(page_path)
    return _join_link(base, code), configured


def show_address_warning(link: str, configured: bool) -> bool:
    """Say where the link points, and warn when phones cannot reach it; returns
    whether it warned."""
    reason = unreachable_reason(link)
    base = link.split("/meedoen?")[0]
    if reason is None:
        st.caption(text("address_configured" if configured else "address_from_browser", url=base))
        return False
    try:
        host = urlsplit(link).hostname or "—"
    except ValueError:
        host = "—"
    why = text("why_missing" if reason in ("missing", "scheme") else f"why_{reason}", host=host)
    st.warning(text("unreachable", why=why), icon="⚠️")
    return True


def join(store, code: str) -> Workshop:
    """The workshop a participant opens, counted once per session against the join
    limits (per address and per workshop, kept in the store).

    Raises
    ------
    WorkshopError
        Not found, or a limit reached (the message says which).
    """
    joined = st.session_state.setdefault("joined_workshops", [])
    if code in joined:
        return store.get_workshop(code)
    workshop = store.join_workshop(code, client=client_address())
    joined.append(code)
    return workshop


def _key_dialog_body(key: str) -> None:
    st.markdown(text("key_dialog_text"))
    st.code(key, language=None)
    if st.button(text("key_dialog_done"), type="primary", key="ws_key_kept"):
        st.rerun()


def show_key_once(session) -> None:
    """Show the key just made in a dialog with a copy button, once: the key
    leaves the session here, so no later run can put it on the page."""
    key = session.pop("fresh_key", None)
    if key:
        # Made here, not at import: the title is in the session's language.
        st.dialog(text("key_dialog_title"), width="medium", dismissible=False)(_key_dialog_body)(key)
