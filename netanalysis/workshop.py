"""Workshop mode without a database: codes, keys, errors and the stored shapes.

A facilitator opens a workshop and gets a join code (shared with the room)
and a facilitator key (kept secret, stored only as a salted hash).
Participants send *submissions* from their phones; :mod:`netanalysis.submissions`
checks them and merges them into one network, and :mod:`netanalysis.store`
does the SQL around both.
"""


from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .i18n import Messages

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "NO_KEY",
    "MESSAGES",
    "Submission",
    "Workshop",
    "WorkshopError",
    "InvalidSubmission",
    "WorkshopClosed",
    "WorkshopNotFound",
    "RateLimited",
    "WrongKey",
    "NotYourSubmission",
    "SubmissionNotFound",
    "new_code",
    "normalise_code",
    "format_code",
    "new_facilitator_key",
    "new_participant_token",
    "hash_key",
    "verify_key_hash",
    "participant_fingerprint",
]

#: Join-code characters: upper case letters and digits without the ones that
#: are misread on a projector or typed wrongly on a phone (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
#: 31**8 is about 8.5e11 codes: guessing an open workshop's code is hopeless
#: within any rate limit, and the code is not the secret anyway (the key is).
CODE_LENGTH = 8

#: The stored key hash of a workshop opened without a key (organisation
#: mode): :func:`verify_key_hash` matches no key against it.
NO_KEY = "none"

# scrypt cost: 16 MiB and some tens of milliseconds per verification, cheap
# for a facilitator's click, expensive for someone trying keys offline.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1



