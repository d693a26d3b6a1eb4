"""The engagement store: what a coach and the client's teams record, in a real database.

Every public write is one transaction: it all lands or nothing does. Reads return model
objects, so callers never see rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from okrkit.errors import InputError, RemovalError, StoreError
from okrkit.model import (
    CheckIn,
    Cycle,
    Engagement,
    EngagementRecord,
    KeyResult,
    Objective,
    Retro,
    Team,
)
from okrkit.store import schema as s
from okrkit.store.engine import DB_FILE, make_engine, resolve_url
from okrkit.store.migrations import ensure_schema

__all__ = ["Store", "open_store"]

_PROFILE_FIELDS = (
    "challenges", "approach", "outcomes", "vision", "priorities", "core_values", "worldview",
    "backlog", "workshop", "thresholds", "coach_rules",
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def open_store(folder: str | Path, url: str | None = None, *, create: bool = False) -> Store:
    """The store of the engagement in `folder`: its SQLite file, or `url` / $OKRKIT_DB_URL.

    With a server URL, one database holds many engagements; each is keyed by its folder's name.
    """
    folder = Path(folder)
    resolved = resolve_url(folder, url)
    is_file = resolved.startswith("sqlite")
    if is_file and not (folder / DB_FILE).exists():
        if not create:
            raise StoreError(
                f"{folder}: no engagement here; run `okrkit import {folder} engagement.yaml` or `okrkit demo {folder}`"
            )
        folder.mkdir(parents=True, exist_ok=True)
    key = "main" if is_file else folder.resolve().name
    return Store(resolved, key=key)


class Store:
    """One engagement in one database. Cheap to create; holds no open connection."""

    def __init__(self, url: str, key: str = "main") -> None:
        self.url = url
        self.key = key
        self.engine: Engine = make_engine(url)
        try:
            self.backup = ensure_schema(self.engine, url)
        except OperationalError as error:
            raise StoreError(f"cannot open the store at {url}: {error.orig}") from None

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r}, key={self.key!r})"

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as connection:
                yield connection
        except OperationalError as error:
            raise StoreError(f"the store could not complete the write: {error.orig}") from None

    # --- the engagement -------------------------------------------------------------

    def has_engagement(self) -> bool:
        with self.engine.connect() as connection:
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

    def load_engagement(self) -> Engagement:
        with self.engine.connect() as connection:
            return self._load_engagement(connection)

    def _load_engagement(self, connection: Connection) -> Engagement:
        row = connection.execute(select(s.engagements).where(s.engagements.c.key == self.key)).mappings().first()
        if row is None:
            raise StoreError("this store holds no engagement yet; import an engagement YAML first")
        eid = row["id"]
        krs: dict[int, list[KeyResult]] = {}
        for kr in connection.execute(
            select(s.key_results).where(s.key_results.c.engagement_id == eid).order_by(s.key_results.c.position)
        ).mappings():
            krs.setdefault(kr["objective_id"], []).append(KeyResult(
                id=kr["code"], title=kr["title"], unit=kr["unit"], baseline=kr["baseline"], target=kr["target"],
                kind=kr["kind"], owner=kr["owner"], weight=kr["weight"],
            ))
        objectives: dict[int, list[Objective]] = {}
        for obj in connection.execute(
            select(s.objectives).where(s.objectives.c.engagement_id == eid).order_by(s.objectives.c.position)
        ).mappings():
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
            teams=teams, **row["profile"],
        )

    # --- check-ins --------------------------------------------------------------------

    def record_checkin(self, checkin: CheckIn) -> None:
        """Record a team's check-in; a second one for the same team and date replaces the first."""
        with self._transaction() as connection:
            self._record_checkin(connection, self._engagement_id(connection), checkin)

    def _record_checkin(self, connection: Connection, eid: int, checkin: CheckIn) -> None:
        team_id = self._team_id(connection, eid, checkin.team)
        kr_ids = dict(connection.execute(
            select(s.key_results.c.code, s.key_results.c.id)
            .join(s.objectives, s.key_results.c.objective_id == s.objectives.c.id)
            .where(s.objectives.c.team_id == team_id)
        ).all())
        for code in checkin.values:
            if code not in kr_ids:
                raise InputError(f"values: {code} is not a key result of {checkin.team}", field="values")
        connection.execute(delete(s.checkins).where(and_(s.checkins.c.team_id == team_id,
                                                         s.checkins.c.date == checkin.date)))
        checkin_id = _inserted_id(connection.execute(insert(s.checkins).values(
            team_id=team_id, date=checkin.date, confidence=checkin.confidence, issues=checkin.issues,
            plan=checkin.plan, author=checkin.author, recorded_at=_now(),
        )))
        if checkin.values:
            connection.execute(insert(s.checkin_values), [
                {"checkin_id": checkin_id, "key_result_id": kr_ids[code], "value": value}
                for code, value in checkin.values.items()
            ])

    def _team_id(self, connection: Connection, eid: int, name: str) -> int:
        found = connection.execute(
            select(s.teams.c.id).where(and_(s.teams.c.engagement_id == eid, s.teams.c.name == name))
        ).scalar()
        if found is None:
            raise InputError(f"team: no team is named {name!r} in this engagement", field="team")
        return found

    def checkins(self, team: str | None = None) -> list[CheckIn]:
        """Check-ins in date order, of one team or of all."""
        with self.engine.connect() as connection:
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
        """Record a retrospective; one per team, date and kind (a later save replaces it)."""
        with self._transaction() as connection:
            self._record_retro(connection, self._engagement_id(connection), retro)

    def _record_retro(self, connection: Connection, eid: int, retro: Retro) -> None:
        team_id = self._team_id(connection, eid, retro.team)
        known = {code for (code,) in connection.execute(
            select(s.key_results.c.code).where(s.key_results.c.engagement_id == eid))}
        for code in retro.scores:
            if code not in known:
                raise InputError(f"scores: {code} is not a key result of this engagement", field="scores")
        connection.execute(delete(s.retros).where(and_(
            s.retros.c.team_id == team_id, s.retros.c.date == retro.date, s.retros.c.kind == retro.kind.value)))
        connection.execute(insert(s.retros).values(
            team_id=team_id, date=retro.date, kind=retro.kind.value, format=retro.format,
            items=[i.model_dump(mode="json") for i in retro.items], actions=list(retro.actions),
            scores=dict(retro.scores), recorded_at=_now(),
        ))

    def retros(self, team: str | None = None) -> list[Retro]:
        with self.engine.connect() as connection:
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
        """The engagement, its check-ins and retros, in one transaction."""
        with self._transaction() as connection:
            eid = self._save_engagement(connection, record.engagement, allow_removals=allow_removals)
            for checkin in record.checkins:
                self._record_checkin(connection, eid, checkin)
            for retro in record.retros:
                self._record_retro(connection, eid, retro)

    def import_checkins(self, checkins: list[CheckIn]) -> None:
        with self._transaction() as connection:
            eid = self._engagement_id(connection)
            for checkin in checkins:
                self._record_checkin(connection, eid, checkin)

    def load_record(self) -> EngagementRecord:
        # One read transaction, so the three parts are of the same moment.
        with self.engine.connect() as connection:
            return EngagementRecord(
                engagement=self._load_engagement(connection),
                checkins=self._checkins(connection, None),
                retros=self._retros(connection, None),
            )

    # --- drafts (autosave) ----------------------------------------------------------

    def save_draft(self, name: str, payload: dict[str, Any]) -> None:
        with self._transaction() as connection:
            eid = self._engagement_id(connection)
            where = and_(s.drafts.c.engagement_id == eid, s.drafts.c.name == name)
            connection.execute(delete(s.drafts).where(where))
            connection.execute(insert(s.drafts).values(engagement_id=eid, name=name, payload=payload,
                                                       updated_at=_now()))

    def load_draft(self, name: str) -> dict[str, Any] | None:
        with self.engine.connect() as connection:
            eid = self._engagement_id(connection)
            return connection.execute(select(s.drafts.c.payload).where(
                and_(s.drafts.c.engagement_id == eid, s.drafts.c.name == name))).scalar()

    def delete_draft(self, name: str) -> None:
        with self._transaction() as connection:
            eid = self._engagement_id(connection)
            connection.execute(delete(s.drafts).where(
                and_(s.drafts.c.engagement_id == eid, s.drafts.c.name == name)))


