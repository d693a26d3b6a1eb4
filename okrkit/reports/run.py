"""Make one report: papermill runs the kind's template, nbconvert exports it, maybe to PDF.

load the engagement (fail fast, name the output) → papermill executes the template with
its parameters, retrying when the kernel fails to start → nbconvert exports the executed
notebook with okrkit's template (no code, no prompts, nothing loaded from a host) →
HTML file, or PDF printed by Chromium.
"""

from __future__ import annotations

import datetime as dt
import html
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrkit.errors import InputError, ReportError
from okrkit.extras import require
from okrkit.model import EngagementRecord
from okrkit.progress import default_as_of
from okrkit.reports.kinds import ReportKind, get_kind

__all__ = ["ReportError", "ReportRequest", "execute", "export_html", "render_report"]

START_TIMEOUT = 60  # seconds papermill waits for a kernel to start (its default)
ATTEMPTS = 3  # kernel start failures are retried (papermill#511, #239)
FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class ReportRequest:
    engagement_dir: Path
    kind: str
    as_of: dt.date | None = None
    fmt: str = "html"
    out: Path | None = None
    db_url: str | None = None
    unit: str | None = None  # scope to one business unit and the teams below it
    detail: str | None = None  # "teams": every team's detail in a large engagement's report
    cycle: str | None = None  # a past cycle; None: the current one


def _kernel_start_failure(error: BaseException) -> bool:
    """Errors of starting a kernel, not of the notebook: worth another attempt."""
    import zmq  # papermill depends on pyzmq through jupyter_client

    if isinstance(error, zmq.ZMQError | TimeoutError):
        return True
    name = type(error).__name__
    if name == "DeadKernelError":
        return True
    text = str(error)
    return isinstance(error, RuntimeError) and ("Kernel didn't respond" in text or "Kernel died before" in text)


def _quiet_kernel_manager() -> type:
    """A kernel manager whose kernel writes nothing to our terminal.

    ipykernel prints start-up warnings and "KeyboardInterrupt caught in kernel" at shutdown
    on its stderr; a report's failures are read from papermill's error instead.
    """
    import subprocess

    from jupyter_client.manager import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            kw.setdefault("stdout", subprocess.DEVNULL)
            kw.setdefault("stderr", subprocess.DEVNULL)
            await super()._async_launch_kernel(kernel_cmd, **kw)

    return QuietKernelManager


def execute(kind: ReportKind, parameters: dict[str, Any], *, attempts: int = ATTEMPTS,
            start_timeout: int = START_TIMEOUT, sleep: Any = time.sleep) -> Any:
    """The executed notebook (in memory); a failing cell becomes a one-line ReportError."""
    pm = require("papermill", "reports")  # lazy: pulls in nbclient, jupyter_client, zmq

    for attempt in range(1, attempts + 1):
        try:
            return pm.execute_notebook(
                str(kind.template), None, parameters=parameters, progress_bar=False, log_output=False,
                start_timeout=start_timeout, kernel_name="python3",
                kernel_manager_class=_quiet_kernel_manager(),
            )
        except pm.PapermillExecutionError as error:
            raise ReportError(f"the {kind.name} report failed in cell {error.cell_index}: "
                              f"{error.ename}: {error.evalue}") from None
        except Exception as error:
            if not _kernel_start_failure(error):
                raise
            if attempt == attempts:
                raise ReportError(f"no kernel would start for the {kind.name} report after {attempts} attempts: "
                                  f"{type(error).__name__}: {error}") from None
            sleep(attempt * 1.5)
    raise AssertionError("unreachable")


