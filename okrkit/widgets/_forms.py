"""Small helpers between form widgets and the model: numbers typed by people, error placement.

The model decides what is valid (`okrkit.validation.parse`); these only tidy what a person
typed ("1,200", "78 %") before the model sees it, and route the model's one-line message
to the field it names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import ipywidgets as w

from okrkit.errors import InputError
from okrkit.validation import too_long
from okrkit.widgets._html import message

__all__ = ["MAX_TEXT", "clip_text", "length_counter", "number_text", "parse_number", "show_error"]

MAX_TEXT = 5000  # the model's longest text; a client can send more, the store never keeps more
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([, ]\d{3})+(\.\d+)?$")


def clip_text(value: object, limit: int = MAX_TEXT) -> str:
    """A string no longer than `limit`: what a draft may keep of anything a client sent."""
    return str(value if value is not None else "")[:limit]


def length_counter(field: w.Text | w.Textarea, limit: int = MAX_TEXT) -> w.HTML:
    """A line under `field` with its length and the limit, red once over it, updated as people type."""
    counter = w.HTML()
    counter.add_class("okr-counter")

    def update(_change: object = None) -> None:
        length = len(field.value or "")
        if length > limit:
            counter.value = message(too_long(length, limit) + ": shorten it before saving.")
        else:
            counter.value = f"<div class='okr-hint' style='text-align:right'>{length:,} / {limit:,} characters</div>"

    field.observe(update, names="value")
    update()
    return counter


def number_text(text: str) -> str:
    """"1,200" → "1200", " 78 % " → "78"; anything else is returned stripped, for the model to judge."""
    text = (text or "").strip()
    bare = text.removesuffix("%").strip()
    if _THOUSANDS.match(bare):
        bare = bare.replace(",", "").replace(" ", "")
    try:
        float(bare)
    except ValueError:
        return text  # "by 25%" or "forty": the model reads the first and names the field for the second
    return bare


def parse_number(text: str) -> float | None:
    """The number a person typed, or None when it is empty or not a number (live feedback only)."""
    cleaned = number_text(text)
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def show_error(error: InputError, slots: Mapping[str, w.HTML], fallback: w.HTML) -> str:
    """Put `error`'s message in the slot of the field it names (longest matching prefix)."""
    field = error.field or ""
    text = str(error)
    best = ""
    for name in slots:
        if (field == name or field.startswith(name + ".") or field.startswith(name + "[")) and len(name) > len(best):
            best = name
    target = slots[best] if best else fallback
    if best and field and text.startswith(field + ": "):
        # Beside its own field the path is noise: "must be a number, not 'abc'" says it all.
        text = text[len(field) + 2:]
        text = text[:1].upper() + text[1:]
    target.value = message(text)
    return best
