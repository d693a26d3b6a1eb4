"""The life cycle every form app shares: its draft, its save and the messages around them.

A form app (check-in, retrospective, drafter, workshop, worldview) keeps only its fields and
its layout; `FormApp` owns the rest, so each says "Nothing was saved" the same way:

- `self.messages` (a slot per field) and `self.result` (under the save button), made by the
  app in `build()`; `clear_messages()` empties them before a save.
- `save(write, fallback=…)` runs the write (parse through the model, then the store). A
  refused value lands beside the field it names and nothing is saved; a store that refuses
  says why. It returns what `write` returned, or None when nothing was saved.
- `refuse(text, field)` for a check made before the model (no confidence chosen yet).
- `keep_draft(payload)`, `stored_draft()`, `drop_draft()`: the unsaved form in the store,
  under `"{draft_kind}:{team}"`; keeping a draft is a convenience that never fails a form.
- `controls`: the app's buttons by name (`app.controls["save"].click()`), for people's
  scripts and tests alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as w

from okrkit.errors import InputError, OkrkitError
from okrkit.widgets._base import App
from okrkit.widgets._forms import show_error
from okrkit.widgets._html import message

__all__ = ["NOTHING_SAVED", "FormApp"]

NOTHING_SAVED = "Nothing was saved"
T = TypeVar("T")


class FormApp(App):
    """An App with a form: see the module's docstring for what it provides."""

    draft_kind = ""  # names the app's drafts in the store: "checkin", "retro", …
    messages: dict[str, w.HTML]
    result: w.HTML

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.messages = {}
        self.result = w.HTML()
        self.controls: dict[str, w.Button] = {}
        super().__init__(*args, **kwargs)

    # --- messages and the save path -----------------------------------------------------------

    def clear_messages(self) -> None:
        for slot in self.messages.values():
            slot.value = ""
        self.result.value = ""

    def refuse(self, text: str, field: str | None = None, *, why: str = "see the message above") -> None:
        """Say what is wrong (beside `field` when given) and that nothing was saved."""
        if field is not None:
            self.messages[field].value = message(text)
            self.result.value = message(f"{NOTHING_SAVED}: {why}.")
        else:
            self.result.value = message(f"{NOTHING_SAVED}: {text}")

    def save(self, write: Callable[[], T], *, fallback: str | None = None) -> T | None:
        """Run `write`; a refused value or a refusing store shows a message and returns None."""
        try:
            return write()
        except InputError as error:
            placed = show_error(error, self.messages, self.messages.get(fallback or "", self.result))
            if placed or fallback in self.messages:
                self.result.value = message(f"{NOTHING_SAVED}: please correct the field marked above.")
            else:
                self.result.value = message(f"{NOTHING_SAVED}: {error}")
        except OkrkitError as error:
            self.result.value = message(f"{NOTHING_SAVED}: {error}")
        return None

    def saved(self, text: str) -> None:
        self.result.value = message(text, "ok")

    # --- the draft ------------------------------------------------------------------------------

    @property
    def draft_name(self) -> str:
        return f"{self.draft_kind}:{self.team or ''}"

    def keep_draft(self, payload: dict[str, Any]) -> OkrkitError | None:
        """Keep the unsaved form; the store's error if it cannot (the form still saves without a draft)."""
        try:
            self.store.save_draft(self.draft_name, payload)
        except OkrkitError as error:
            return error
        return None

    def stored_draft(self) -> dict[str, Any] | None:
        draft = self.store.load_draft(self.draft_name)
        return draft if isinstance(draft, dict) else None

    def drop_draft(self) -> None:
        self.store.delete_draft(self.draft_name)
