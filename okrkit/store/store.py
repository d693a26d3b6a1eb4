"""The engagement store: what a coach and the client's teams record, in a real database.

Every public write is one transaction: it all lands or nothing does. Reads return model
objects, so callers never see rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, CursorResult, Engine, and_, bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import DatabaseError, OperationalError

from okrkit.errors import DamagedStoreError, InputError, OkrkitError, RemovalError, SchemaVersionError, StoreError
from okrkit.model import (
    CheckIn,
    CheckInVersion,
    Cycle,
    Engagement,
    EngagementRecord,
    KeyResult,
    Objective,
    PastCycle,
    Retro,
    Team,
)
from okrkit.store import schema as s
from okrkit.store.engine import DB_FILE, display_url, make_engine, resolve_url, sqlite_path, writer
from okrkit.store.migrations import ensure_schema
from okrkit.validation import describe

__all__ = ["Store", "open_store", "undo_if_refused"]

_PROFILE_FIELDS = (
    "challenges", "approach", "outcomes", "vision", "priorities", "core_values", "worldview",
    "backlog", "workshop", "thresholds", "coach_rules", "coach_dismissed",
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def open_store(folder: str | Path, url: str | None = None, *, create: bool = False) -> Store:
    """The store of the engagement in `folder`: its SQLite file, or `url` / $OKRKIT_DB_URL.

    With a server URL, one database holds many engagements; each is keyed by its folder's name.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: is a file, not an engagement folder; give a folder (it is created if needed)")
    resolved = resolve_url(folder, url)
    is_file = resolved.startswith("sqlite")
    if is_file and sqlite_path(resolved) is None:
        make_engine(resolved)  # refuses an in-memory database, with what to do
    if is_file and not (folder / DB_FILE).exists():
        if not create:
            raise StoreError(
                f"{folder}: no engagement here; run `okrkit import {folder} engagement.yaml` or `okrkit demo {folder}`"
            )
        folder.mkdir(parents=True, exist_ok=True)
    key = "main" if is_file else folder.resolve().name
    return Store(resolved, key=key)


@contextmanager
def undo_if_refused(folder: str | Path) -> Iterator[None]:
    """Remove the folder and store file that the block creates, if the block fails.

    A refused import into a new folder must leave nothing behind (a server store needs
    no undoing: its one transaction rolled back).
    """
    folder = Path(folder)
    folder_existed, db_existed = folder.exists(), (folder / DB_FILE).exists()
    try:
        yield
    except BaseException:
        if not db_existed and folder.is_dir():
            for suffix in ("", "-wal", "-shm", "-journal"):
                (folder / (DB_FILE + suffix)).unlink(missing_ok=True)
        if not folder_existed and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        raise


