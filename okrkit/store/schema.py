"""The tables of the engagement store (SQLAlchemy Core), and the schema version.

One database may hold many engagements (a firm hosting its clients on PostgreSQL):
every table hangs off `engagements`. OKR structure and check-ins are relational, since
they are queried and written concurrently; the narrative parts of an engagement
(vision, worldview, workshop prep …) are one JSON document, read and written whole.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["SCHEMA_VERSION", "metadata"]

# Bump with a migration in `okrkit.store.migrations` whenever a table changes.
SCHEMA_VERSION = 3

metadata = MetaData()

meta = Table(
    "okrkit_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

engagements = Table(
    "engagements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("client", String(200), nullable=False),
    Column("coach", String(200), nullable=False),
    Column("phase", String(20), nullable=False),
    Column("cycle", JSON, nullable=False),
    Column("profile", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

_engagement_fk = ForeignKey("engagements.id", ondelete="CASCADE")

teams = Table(
    "teams",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("engagement_id", Integer, _engagement_fk, nullable=False),
    Column("name", String(200), nullable=False),
    Column("level", String(20), nullable=False),
    Column("parent", String(200)),
    Column("members", JSON, nullable=False),
    Column("position", Integer, nullable=False),
    UniqueConstraint("engagement_id", "name"),
)

objectives = Table(
    "objectives",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("engagement_id", Integer, ForeignKey("engagements.id", ondelete="CASCADE"), nullable=False),
    Column("team_id", Integer, ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
    Column("code", String(40), nullable=False),
    Column("title", String(200), nullable=False),
    Column("why", Text, nullable=False),
    Column("commitment", String(20)),
    Column("priority", Text),
    Column("aligns_to", JSON, nullable=False),
    Column("shares_with", JSON, nullable=False),
    Column("position", Integer, nullable=False),
    UniqueConstraint("engagement_id", "code"),
)

key_results = Table(
    "key_results",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("engagement_id", Integer, ForeignKey("engagements.id", ondelete="CASCADE"), nullable=False),
    Column("objective_id", Integer, ForeignKey("objectives.id", ondelete="CASCADE"), nullable=False),
    Column("code", String(40), nullable=False),
    Column("title", String(200), nullable=False),
    Column("unit", String(20), nullable=False),
    Column("baseline", Float),
    Column("target", Float),
    Column("kind", String(20), nullable=False),
    Column("owner", String(200), nullable=False),
    Column("weight", Float, nullable=False),
    Column("position", Integer, nullable=False),
    UniqueConstraint("engagement_id", "code"),
)

checkins = Table(
    "checkins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("team_id", Integer, ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
    Column("date", Date, nullable=False),
    Column("confidence", Integer),
    Column("issues", Text, nullable=False),
    Column("plan", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    UniqueConstraint("team_id", "date"),
)

checkin_values = Table(
    "checkin_values",
    metadata,
    Column("checkin_id", Integer, ForeignKey("checkins.id", ondelete="CASCADE"), primary_key=True),
    Column("key_result_id", Integer, ForeignKey("key_results.id", ondelete="CASCADE"), primary_key=True),
    Column("value", Float, nullable=False),
)

retros = Table(
    "retros",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("team_id", Integer, ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
    Column("date", Date, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("format", String(40), nullable=False),
    Column("items", JSON, nullable=False),
    Column("actions", JSON, nullable=False),
    Column("scores", JSON, nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    UniqueConstraint("team_id", "date", "kind"),
)

# Added in version 2: the OKR drafter's autosaved, not yet saved drafts.
drafts = Table(
    "drafts",
    metadata,
    Column("engagement_id", Integer, ForeignKey("engagements.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("payload", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

# Added in version 3: each earlier version of a week's check-in, kept when it is saved again
# (what it said, who recorded it and when, and when it was replaced). Values by KR id.
checkin_history = Table(
    "checkin_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("team_id", Integer, ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
    Column("date", Date, nullable=False),
    Column("confidence", Integer),
    Column("kr_values", JSON, nullable=False),
    Column("issues", Text, nullable=False),
    Column("plan", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    Column("replaced_at", DateTime, nullable=False),
)

# Also added in version 3: finished cycles, each kept whole as the document it was when the next
# cycle began (teams, OKRs, check-ins, retros). Never updated: the record of a past cycle stays true.
past_cycles = Table(
    "past_cycles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("engagement_id", Integer, ForeignKey("engagements.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("start", Date, nullable=False),
    Column("document", JSON, nullable=False),
    Column("archived_at", DateTime, nullable=False),
    UniqueConstraint("engagement_id", "name"),
)