MESSAGES = Messages(
    {
        "not_a_dict": {
            "nl": "De inzending is niet goed gevormd.",
            "en": "The submission is malformed.",
        },
        "missing": {
            "nl": "Vul {field} in.",
            "en": "Please fill in {field}.",
        },
        "too_long": {
            "nl": "{field} is te lang (hoogstens {limit} tekens).",
            "en": "{field} is too long (at most {limit} characters).",
        },
        "too_many": {
            "nl": "Te veel {field} (hoogstens {limit}).",
            "en": "Too many {field} (at most {limit}).",
        },
        "unknown_type": {
            "nl": "Onbekend soort betrokkene: {value}.",
            "en": "Unknown kind of stakeholder: {value}.",
        },
        "unknown_relation_type": {
            "nl": "Onbekend soort relatie: {value}.",
            "en": "Unknown kind of relation: {value}.",
        },
        "bad_strength": {
            "nl": "De sterkte moet een heel getal van 1 tot en met 5 zijn.",
            "en": "The strength must be a whole number from 1 to 5.",
        },
        "tie_needs_target": {
            "nl": "Kies een bestaande betrokkene of vul naam en soort in.",
            "en": "Choose an existing stakeholder or fill in a name and kind.",
        },
        "tie_to_self": {
            "nl": "Je kunt jezelf niet als contact opgeven.",
            "en": "You cannot name yourself as a contact.",
        },
        "no_consent": {
            "nl": "Geef eerst toestemming: vink aan dat je de uitleg over je gegevens hebt gelezen en meedoet.",
            "en": "Please give your consent first: tick that you have read how your data is used and take part.",
        },
        "bad_shown_as": {
            "nl": "Kies hoe je op de kaart komt: met je naam of als deelnemer.",
            "en": "Choose how you appear on the map: by name or as a participant.",
        },
        "unknown_stakeholder": {
            "nl": "Deze betrokkene staat niet (meer) op de kaart van de workshop.",
            "en": "This stakeholder is not (or no longer) on the workshop's map.",
        },
        "participant_label": {
            "nl": "Deelnemer {n}",
            "en": "Participant {n}",
        },
        "bad_submission_id": {
            "nl": "Ongeldige inzending (kenmerk ontbreekt of is te lang).",
            "en": "Invalid submission (identifier missing or too long).",
        },
        "submission_id_taken": {
            "nl": "Dit kenmerk hoort bij een inzending van iemand anders.",
            "en": "This identifier belongs to someone else's submission.",
        },
        "bad_token": {
            "nl": "Je sessie is ongeldig; laad de pagina opnieuw.",
            "en": "Your session is invalid; please reload the page.",
        },
        "closed": {
            "nl": "Deze workshop is gesloten; inzendingen zijn niet meer mogelijk.",
            "en": "This workshop is closed; submissions are no longer possible.",
        },
        "not_found": {
            "nl": "Er is geen workshop met code {code}.",
            "en": "There is no workshop with code {code}.",
        },
        "rate_limited": {
            "nl": "Je stuurt te veel inzendingen kort na elkaar; wacht even en probeer het opnieuw.",
            "en": "You are sending too many submissions in a short time; wait a moment and try again.",
        },
        "too_many_from_here": {
            "nl": "Er komen te veel inzendingen van dit netwerkadres. Wacht {minutes} minuten en probeer het "
                  "opnieuw; gebeurt dit vaker, zeg het dan tegen de begeleider.",
            "en": "Too many submissions are coming from this network address. Wait {minutes} minutes and try "
                  "again; if this keeps happening, tell the facilitator.",
        },
        "too_many_in_workshop": {
            "nl": "Deze workshop krijgt nu te veel inzendingen tegelijk. Wacht {minutes} minuten en probeer het opnieuw.",
            "en": "This workshop is receiving too many submissions at once. Wait {minutes} minutes and try again.",
        },
        "too_many_joins": {
            "nl": "Te veel aanmeldingen vanaf dit netwerkadres. Wacht {minutes} minuten en probeer het opnieuw.",
            "en": "Too many joins from this network address. Wait {minutes} minutes and try again.",
        },
        "too_many_unknown_codes": {
            "nl": "Te veel onbekende workshopcodes geprobeerd vanaf dit netwerkadres. Wacht {minutes} minuten "
                  "en vraag de begeleider om de juiste code.",
            "en": "Too many unknown workshop codes tried from this network address. Wait {minutes} minutes "
                  "and ask the facilitator for the right code.",
        },
        "too_many_key_attempts": {
            "nl": "Te veel pogingen met een sleutel van de begeleider. Wacht {minutes} minuten en probeer het "
                  "opnieuw; de pogingen staan in het logboek.",
            "en": "Too many attempts with a facilitator key. Wait {minutes} minutes and try again; the attempts "
                  "are in the audit log.",
        },
        "too_many_workshops": {
            "nl": "Je hebt kort na elkaar al veel workshops geopend. Wacht {minutes} minuten, of ga verder met "
                  "een workshop die al open is.",
            "en": "You have opened many workshops in a short time. Wait {minutes} minutes, or continue with a "
                  "workshop that is already open.",
        },
        "wrong_key": {
            "nl": "De sleutel van de begeleider klopt niet.",
            "en": "The facilitator key is not correct.",
        },
        "not_yours": {
            "nl": "Je kunt alleen je eigen inzendingen wijzigen.",
            "en": "You can only change your own submissions.",
        },
        "submission_not_found": {
            "nl": "Deze inzending bestaat niet (meer).",
            "en": "This submission does not exist (any more).",
        },
        "field_name": {"nl": "de naam", "en": "the name"},
        "field_type": {"nl": "het soort", "en": "the kind"},
        "field_organisation": {"nl": "de organisatie", "en": "the organisation"},
        "field_area": {"nl": "de wijk", "en": "the area"},
        "field_theme": {"nl": "een thema", "en": "a theme"},
        "field_themes": {"nl": "thema's", "en": "themes"},
        "field_ties": {"nl": "contacten", "en": "contacts"},
        "field_stakeholder_id": {"nl": "de gekozen betrokkene", "en": "the chosen stakeholder"},
        "restored_from": {
            "nl": "Hersteld uit versie {number}",
            "en": "Restored from version {number}",
        },
        "workshop_note": {
            "nl": "Workshop {title} ({code})",
            "en": "Workshop {title} ({code})",
        },
    }
)


