"""The firm's roster, `FIRM_DIR/okrkit-hub.yaml`: engagements, coaches and client users.

One small YAML file, edited by `okrkit hub add-engagement|add-user|grant|remove-user` or by
hand. The hub's configuration (okrkit.hub.config) turns it into groups, roles and services
when the hub starts; the apps read it again at every visit (`may_open`), so removing a user
or an engagement from it takes effect at once, and a loosened hub configuration still
lets nobody outside the engagement's group in.

```yaml
firm: Example Coaching
engagements:
  banco-aurora: {client: Banco Aurora, coaches: [ana]}
users:
  ana: {role: coach, admin: true}
  maria: {role: client, engagement: banco-aurora, team: Discover Team}
```
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from okrkit.errors import InputError

__all__ = ["ENGAGEMENTS_DIR", "ROSTER_FILE", "Engagement", "Roster", "User", "client_group", "load_roster",
           "save_roster", "service_name"]

ROSTER_FILE = "okrkit-hub.yaml"
ENGAGEMENTS_DIR = "engagements"
PORTFOLIO_SERVICE = "okrkit-portfolio"
# Slugs become folder names, store keys, URL parts, group and service names: keep them plain.
_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
# Hub user names as JupyterHub normalises them (lower case); no "/", no spaces, no control characters.
_USER = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")
_RESERVED = {PORTFOLIO_SERVICE, "idle-culler"}  # service names okrkit.hub.config uses


def client_group(slug: str) -> str:
    """The hub group of an engagement's client users."""
    return f"client-{slug}"


def service_name(slug: str) -> str:
    """The hub service that serves an engagement's apps (at /services/NAME/)."""
    return slug


def check_slug(slug: str, field_name: str = "engagement") -> str:
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug) or slug in _RESERVED:
        raise InputError(f"{slug!r} is not a valid engagement name: use 1–40 lower-case letters, digits and "
                         f"'-' (e.g. banco-aurora)", field=field_name)
    return slug


def check_user(name: str, field_name: str = "user") -> str:
    if not isinstance(name, str) or not _USER.fullmatch(name):
        raise InputError(f"{name!r} is not a valid user name: use lower-case letters, digits and . _ @ - "
                         f"(at most 64, starting with a letter or digit)", field=field_name)
    return name


@dataclass
class Engagement:
    slug: str
    client: str
    coaches: list[str] = field(default_factory=list)


@dataclass
class User:
    name: str
    role: Literal["coach", "client"]
    admin: bool = False  # a coach who approves sign-ups (NativeAuthenticator) and manages the hub
    engagement: str | None = None  # a client user's engagement
    team: str | None = None  # a client user's team: first on the landing page


@dataclass
class Roster:
    folder: Path
    firm: str = "okrkit"
    engagements: dict[str, Engagement] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    # --- who may open what ---------------------------------------------------------------

    def members(self, slug: str) -> list[str]:
        """The client users of an engagement (its hub group `client-SLUG`)."""
        return sorted(u.name for u in self.users.values() if u.role == "client" and u.engagement == slug)

    def held_by(self, coach: str) -> list[str]:
        """The engagements a coach holds."""
        user = self.users.get(coach)
        if user is None or user.role != "coach":
            return []
        return sorted(s for s, e in self.engagements.items() if coach in e.coaches)

    def may_open(self, user: str, slug: str) -> bool:
        """Whether `user` may open the apps of engagement `slug`: its client users and its coaches."""
        if slug not in self.engagements or user not in self.users:
            return False
        return user in self.members(slug) or slug in self.held_by(user)

    def is_coach(self, user: str) -> bool:
        return user in self.users and self.users[user].role == "coach"

    def engagement_dir(self, slug: str) -> Path:
        return self.folder / ENGAGEMENTS_DIR / slug

    # --- changes (each checked; save_roster writes them) -----------------------------------

    def add_engagement(self, slug: str, client: str, coaches: list[str]) -> Engagement:
        check_slug(slug)
        if slug in self.engagements:
            raise InputError(f"engagement {slug!r} is already on the hub", field="engagement")
        for coach in coaches:
            self._need_coach(coach)
        self.engagements[slug] = Engagement(slug, client, sorted(set(coaches)))
        return self.engagements[slug]

    def add_user(self, user: User) -> None:
        check_user(user.name)
        if user.name in self.users:
            raise InputError(f"user {user.name!r} is already on the hub (remove-user first to change their role)",
                             field="user")
        if user.role == "client":
            if user.engagement is None:
                raise InputError("a client user needs --engagement", field="engagement")
            self._need_engagement(user.engagement)
        self.users[user.name] = user

    def grant(self, coach: str, slug: str, *, revoke: bool = False) -> None:
        """Let a coach hold an engagement (or stop holding it)."""
        self._need_coach(coach)
        engagement = self._need_engagement(slug)
        coaches = set(engagement.coaches)
        coaches.discard(coach) if revoke else coaches.add(coach)
        engagement.coaches = sorted(coaches)

    def remove_user(self, name: str) -> None:
        if name not in self.users:
            raise InputError(f"no user {name!r} on the hub", field="user")
        del self.users[name]
        for engagement in self.engagements.values():
            engagement.coaches = [c for c in engagement.coaches if c != name]

    def _need_coach(self, name: str) -> None:
        if not self.is_coach(name):
            raise InputError(f"{name!r} is not a coach on the hub: okrkit hub add-user FIRM_DIR {name} --coach",
                             field="coach")

    def _need_engagement(self, slug: str) -> Engagement:
        if slug not in self.engagements:
            known = ", ".join(sorted(self.engagements)) or "none yet"
            raise InputError(f"no engagement {slug!r} on the hub (known: {known})", field="engagement")
        return self.engagements[slug]


