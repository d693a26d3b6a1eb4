"""Print a report's HTML to PDF with the system's Chromium, with no network at all.

Playwright drives Debian's Chromium (`apt-get install chromium`): `playwright install`
downloads browsers, which a client's or CI's network may not allow. Every request the
page might make is refused, so the PDF shows exactly what the offline HTML shows.
Set OKRKIT_CHROMIUM to use another Chromium binary.
"""

from __future__ import annotations

import os
from pathlib import Path

from okrkit.errors import OkrkitError
from okrkit.extras import require

__all__ = ["CHROMIUM_ARGS", "chromium_path", "html_to_pdf"]

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
_FOOTER = (
    '<div style="font-size:8px;width:100%;padding:0 12mm;color:#607d8b;font-family:sans-serif;'
    'display:flex;justify-content:space-between"><span class="title"></span>'
    '<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)


def chromium_path() -> str:
    path = os.environ.get("OKRKIT_CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        raise OkrkitError(f"PDF reports need Chromium at {path}: apt-get install chromium "
                          "(or set OKRKIT_CHROMIUM to a Chromium binary), or ask for --format html")
    return path


def html_to_pdf(page_html: str, out: Path) -> Path:
    """Write `page_html` as an A4 PDF with page numbers; returns `out`.

    Printing runs in a thread of its own: Playwright's sync API refuses a thread with a
    running event loop (a notebook, or a caller already driving a browser).
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_print, page_html, out).result()


def _print(page_html: str, out: Path) -> Path:
    sync_playwright = require("playwright.sync_api", "reports").sync_playwright
    executable = chromium_path()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())  # a report loads nothing
            page.set_content(page_html, wait_until="load")
            page.emulate_media(media="print")
            page.pdf(path=str(out), format="A4", print_background=True, prefer_css_page_size=True,
                     display_header_footer=True, header_template="<div></div>", footer_template=_FOOTER)
        finally:
            browser.close()
    return out