class WorkshopError(Exception):
    """Base of the workshop errors; carries a message in Dutch and English.

    ``str(error)`` is the Dutch message; :meth:`text` gives either language.

    Parameters
    ----------
    key : str
        A key of :data:`MESSAGES`.
    **fields
        Values for the message template. A value that is itself a message
        key (``field_...``) is translated along with the message.
    """

    def __init__(self, key: str, **fields: Any):
        self.key = key
        self.fields = fields
        super().__init__(self.text("nl"))

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (Dutch if not supported)."""
        filled = {
            k: MESSAGES.text(v, lang) if isinstance(v, str) and v.startswith("field_") and v in MESSAGES else v
            for k, v in self.fields.items()
        }
        message = MESSAGES.text(self.key, lang, **filled)
        # A field name such as "de naam" may open the sentence.
        return message[:1].upper() + message[1:]


class InvalidSubmission(WorkshopError, ValueError):
    """A payload, submission id or participant token fails validation."""


class WorkshopClosed(WorkshopError):
    """The workshop no longer accepts submissions or changes."""

    def __init__(self, key: str = "closed", **fields: Any):
        super().__init__(key, **fields)


class WorkshopNotFound(WorkshopError, LookupError):
    """No workshop has this code."""

    def __init__(self, code: str):
        super().__init__("not_found", code=code)


class RateLimited(WorkshopError):
    """More requests than a rate limit allows (see :mod:`netanalysis.ratelimits`)."""

    def __init__(self, key: str = "rate_limited", **fields: Any):
        super().__init__(key, **fields)


class WrongKey(WorkshopError, PermissionError):
    """The facilitator key does not match the workshop."""

    def __init__(self, key: str = "wrong_key", **fields: Any):
        super().__init__(key, **fields)


class NotYourSubmission(WorkshopError, PermissionError):
    """A participant tried to change someone else's submission."""

    def __init__(self, key: str = "not_yours", **fields: Any):
        super().__init__(key, **fields)


class SubmissionNotFound(WorkshopError, LookupError):
    """No submission with this id in this workshop (or it was withdrawn)."""

    def __init__(self, key: str = "submission_not_found", **fields: Any):
        super().__init__(key, **fields)


@dataclass(frozen=True)
class Workshop:
    """A workshop as stored (the facilitator key is never part of it)."""

    code: str
    title: str
    status: str
    created_at: datetime
    closed_at: datetime | None = None
    seed_version_id: int | None = None
    #: The signed-in user who opened it (organisation mode), else ``None``.
    owner: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class Submission:
    """One participant's submission.

    ``participant`` is :func:`participant_fingerprint` of the participant's
    token, never the token itself. ``payload`` is the normalised payload
    (see :func:`validate_payload`). Withdrawn or removed submissions keep
    ``withdrawn=True`` with an emptied payload (no name, no ties), and are
    left out of the merged network.
    """

    submission_id: str
    workshop_code: str
    participant: str
    payload: dict = field(repr=False)
    created_at: datetime
    updated_at: datetime
    withdrawn: bool = False


# -- codes and keys ----------------------------------------------------------


def new_code(length: int = CODE_LENGTH) -> str:
    """A random join code from :data:`CODE_ALPHABET`.

    >>> code = new_code()
    >>> len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    True
    """
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(text: str) -> str:
    """A join code as typed: upper case, without spaces or dashes.

    >>> normalise_code(" abcd-efgh ")
    'ABCDEFGH'
    """
    return re.sub(r"[\s\-]+", "", str(text)).upper()


def format_code(code: str, group: int = 4) -> str:
    """A join code to read aloud or copy from a screen: groups of ``group``
    characters joined by dashes (typing the dashes is optional, see
    :func:`normalise_code`).

    >>> format_code("abcd2345")
    'ABCD-2345'
    >>> normalise_code(format_code("ABCD2345")) == "ABCD2345"
    True
    """
    code = normalise_code(code)
    return "-".join(code[i:i + group] for i in range(0, len(code), group))


def new_facilitator_key() -> str:
    """A random facilitator key with 256 bits of entropy (URL-safe text)."""
    return secrets.token_urlsafe(32)


def new_participant_token() -> str:
    """A random participant token (192 bits) to keep in the phone's session."""
    return secrets.token_urlsafe(24)


def hash_key(key: str) -> str:
    """A salted scrypt hash of ``key`` to store instead of the key.

    >>> stored = hash_key("secret")
    >>> stored.startswith("scrypt$") and "secret" not in stored
    True
    >>> verify_key_hash("secret", stored), verify_key_hash("Secret", stored)
    (True, False)
    """
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(key.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_key_hash(key: str | None, stored: str) -> bool:
    """Whether ``key`` matches a hash made by :func:`hash_key` (constant-time compare)."""
    if not key or not isinstance(key, str) or len(key) > 200:
        return False
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            key.encode("utf-8"), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p),
            dklen=len(digest_hex) // 2,
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def participant_fingerprint(token: str) -> str:
    """The stored form of a participant token: its SHA-256.

    No salt is needed: the token is random with 192 bits, so the hash cannot
    be reversed by guessing, and an unsalted hash can be looked up directly.

    Raises
    ------
    InvalidSubmission
        If the token is not text of 16 to 200 characters.
    """
    if not isinstance(token, str) or not 16 <= len(token) <= 200:
        raise InvalidSubmission("bad_token")
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