# --- the file ------------------------------------------------------------------------------


def _text(value: Any, where: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip() or any(ord(ch) < 32 for ch in value):
        raise InputError("must be one line of text", source=where)
    return value.strip()


def _parse(folder: Path, data: Any, source: str) -> Roster:
    if not isinstance(data, dict):
        raise InputError("must be a mapping with firm, engagements and users", source=source)
    unknown = set(data) - {"firm", "engagements", "users"}
    if unknown:
        raise InputError(f"unknown field {sorted(unknown)[0]!r}", source=source)
    roster = Roster(folder, firm=_text(data.get("firm", "okrkit"), "firm") or "okrkit")
    for name, item in (data.get("users") or {}).items():
        where = f"{source}: users.{name}"
        check_user(str(name), where)
        if not isinstance(item, dict) or item.get("role") not in ("coach", "client"):
            raise InputError("role: must be coach or client", source=where)
        unknown = set(item) - {"role", "admin", "engagement", "team"}
        if unknown:
            raise InputError(f"unknown field {sorted(unknown)[0]!r}", source=where)
        roster.users[name] = User(name, item["role"], admin=item.get("admin") is True,
                                  engagement=_text(item.get("engagement"), where + ".engagement", optional=True),
                                  team=_text(item.get("team"), where + ".team", optional=True))
    for slug, item in (data.get("engagements") or {}).items():
        where = f"{source}: engagements.{slug}"
        check_slug(str(slug), where)
        if not isinstance(item, dict):
            raise InputError("must be a mapping with client and coaches", source=where)
        coaches = item.get("coaches") or []
        if not isinstance(coaches, list) or any(not roster.is_coach(c) for c in coaches):
            raise InputError("coaches: must list users whose role is coach", source=where)
        roster.engagements[slug] = Engagement(slug, _text(item.get("client", slug), where + ".client") or slug,
                                              sorted(set(coaches)))
    for user in roster.users.values():
        if user.role == "client" and user.engagement not in roster.engagements:
            raise InputError(f"engagement {user.engagement!r} is not on the hub",
                             source=f"{source}: users.{user.name}.engagement")
    return roster


def load_roster(folder: str | Path) -> Roster:
    """The roster of the firm in `folder`; a clear error if it is missing or malformed."""
    folder = Path(folder)
    path = folder / ROSTER_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{folder} is not a firm's hub folder (no {ROSTER_FILE}): okrkit hub init {folder}",
                         field="firm_dir") from None
    try:
        data = yaml.safe_load(text) if len(text) < 1_000_000 else None
    except yaml.YAMLError as error:
        raise InputError(f"not valid YAML ({error.__class__.__name__})", source=str(path)) from None
    return _parse(folder, data, str(path))


def _to_dict(roster: Roster) -> dict[str, Any]:
    users: dict[str, Any] = {}
    for user in roster.users.values():
        item: dict[str, Any] = {"role": user.role}
        if user.admin:
            item["admin"] = True
        if user.engagement:
            item["engagement"] = user.engagement
        if user.team:
            item["team"] = user.team
        users[user.name] = item
    return {"firm": roster.firm,
            "engagements": {s: {"client": e.client, "coaches": e.coaches} for s, e in roster.engagements.items()},
            "users": users}


def save_roster(roster: Roster) -> None:
    """Write the roster atomically: a visit reading it never sees half a file."""
    header = ("# okrkit's roster of this firm's hub: engagements, coaches and client users.\n"
              "# Edit with `okrkit hub add-engagement|add-user|grant|remove-user`, or by hand;\n"
              "# restart the hub (`okrkit hub FIRM_DIR`) after adding an engagement or a user.\n")
    text = header + yaml.safe_dump(_to_dict(roster), sort_keys=False, allow_unicode=True)
    roster.folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=roster.folder, prefix=".okrkit-hub.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, roster.folder / ROSTER_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
