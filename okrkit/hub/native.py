"""NativeAuthenticator (sign-up approved by a coach), fixed for okrkit and JupyterHub 6.

Two changes, both found by tests/hub/test_quickstart.py; the `c.NativeAuthenticator.*`
settings apply as they are:

- jupyterhub-nativeauthenticator 1.3.0's login form times itself with `self.statsd`,
  which JupyterHub 6 no longer gives its handlers: every sign-in failed with a 500. Its
  login handler gets a timer that does nothing (drop it once upstream supports JupyterHub 6).
- a name on the roster is not approved in advance (see `get_authed_users`).
"""

from __future__ import annotations

from typing import Any

from nativeauthenticator import NativeAuthenticator
from nativeauthenticator.handlers import LoginHandler
from nativeauthenticator.orm import UserInfo

__all__ = ["OkrkitNativeAuthenticator"]


class _Timer:
    def start(self) -> _Timer:
        return self

    def stop(self, send: bool = True) -> None:
        return None


class _NoStatsd:
    def timer(self, name: str) -> _Timer:
        return _Timer()


class _LoginHandler(LoginHandler):  # type: ignore[misc]
    statsd = _NoStatsd()


class OkrkitNativeAuthenticator(NativeAuthenticator):  # type: ignore[misc]
    def get_authed_users(self) -> set[str]:
        """Who is approved: admins, and those an admin approved at /hub/authorize.

        NativeAuthenticator also counts `allowed_users` as approved, so anyone signing up
        first under a name on the roster would be let in unseen. The roster (allowed_users)
        still decides who may sign in at all; the coach approves each person who signs up.
        """
        approved = {info.username for info in UserInfo.all_users(self.db) if info.is_authorized}
        return approved | set(self.admin_users)

    def get_handlers(self, app: Any) -> list[Any]:
        return [(path, _LoginHandler if handler is LoginHandler else handler, *rest)
                for path, handler, *rest in super().get_handlers(app)]