def _by_team(table: Any, eid: int, team: str | None) -> Any:
    """Rows of a per-team table (check-ins, retros) with their team's name, by date then team order."""
    query = (
        select(table, s.teams.c.name.label("team"))
        .join(s.teams, table.c.team_id == s.teams.c.id)
        .where(s.teams.c.engagement_id == eid)
        .order_by(table.c.date, s.teams.c.position)
    )
    return query if team is None else query.where(s.teams.c.name == team)


def _inserted_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None  # an INSERT of one row always has one
    return int(key[0])


def _upsert_many(
    connection: Connection, table: Any, eid: int, key: str, rows: list[dict[str, Any]]
) -> tuple[dict[str, int], list[int]]:
    """Update rows matched by `key` and insert new ones. Returns key → id, and the ids of the rest."""
    existing: dict[str, int] = dict(connection.execute(  # type: ignore[arg-type]
        select(table.c[key], table.c.id).where(table.c.engagement_id == eid)).all())
    ids: dict[str, int] = {}
    for row in rows:
        if row[key] in existing:
            ids[row[key]] = existing[row[key]]
            connection.execute(update(table).where(table.c.id == existing[row[key]]).values(**row))
        else:
            try:
                ids[row[key]] = _inserted_id(connection.execute(insert(table).values(engagement_id=eid, **row)))
            except IntegrityError:
                raise StoreError(f"{row[key]!r} is used twice") from None
    return ids, [existing[k] for k in existing if k not in ids]