class Store:
    """One engagement in one database. Cheap to create; holds no open connection."""

    def __init__(self, url: str, key: str = "main") -> None:
        self.url = url
        self.key = key
        self.engine: Engine = make_engine(url)
        self._writer = writer(self.engine)
        try:
            self.backup = ensure_schema(self.engine, url)
        except SchemaVersionError as error:
            raise SchemaVersionError(f"{self.name}: {error}") from None
        except DamagedStoreError as error:
            raise self._damaged(str(error)) from None
        except StoreError as error:
            raise StoreError(f"{self.name}: {error}") from None
        except DatabaseError as error:
            raise self._database_error(error) from None

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r}, key={self.key!r})"

    @property
    def name(self) -> str:
        """The store as its user knows it: the file's path, or the server and the engagement's key."""
        shown = display_url(self.url)
        return shown if sqlite_path(self.url) else f"{shown} (engagement {self.key!r})"

    # --- errors -----------------------------------------------------------------------

    def _damaged(self, problem: str) -> DamagedStoreError:
        path = sqlite_path(self.url)
        backups = sorted(path.parent.glob(f"{path.name}.v*-backup-*"), key=lambda p: p.stat().st_mtime) if path else []
        if path and backups:
            remedy = f"restore the backup {backups[-1]} (copy it over {path.name})"
        elif path:
            remedy = ("restore it from your backups, or move it aside and import the engagement YAML again "
                      f"(okrkit import {path.parent} engagement.yaml)")
        else:
            remedy = "restore the database from the server's backups, or import the engagement YAML again"
        return DamagedStoreError(f"{self.name}: the store is damaged ({problem}); {remedy}")

    def _database_error(self, error: DatabaseError) -> StoreError:
        message = _first_line(error.orig or error)
        if isinstance(error, OperationalError) and any(
                word in message for word in ("locked", "busy", "unable to open", "connect", "timeout",
                                             "readonly", "read-only", "password", "does not exist")):
            return StoreError(f"{self.name}: cannot use the store ({message})")
        return self._damaged(message)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Database and stored-value failures as one line naming the store and what to do."""
        try:
            yield
        except OkrkitError:
            raise
        except DatabaseError as error:
            raise self._database_error(error) from None
        except ValidationError as error:  # a stored value the model refuses: tampered with
            raise self._damaged(f"a stored value is invalid: {describe(error)}") from None
        except (ValueError, TypeError, KeyError) as error:  # unreadable JSON, a changed column
            raise self._damaged(f"a stored value is unreadable: {_first_line(error)}") from None

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self._errors(), self._writer.begin() as connection:
            yield connection

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        # A deferred transaction: one consistent snapshot, and never the write lock.
        with self._errors(), self.engine.connect() as connection:
            yield connection

    # --- the engagement -------------------------------------------------------------

    def has_engagement(self) -> bool:
        with self._reading() as connection:
            return self._find_engagement_id(connection) is not None

    def _find_engagement_id(self, connection: Connection) -> int | None:
        return connection.execute(select(s.engagements.c.id).where(s.engagements.c.key == self.key)).scalar()

    def _engagement_id(self, connection: Connection) -> int:
        found = self._find_engagement_id(connection)
        if found is None:
            raise StoreError("this store holds no engagement yet; import an engagement YAML first")
        return found

    def save_engagement(self, engagement: Engagement, *, allow_removals: bool = False) -> None:
        """Create or update the engagement's definition, keeping everything recorded.

        Teams, objectives and KRs are matched by name and id. Removing one that has
        check-ins would lose them, so it is refused unless `allow_removals`.
        """
        with self._transaction() as connection:
            self._save_engagement(connection, engagement, allow_removals=allow_removals)

    def _save_engagement(self, connection: Connection, engagement: Engagement, *, allow_removals: bool) -> int:
        problems = engagement.reference_problems()
        if problems:
            raise InputError(problems[0] + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
        if engagement.coach_rules:
            from okrkit.coach.config import load_config  # lazy: the coach's rules load only when tuned

            load_config(engagement.coach_rules)
        row = {
            "client": engagement.client,
            "coach": engagement.coach,
            "phase": engagement.phase.value,
            "cycle": engagement.cycle.model_dump(mode="json"),
            "profile": engagement.model_dump(mode="json", include=set(_PROFILE_FIELDS)),
            "updated_at": _now(),
        }
        eid = self._find_engagement_id(connection)
        if eid is None:
            eid = _inserted_id(connection.execute(insert(s.engagements).values(key=self.key, **row)))
        else:
            connection.execute(update(s.engagements).where(s.engagements.c.id == eid).values(**row))
        self._check_removals(connection, eid, engagement, allow_removals)

        # Deletions wait until the end: a KR moved to another objective must not be
        # cascaded away with the objective it left.
        team_ids, gone_teams = _upsert_many(connection, s.teams, eid, "name", [
            {"name": t.name, "level": t.level.value, "parent": t.parent, "members": list(t.members), "position": i}
            for i, t in enumerate(engagement.teams)
        ])
        objectives = [(team, obj) for team in engagement.teams for obj in team.objectives]
        objective_ids, gone_objectives = _upsert_many(connection, s.objectives, eid, "code", [
            {
                "code": obj.id, "team_id": team_ids[team.name], "title": obj.title, "why": obj.why,
                "commitment": obj.commitment.value if obj.commitment else None, "priority": obj.priority,
                "aligns_to": list(obj.aligns_to), "shares_with": list(obj.shares_with), "position": i,
            }
            for i, (team, obj) in enumerate(objectives)
        ])
        _, gone_krs = _upsert_many(connection, s.key_results, eid, "code", [
            {
                "code": kr.id, "objective_id": objective_ids[obj.id], "title": kr.title, "unit": kr.unit,
                "baseline": kr.baseline, "target": kr.target, "kind": kr.kind.value, "owner": kr.owner,
                "weight": kr.weight, "position": i,
            }
            for i, (obj, kr) in enumerate((obj, kr) for _, obj in objectives for kr in obj.key_results)
        ])
        for table, gone in ((s.key_results, gone_krs), (s.objectives, gone_objectives), (s.teams, gone_teams)):
            if gone:
                connection.execute(delete(table).where(table.c.id.in_(gone)))
        return eid

    def _check_removals(self, connection: Connection, eid: int, engagement: Engagement, allow: bool) -> None:
        if allow:
            return
        kept_krs = set(engagement.key_results())
        kept_teams = {t.name for t in engagement.teams}
        used = connection.execute(
            select(s.key_results.c.code, func.count())
            .join(s.checkin_values, s.checkin_values.c.key_result_id == s.key_results.c.id)
            .where(s.key_results.c.engagement_id == eid)
            .group_by(s.key_results.c.code)
        ).all()
        for code, count in used:
            if code not in kept_krs:
                raise RemovalError(
                    f"key result {code} has {count} recorded check-in value(s) and is missing from the new "
                    "definition; keep it, or allow removals to delete its history"
                )
        teams_with_history = connection.execute(
            select(s.teams.c.name).join(s.checkins, s.checkins.c.team_id == s.teams.c.id)
            .where(s.teams.c.engagement_id == eid).distinct()
        ).scalars()
        for name in teams_with_history:
            if name not in kept_teams:
                raise RemovalError(
                    f"team {name!r} has recorded check-ins and is missing from the new definition; "
                    "keep it, or allow removals to delete its history"
                )

    def load_engagement(self, *, objectives_of: Collection[str] | None = None) -> Engagement:
        """The engagement. With `objectives_of`, every team but only those teams' objectives (and
        no coach dismissals, whose paths name the others'): a view of a few teams of a large
        organisation, at a small part of the memory. Such an engagement is read, never saved."""
        with self._reading() as connection:
            return self._load_engagement(connection, objectives_of)

    def _load_engagement(self, connection: Connection, objectives_of: Collection[str] | None = None) -> Engagement:
        row = connection.execute(select(s.engagements).where(s.engagements.c.key == self.key)).mappings().first()
        if row is None:
            raise StoreError("this store holds no engagement yet; import an engagement YAML first")
        eid = row["id"]
        objective_rows = select(s.objectives).where(s.objectives.c.engagement_id == eid)
        kr_rows = select(s.key_results).where(s.key_results.c.engagement_id == eid)
        profile = dict(row["profile"])
        if objectives_of is not None:
            chosen = select(s.teams.c.id).where(and_(s.teams.c.engagement_id == eid,
                                                     s.teams.c.name.in_(list(objectives_of))))
            objective_rows = objective_rows.where(s.objectives.c.team_id.in_(chosen))
            kr_rows = kr_rows.where(s.key_results.c.objective_id.in_(
                select(s.objectives.c.id).where(s.objectives.c.team_id.in_(chosen))))
            profile.pop("coach_dismissed", None)
        krs: dict[int, list[KeyResult]] = {}
        for kr in connection.execute(kr_rows.order_by(s.key_results.c.position)).mappings():
            krs.setdefault(kr["objective_id"], []).append(KeyResult(
                id=kr["code"], title=kr["title"], unit=kr["unit"], baseline=kr["baseline"], target=kr["target"],
                kind=kr["kind"], owner=kr["owner"], weight=kr["weight"],
            ))
        objectives: dict[int, list[Objective]] = {}
        for obj in connection.execute(objective_rows.order_by(s.objectives.c.position)).mappings():
            objectives.setdefault(obj["team_id"], []).append(Objective(
                id=obj["code"], title=obj["title"], why=obj["why"], commitment=obj["commitment"],
                priority=obj["priority"], aligns_to=obj["aligns_to"], shares_with=obj["shares_with"],
                key_results=krs.get(obj["id"], []),
            ))
        teams = [
            Team(name=t["name"], level=t["level"], parent=t["parent"], members=t["members"],
                 objectives=objectives.get(t["id"], []))
            for t in connection.execute(
                select(s.teams).where(s.teams.c.engagement_id == eid).order_by(s.teams.c.position)
            ).mappings()
        ]
        return Engagement(
            client=row["client"], coach=row["coach"], phase=row["phase"], cycle=Cycle(**row["cycle"]),
            teams=teams, **profile,
        )

    # --- check-ins --------------------------------------------------------------------

    def record_checkin(self, checkin: CheckIn) -> None:
        """Record a team's check-in; a second one for the same team and date replaces the first.

        The replacement is one atomic upsert, so writers racing on the same team and day
        never fail: the last one wins, and the version it replaced is kept in the history.
        """
        with self._transaction() as connection:
            self._record_checkins(connection, self._engagement_id(connection), [checkin])

    def _record_checkins(self, connection: Connection, eid: int, checkins: list[CheckIn]) -> None:
        """Upsert check-ins and replace their values: one statement per table, whatever their number."""
        if not checkins:
            return
        cycle = _cycle(connection, eid)
        for checkin in checkins:
            cycle.check_date(checkin.date)
        team_ids = self._team_ids(connection, eid, [c.team for c in checkins])
        kr_ids: dict[int, dict[str, int]] = {}
        for team_id, code, kr_id in connection.execute(
            select(s.objectives.c.team_id, s.key_results.c.code, s.key_results.c.id)
            .join(s.objectives, s.key_results.c.objective_id == s.objectives.c.id)
            .where(s.key_results.c.engagement_id == eid)
        ):
            kr_ids.setdefault(team_id, {})[code] = kr_id
        seen: set[tuple[int, dt.date]] = set()
        for checkin in checkins:
            key = (team_ids[checkin.team], checkin.date)
            if key in seen:
                raise InputError(f"{checkin.team} has two check-ins on {checkin.date}; give one", field="date")
            seen.add(key)
            for code in checkin.values:
                if code not in kr_ids.get(key[0], {}):
                    raise InputError(f"values: {code} is not a key result of {checkin.team}", field="values")
        self._take_checkin_turn(connection, eid)
        now = _now()  # read once this writer has its turn, so the history's order is the order of saves
        self._keep_replaced(connection, eid, {(team_ids[c.team], c.date): c for c in checkins}, now)
        _upsert(connection, s.checkins, ("team_id", "date"), [
            {"team_id": team_ids[c.team], "date": c.date, "confidence": c.confidence, "issues": c.issues,
             "plan": c.plan, "author": c.author, "recorded_at": now}
            for c in checkins
        ])
        ids = {(team_id, date): checkin_id for checkin_id, team_id, date in connection.execute(
            select(s.checkins.c.id, s.checkins.c.team_id, s.checkins.c.date)
            .where(s.checkins.c.team_id.in_(sorted(set(team_ids.values())))))}
        checkin_ids = [ids[(team_ids[c.team], c.date)] for c in checkins]
        connection.execute(delete(s.checkin_values).where(s.checkin_values.c.checkin_id == bindparam("cid")),
                           [{"cid": i} for i in checkin_ids])
        values = [
            {"checkin_id": checkin_id, "key_result_id": kr_ids[team_ids[c.team]][code], "value": value}
            for c, checkin_id in zip(checkins, checkin_ids, strict=True)
            for code, value in c.values.items()
        ]
        if values:
            connection.execute(insert(s.checkin_values), values)

    @staticmethod
    def _take_checkin_turn(connection: Connection, eid: int) -> None:
        """Writers of an engagement's check-ins take their turn until they commit (SQLite's writers
        already do, at BEGIN IMMEDIATE): under PostgreSQL's READ COMMITTED two writers of one week
        could both read the version before them, and one version would go unrecorded."""
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHECKIN_LOCK + eid})

    def _keep_replaced(self, connection: Connection, eid: int, new: dict[tuple[int, dt.date], CheckIn],
                       now: dt.datetime) -> None:
        """Copy into the history each stored check-in that a different one is about to replace."""
        team_ids = sorted({team_id for team_id, _ in new})
        rows = [r for r in connection.execute(select(s.checkins).where(s.checkins.c.team_id.in_(team_ids))).mappings()
                if (r["team_id"], r["date"]) in new]
        if not rows:
            return
        values: dict[int, dict[str, float]] = {}
        for checkin_id, code, value in connection.execute(
            select(s.checkin_values.c.checkin_id, s.key_results.c.code, s.checkin_values.c.value)
            .join(s.key_results, s.checkin_values.c.key_result_id == s.key_results.c.id)
            .where(s.checkin_values.c.checkin_id.in_([r["id"] for r in rows]))
        ):
            values.setdefault(checkin_id, {})[code] = value
        replaced = []
        for r in rows:
            incoming = new[(r["team_id"], r["date"])]
            old = {"confidence": r["confidence"], "kr_values": values.get(r["id"], {}), "issues": r["issues"],
                   "plan": r["plan"], "author": r["author"]}
            if old != {"confidence": incoming.confidence, "kr_values": dict(incoming.values),
                       "issues": incoming.issues, "plan": incoming.plan, "author": incoming.author}:
                replaced.append({"team_id": r["team_id"], "date": r["date"], "recorded_at": r["recorded_at"],
                                 "replaced_at": now, **old})
        if replaced:
            connection.execute(insert(s.checkin_history), replaced)

    def checkin_history(self, team: str | None = None, date: dt.date | None = None) -> list[CheckInVersion]:
        """Earlier versions of check-ins (of one team, of one week), the most recently replaced first."""
        with self._reading() as connection:
            return self._checkin_history(connection, self._engagement_id(connection), team, date)

    def _checkin_history(self, connection: Connection, eid: int, team: str | None = None,
                         date: dt.date | None = None) -> list[CheckInVersion]:
        query = (select(s.checkin_history, s.teams.c.name.label("team"))
                     .join(s.teams, s.checkin_history.c.team_id == s.teams.c.id)
                     .where(s.teams.c.engagement_id == eid)
                 .order_by(s.checkin_history.c.replaced_at.desc(), s.checkin_history.c.id.desc()))
        if team is not None:
            query = query.where(s.teams.c.name == team)
        if date is not None:
            query = query.where(s.checkin_history.c.date == date)
        return [CheckInVersion(
            checkin=CheckIn(team=r["team"], date=r["date"], confidence=r["confidence"], values=r["kr_values"],
                            issues=r["issues"], plan=r["plan"], author=r["author"]),
            recorded_at=r["recorded_at"], replaced_at=r["replaced_at"],
        ) for r in connection.execute(query).mappings()]

    def _import_history(self, connection: Connection, eid: int, versions: list[CheckInVersion]) -> None:
        """Add the earlier versions a file carries that the store does not have yet."""
        if not versions:
            return
        have = {(v.checkin.team, v.checkin.date, v.replaced_at) for v in self._checkin_history(connection, eid)}
        team_ids = self._team_ids(connection, eid, [v.checkin.team for v in versions])
        rows = [{"team_id": team_ids[v.checkin.team], "date": v.checkin.date, "confidence": v.checkin.confidence,
                 "kr_values": dict(v.checkin.values), "issues": v.checkin.issues, "plan": v.checkin.plan,
                 "author": v.checkin.author, "recorded_at": v.recorded_at, "replaced_at": v.replaced_at}
                for v in versions if (v.checkin.team, v.checkin.date, v.replaced_at) not in have]
        if rows:
            connection.execute(insert(s.checkin_history), rows)

    def restore_checkin(self, version: CheckInVersion) -> None:
        """Make an earlier version the week's check-in again; the one it replaces joins the history."""
        if version not in self.checkin_history(version.checkin.team, version.checkin.date):
            raise InputError(f"no earlier version of {version.checkin.team}'s check-in of {version.checkin.date} "
                             f"was replaced at {version.replaced_at:%Y-%m-%d %H:%M}", field="version")
        self.record_checkin(version.checkin)

    def _team_ids(self, connection: Connection, eid: int, names: list[str]) -> dict[str, int]:
        found: dict[str, int] = dict(connection.execute(  # type: ignore[arg-type]
            select(s.teams.c.name, s.teams.c.id).where(s.teams.c.engagement_id == eid)).all())
        for name in names:
            if name not in found:
                raise InputError(f"team: no team is named {name!r} in this engagement", field="team")
        return found

    def checkins(self, team: str | None = None) -> list[CheckIn]:
        """Check-ins in date order, of one team or of all."""
        with self._reading() as connection:
            return self._checkins(connection, team)

    def _checkins(self, connection: Connection, team: str | None) -> list[CheckIn]:
        eid = self._engagement_id(connection)
        rows = connection.execute(_by_team(s.checkins, eid, team)).mappings().all()
        values: dict[int, dict[str, float]] = {}
        # Only the values of the check-ins asked for: the same join and team filter.
        value_query = (
            select(s.checkin_values.c.checkin_id, s.key_results.c.code, s.checkin_values.c.value)
            .join(s.key_results, s.checkin_values.c.key_result_id == s.key_results.c.id)
            .join(s.checkins, s.checkin_values.c.checkin_id == s.checkins.c.id)
            .join(s.teams, s.checkins.c.team_id == s.teams.c.id)
            .where(s.teams.c.engagement_id == eid)
            .order_by(s.key_results.c.position)
        )
        if team is not None:
            value_query = value_query.where(s.teams.c.name == team)
        for checkin_id, code, value in connection.execute(value_query):
            values.setdefault(checkin_id, {})[code] = value
        return [
            CheckIn(team=r["team"], date=r["date"], confidence=r["confidence"], values=values.get(r["id"], {}),
                    issues=r["issues"], plan=r["plan"], author=r["author"])
            for r in rows
        ]

    # --- retrospectives -------------------------------------------------------------

    def record_retro(self, retro: Retro) -> None:
        """Record a retrospective; one per team, date and kind (a later save replaces it, atomically)."""
        with self._transaction() as connection:
            self._record_retros(connection, self._engagement_id(connection), [retro])

    def _record_retros(self, connection: Connection, eid: int, retros: list[Retro]) -> None:
        if not retros:
            return
        team_ids = self._team_ids(connection, eid, [r.team for r in retros])
        known = {code for (code,) in connection.execute(
            select(s.key_results.c.code).where(s.key_results.c.engagement_id == eid))}
        for retro in retros:
            for code in retro.scores:
                if code not in known:
                    raise InputError(f"scores: {code} is not a key result of this engagement", field="scores")
        now = _now()
        _upsert(connection, s.retros, ("team_id", "date", "kind"), [
            {"team_id": team_ids[r.team], "date": r.date, "kind": r.kind.value, "format": r.format,
             "items": [i.model_dump(mode="json") for i in r.items], "actions": list(r.actions),
             "scores": dict(r.scores), "recorded_at": now}
            for r in retros
        ])

    def retros(self, team: str | None = None) -> list[Retro]:
        with self._reading() as connection:
            return self._retros(connection, team)

    def _retros(self, connection: Connection, team: str | None) -> list[Retro]:
        eid = self._engagement_id(connection)
        return [
            Retro(team=r["team"], date=r["date"], kind=r["kind"], format=r["format"], items=r["items"],
                  actions=r["actions"], scores=r["scores"])
            for r in connection.execute(_by_team(s.retros, eid, team)).mappings()
        ]

    # --- whole records ----------------------------------------------------------------

    def import_record(self, record: EngagementRecord, *, allow_removals: bool = False) -> None:
        """The engagement, its past cycles, check-ins and retros, in one transaction."""
        with self._transaction() as connection:
            eid = self._save_engagement(connection, record.engagement, allow_removals=allow_removals)
            self._keep_past_cycles(connection, eid, record.cycles)
            self._import_history(connection, eid, record.history)
            self._record_checkins(connection, eid, record.checkins)
            self._record_retros(connection, eid, record.retros)

    def import_checkins(self, checkins: list[CheckIn]) -> None:
        """Many check-ins in one transaction and a few statements (200,000 values take seconds)."""
        with self._transaction() as connection:
            self._record_checkins(connection, self._engagement_id(connection), checkins)

    def load_record(self, *, history: bool = False) -> EngagementRecord:
        """Everything recorded; with `history`, also the earlier versions of edited check-ins."""
        # One read transaction, so the parts are of the same moment.
        with self._reading() as connection:
            record = EngagementRecord(
                engagement=self._load_engagement(connection),
                checkins=self._checkins(connection, None),
                retros=self._retros(connection, None),
                cycles=self._past_cycles(connection),
                history=self._checkin_history(connection, self._engagement_id(connection)) if history else [],
            )
        return record if history else record.without_history()

    # --- cycles -----------------------------------------------------------------------

    def past_cycles(self) -> list[PastCycle]:
        with self._reading() as connection:
            return self._past_cycles(connection)

    def _past_cycles(self, connection: Connection) -> list[PastCycle]:
        eid = self._engagement_id(connection)
        rows = connection.execute(select(s.past_cycles.c.document).where(s.past_cycles.c.engagement_id == eid)
                                  .order_by(s.past_cycles.c.start)).scalars()
        return [PastCycle.model_validate(document) for document in rows]

    def _keep_past_cycles(self, connection: Connection, eid: int, cycles: list[PastCycle]) -> None:
        """Add the past cycles the store lacks; one it has already must be the same, to the letter."""
        stored = {c.cycle.name: c for c in self._past_cycles(connection)}
        for past in cycles:
            name = past.cycle.name
            if name not in stored:
                connection.execute(insert(s.past_cycles).values(
                    engagement_id=eid, name=name, start=past.cycle.start,
                    document=past.model_dump(mode="json"), archived_at=_now()))
            elif stored[name] != past:
                raise InputError(f"cycles: {name} is a finished cycle and differs from the one in the store; "
                                 "a past cycle is never changed", field="cycles")

    def start_next_cycle(self, engagement: Engagement) -> PastCycle:
        """Archive the current cycle whole and make `engagement` (the next cycle) current, in one transaction."""
        with self._transaction() as connection:
            eid = self._engagement_id(connection)
            current = EngagementRecord(engagement=self._load_engagement(connection),
                                       checkins=self._checkins(connection, None),
                                       retros=self._retros(connection, None),
                                       history=self._checkin_history(connection, eid))
            if engagement.cycle.start <= current.engagement.cycle.start:
                raise InputError(f"start: the next cycle must start after {current.engagement.cycle.name} "
                                 f"({current.engagement.cycle.start})", field="start")
            archived = current.archived()
            self._keep_past_cycles(connection, eid, [archived])
            team_ids = select(s.teams.c.id).where(s.teams.c.engagement_id == eid)
            connection.execute(delete(s.checkins).where(s.checkins.c.team_id.in_(team_ids)))
            connection.execute(delete(s.retros).where(s.retros.c.team_id.in_(team_ids)))
            connection.execute(delete(s.checkin_history).where(s.checkin_history.c.team_id.in_(team_ids)))
            self._save_engagement(connection, engagement, allow_removals=True)
            return archived

    # --- drafts (autosave) ----------------------------------------------------------

    def save_draft(self, name: str, payload: dict[str, Any]) -> None:
        with self._transaction() as connection:
            _upsert(connection, s.drafts, ("engagement_id", "name"), [{
                "engagement_id": self._engagement_id(connection), "name": name, "payload": payload,
                "updated_at": _now()}])

    def load_draft(self, name: str) -> dict[str, Any] | None:
        with self._reading() as connection:
            eid = self._engagement_id(connection)
            return connection.execute(select(s.drafts.c.payload).where(
                and_(s.drafts.c.engagement_id == eid, s.drafts.c.name == name))).scalar()

    def delete_draft(self, name: str) -> None:
        with self._transaction() as connection:
            eid = self._engagement_id(connection)
            connection.execute(delete(s.drafts).where(
                and_(s.drafts.c.engagement_id == eid, s.drafts.c.name == name)))


