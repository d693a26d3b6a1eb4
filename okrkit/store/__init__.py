"""The engagement store: an SQLite file in the engagement folder, or any SQLAlchemy URL."""

from okrkit.store.engine import DB_FILE, ENV_URL
from okrkit.store.schema import SCHEMA_VERSION
from okrkit.store.store import Store, open_store

__all__ = ["DB_FILE", "ENV_URL", "SCHEMA_VERSION", "Store", "open_store"]
