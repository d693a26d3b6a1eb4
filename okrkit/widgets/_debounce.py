"""Run a callback once typing pauses: the drafter's coach and the autosaves use it.

In a kernel, widget callbacks run on the kernel's asyncio loop, so a timer on that loop
fires in the same thread as every other callback (no locks needed). With no running loop
(plain Python, tests) the callback runs at once, which keeps tests synchronous.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

__all__ = ["Debouncer"]


class Debouncer:
    """Call `fn` once typing pauses for `delay` seconds; at once when no event loop runs (tests)."""

    def __init__(self, delay: float, fn: Callable[[], None]) -> None:
        self.delay, self.fn = delay, fn
        self._handle: asyncio.TimerHandle | None = None

    def trigger(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.fn()
            return
        if self._handle is not None:
            self._handle.cancel()
        self._handle = loop.call_later(self.delay, self.flush)

    def cancel(self) -> None:
        """Forget a pending call."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def flush(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self.fn()
