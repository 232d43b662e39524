"""Network addresses in a workshop room: the join link and the client's address.

Two questions with the same tools (:mod:`ipaddress`):

* Can a phone in the room reach the join link? A link on ``localhost``, a
  loopback address (127.0.0.0/8, ::1), an unspecified address (0.0.0.0) or a
  link-local one (169.254.0.0/16, fe80::/10) only works on the facilitator's
  own machine or cable: :func:`unreachable_reason` says which, so the page can
  tell the facilitator what to configure.
* Which address does a request come from? Behind a reverse proxy the TCP peer
  is the proxy; its ``X-Forwarded-For`` header names the client, but anyone
  can send that header, so it counts only when the peer is a *trusted* proxy
  (:func:`client_address`, after RFC 7239 section 7.4 and the practice of
  nginx' ``real_ip_recursive``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

__all__ = [
    "LOOPBACK",
    "IPNetwork",
    "unreachable_reason",
    "join_link",
    "parse_networks",
    "client_address",
]

#: The address used when the server cannot tell the peer (Streamlit reports
#: no address for a loopback connection).
LOOPBACK = "127.0.0.1"

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def unreachable_reason(url: str | None) -> str | None:
    """Why phones in the room cannot open ``url``, or ``None`` if they may.

    Parameters
    ----------
    url : str or None
        An absolute http(s) address, e.g. the app's public address.

    Returns
    -------
    str or None
        ``"missing"`` (no address or no host), ``"scheme"`` (not http or
        https), ``"localhost"``, ``"loopback"``, ``"unspecified"``,
        ``"link_local"``, or ``None``. A host name other than localhost is
        taken as reachable: whether DNS resolves it in the room cannot be
        known here.

    Examples
    --------
    >>> unreachable_reason("http://localhost:8501")
    'localhost'
    >>> unreachable_reason("http://127.0.1.1:8501/app")
    'loopback'
    >>> unreachable_reason("http://[::1]:8501")
    'loopback'
    >>> unreachable_reason("http://169.254.10.2")
    'link_local'
    >>> unreachable_reason("https://netwerkkaart.gemeente.nl") is None
    True
    >>> unreachable_reason("http://192.168.1.20:8501") is None
    True
    """
    if not url:
        return "missing"
    try:
        parts = urlsplit(str(url).strip())
        host = parts.hostname
    except ValueError:
        return "missing"
    if parts.scheme not in ("http", "https"):
        return "scheme"
    if not host:
        return "missing"
    host = host.rstrip(".").lower()
    if host in _LOCAL_NAMES or host.endswith(".localhost"):
        return "localhost"
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return "loopback"
    if address.is_unspecified:
        return "unspecified"
    if address.is_link_local:
        return "link_local"
    return None


def join_link(base: str, code: str, page: str = "meedoen") -> str:
    """The participant page under ``base`` with the join code filled in.

    >>> join_link("https://kaart.example.nl/app/", "ABCD2345")
    'https://kaart.example.nl/app/meedoen?code=ABCD2345'
    """
    return f"{str(base).split('?')[0].split('#')[0].rstrip('/')}/{page}?code={quote(code, safe='')}"


def parse_networks(text: str | Iterable[str] | None) -> tuple[IPNetwork, ...]:
    """Addresses or networks (CIDR) separated by commas or spaces, e.g. the
    trusted proxies ``"127.0.0.1, 10.0.0.0/8"``.

    Raises
    ------
    ValueError
        Naming the entry that is not an address or network.

    Examples
    --------
    >>> [str(n) for n in parse_networks("127.0.0.1, 10.0.0.0/8 ::1")]
    ['127.0.0.1/32', '10.0.0.0/8', '::1/128']
    >>> parse_networks("")
    ()
    """
    if text is None:
        return ()
    items = text.replace(",", " ").split() if isinstance(text, str) else [str(t).strip() for t in text]
    networks = []
    for item in items:
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"not an IP address or network: {item!r}") from None
    return tuple(networks)


def _address(text: str | None):
    if not text:
        return None
    text = text.strip().strip('"')
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address


def client_address(peer: str | None, forwarded_for: str | None, trusted: Iterable[IPNetwork] = ()) -> str:
    """The address a request comes from.

    Parameters
    ----------
    peer : str or None
        The TCP peer; ``None`` means a loopback connection (how Streamlit
        reports one), taken as :data:`LOOPBACK`.
    forwarded_for : str or None
        The ``X-Forwarded-For`` header (several headers joined with commas).
    trusted : iterable of networks
        The reverse proxies allowed to name the client
        (:func:`parse_networks`).

    Returns
    -------
    str
        The peer, unless it is a trusted proxy: then the right-most address
        in ``X-Forwarded-For`` that is not itself a trusted proxy (each proxy
        appends the address it saw, so everything left of that may be forged).
        Malformed entries stop the walk at the last good address.

    Examples
    --------
    >>> client_address("203.0.113.9", "198.51.100.7")  # no trusted proxy: the header is ignored
    '203.0.113.9'
    >>> proxy = parse_networks("127.0.0.1")
    >>> client_address(None, "6.6.6.6, 198.51.100.7", proxy)  # the forged left part is skipped
    '198.51.100.7'
    >>> client_address(None, None, proxy)
    '127.0.0.1'
    """
    trusted = tuple(trusted)
    current = _address(peer) or ipaddress.ip_address(LOOPBACK)

    def is_trusted(address) -> bool:
        return any(address.version == net.version and address in net for net in trusted)

    if not forwarded_for or not is_trusted(current):
        return str(current)
    for hop in reversed(forwarded_for.split(",")):
        address = _address(hop)
        if address is None:
            break
        current = address
        if not is_trusted(address):
            break
    return str(current)