def export_html(nb: Any, *, title: str, footer: str) -> str:
    """The executed notebook as one self-contained HTML page (okrkit's nbconvert template)."""
    HTMLExporter = require("nbconvert", "reports").HTMLExporter
    from jinja2 import DictLoader  # nbconvert's own dependency

    from okrkit import __version__
    from okrkit.reports.page import CSS, TEMPLATE, TEMPLATE_NAME

    exporter = HTMLExporter(extra_loaders=[DictLoader({TEMPLATE_NAME: TEMPLATE})], template_file=TEMPLATE_NAME,
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_filter("okrkit_join", lambda v: "".join(v) if isinstance(v, list) else v)
    resources = {"okrkit": {"title": title, "footer": footer, "css": CSS, "version": __version__}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def render_report(request: ReportRequest) -> Path:
    """Make the report and write it; returns the file written."""
    from okrkit.reports.context import DETAILS, parse_as_of
    from okrkit.store import open_store
    from okrkit.units import scope_record

    if request.fmt not in FORMATS:
        raise InputError(f"format must be html or pdf, not {request.fmt!r}", field="format")
    if request.detail is not None and request.detail not in DETAILS:
        raise InputError(f"must be {' or '.join(DETAILS)}, not {request.detail!r}", field="detail")
    # What the whole job needs, checked before any work: a PDF asked for without Playwright
    # used to fail after the notebook had run.
    for module in ("papermill", "nbconvert", "ipykernel", "altair", "vl_convert") + (
            ("playwright.sync_api",) if request.fmt == "pdf" else ()):
        require(module, "reports")
    kind = get_kind(request.kind)
    # Fail fast, before any kernel: the store opens, the date parses, the unit and the cycle exist. Only
    # the engagement is read here (a past cycle's with it); the kernel reads the check-ins and computes
    # the status once.
    store = open_store(request.engagement_dir, request.db_url or None)
    if request.cycle:
        from okrkit.cycles import select_cycle

        e = select_cycle(store.load_record(), request.cycle).engagement
    else:
        e = store.load_engagement()
    if request.unit:
        e = scope_record(EngagementRecord(engagement=e), request.unit).engagement
    as_of = parse_as_of(request.as_of) or default_as_of(e.cycle)
    out = _output_path(request, as_of)
    nb = execute(kind, {
        "engagement_dir": str(Path(request.engagement_dir).resolve()),
        "db_url": request.db_url,
        "as_of": as_of.isoformat(),
        "cycle_name": request.cycle,
        "kind": kind.name,
        "unit": request.unit,
        "detail": request.detail,
    })
    for name in missing_charts(nb):
        print(f"okrkit report: the chart “{name}” could not be drawn; the report says so and is complete otherwise",
              file=sys.stderr)
    page = export_html(
        nb, title=kind.document_title(e.client, as_of.isoformat()),
        footer=f"{kind.title} for {e.client}" + (f", prepared by {e.coach}" if e.coach else "")
               + f" with okrkit · data as of {as_of.isoformat()} · confidential to {e.client}",
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    if request.fmt == "pdf":
        from okrkit.reports.pdf import html_to_pdf

        html_to_pdf(page, out)
    else:
        out.write_text(page, encoding="utf-8")
    return out


def missing_charts(nb: Any) -> list[str]:
    """The names of the charts a report's cells could not draw (see `common.figure`)."""
    import re

    from okrkit.reports.common import MISSING_MARK

    found = re.compile(MISSING_MARK + r'="([^"]*)"')
    names = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html", "")
            names += [html.unescape(n) for n in found.findall("".join(text) if isinstance(text, list) else text)]
    return names


def _output_path(request: ReportRequest, as_of: dt.date) -> Path:
    scope = ""
    if request.unit:
        from okrkit.reports.scale import anchor

        scope = anchor("", request.unit)
    cycle = f"-{request.cycle}" if request.cycle else ""
    name = f"{request.kind}{scope}{cycle}-{as_of.isoformat()}.{request.fmt}"
    if request.out is None:
        return Path(request.engagement_dir) / "reports" / name
    if request.out.is_dir() or request.out.suffix == "":
        return request.out / name
    if request.out.suffix.lstrip(".").lower() != request.fmt:
        raise InputError(f"--out {request.out} does not end in .{request.fmt}", field="out")
    return request.out