def _cycle(connection: Connection, eid: int) -> Cycle:
    return Cycle(**connection.execute(select(s.engagements.c.cycle).where(s.engagements.c.id == eid)).scalar_one())


def _by_team(table: Any, eid: int, team: str | None) -> Any:
    """Rows of a per-team table (check-ins, retros) with their team's name, by date then team order."""
    query = (
        select(table, s.teams.c.name.label("team"))
        .join(s.teams, table.c.team_id == s.teams.c.id)
        .where(s.teams.c.engagement_id == eid)
        .order_by(table.c.date, s.teams.c.position)
    )
    return query if team is None else query.where(s.teams.c.name == team)


_CHECKIN_LOCK = 0x6F6B72  # "okr": the advisory-lock key space of check-in writers, plus the engagement's id


def _upsert(connection: Connection, table: Any, keys: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    """INSERT … ON CONFLICT (keys) DO UPDATE: atomic on SQLite and PostgreSQL alike, the last writer wins."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement: Any = dialect.insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={c: statement.excluded[c] for c in rows[0] if c not in keys})
    connection.execute(statement, rows)


def _first_line(error: object) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else error.__class__.__name__


def _inserted_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None  # an INSERT of one row always has one
    return int(key[0])


def _upsert_many(
    connection: Connection, table: Any, eid: int, key: str, rows: list[dict[str, Any]]
) -> tuple[dict[str, int], list[int]]:
    """Update the rows matched by `key` that changed and insert new ones. Returns key → id, and the ids of the rest.

    One statement per kind of change (executemany), not one per row: an engagement of
    1,000 teams has 9,000 key results, and a save where one of them changed updates one row.
    """
    columns = list(rows[0]) if rows else []
    existing = {row[key]: row for row in connection.execute(
        select(table.c.id, *(table.c[c] for c in columns)).where(table.c.engagement_id == eid)).mappings()}
    seen: set[str] = set()
    changed, new = [], []
    for row in rows:
        if row[key] in seen:
            raise StoreError(f"{row[key]!r} is used twice")
        seen.add(row[key])
        old = existing.get(row[key])
        if old is None:
            new.append({"engagement_id": eid, **row})
        elif any(old[c] != row[c] for c in columns):
            changed.append({"row_id": old["id"], **{f"new_{c}": row[c] for c in columns}})
    if changed:  # bound names differ from the columns': SQLAlchemy reserves those for VALUES and SET
        connection.execute(update(table).where(table.c.id == bindparam("row_id"))
                           .values({c: bindparam(f"new_{c}") for c in columns}), changed)
    ids: dict[str, int] = {k: row["id"] for k, row in existing.items()}
    if new:
        connection.execute(insert(table), new)
        ids = dict(connection.execute(  # type: ignore[arg-type]
            select(table.c[key], table.c.id).where(table.c.engagement_id == eid)).all())
    return {k: ids[k] for k in seen}, [row["id"] for k, row in existing.items() if k not in seen]
