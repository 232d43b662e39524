"""A real OpenID Connect provider for the sign-in tests.

``running_provider()`` starts ``tests/oidc/provider.mjs`` (the npm package
``oidc-provider`` under Node, installed by ``scripts/install-test-deps.sh``)
on a free localhost port and stops it again. It knows two users, ``anna``
(groups: gg-netwerkkaart-noord) and ``zeno`` (gg-netwerkkaart-zuid); its
login form accepts any password. ``secrets_toml()`` writes the matching
``[auth]`` configuration for an app on a given address.

Without Node or the npm package the tests are skipped, except when ``CI``
is set: CI must run them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ProviderUnavailable", "running_provider", "secrets_toml", "HERE"]

HERE = Path(__file__).resolve().parent / "oidc"
SECRETS_EXAMPLE = HERE / "secrets.toml"


class ProviderUnavailable(RuntimeError):
    """Node or the oidc-provider package is missing."""


@contextlib.contextmanager
def running_provider(port: int, app_url: str, log: Path) -> Iterator[str]:
    """The provider on ``127.0.0.1:port`` accepting redirects to ``app_url``; yields its issuer URL."""
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "oidc-provider").is_dir():
        raise ProviderUnavailable("node and tests/oidc/node_modules are needed (scripts/install-test-deps.sh)")
    env = {**os.environ, "OIDC_PORT": str(port), "APP_URL": app_url}
    with open(log, "wb") as out:
        process = subprocess.Popen([node, str(HERE / "provider.mjs")], cwd=HERE, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    issuer = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise ProviderUnavailable(f"the provider exited: {log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise ProviderUnavailable("the provider did not answer within 30 s")
            time.sleep(0.2)
        yield issuer
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


def secrets_toml(path: Path, *, app_url: str, issuer: str) -> Path:
    """The example ``tests/oidc/secrets.toml`` for an app at ``app_url`` and a provider at ``issuer``."""
    text = SECRETS_EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("http://localhost:8501", app_url).replace("http://127.0.0.1:9400", issuer)
    path.write_text(text, encoding="utf-8")
    return path
