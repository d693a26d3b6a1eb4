"""The client apps end to end: `okrkit serve` on the demo engagement, driven in Chromium.

Every test runs with outside hosts blocked and fails on a dialog, a page error or a
resource of ours that did not load (see conftest's `page`). Tests that add data to the
store come last in this file; the screenshots in test-artifacts/ are of the demo as it is.
"""

from __future__ import annotations

import datetime as dt
import http.client
import re
import time
from urllib.parse import urlsplit

import pytest
from apps_server import ARTIFACTS, RENDER_TIMEOUT_MS, Server, open_app, screenshot

from okrkit.model import KeyResult, Objective, Team
from okrkit.retro_formats import RETRO_FORMATS
from okrkit.store import open_store

pytestmark = pytest.mark.slow

TEAM = "Discover Team"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "<script>alert(2)</script>"


def _get(served: Server, url: str, **headers: str) -> http.client.HTTPResponse:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers)
    return connection.getresponse()


# --- serving ----------------------------------------------------------------------------


def test_landing_page_lists_each_teams_apps(page, served: Server) -> None:
    """The landing page links every team to its check-in, retrospective and dashboard."""
    page.goto(served.url("/"))
    teams = [t.name for t in open_store(served.folder).load_engagement().teams]
    for name in teams:
        card = page.locator(f".card[data-team='{name}']")
        assert card.locator("h3").inner_text() == name
        hrefs = [a.get_attribute("href") for a in card.locator("a.app").all()]
        assert {h.split("?")[0] for h in hrefs} == {f"/voila/render/{a}.ipynb" for a in ("checkin", "retro",
                                                                                          "dashboard")}
        assert all(h.endswith("?team=" + name.replace(" ", "%20")) for h in hrefs)
    screenshot(page, "landing")


def test_a_request_without_the_token_is_refused(served: Server) -> None:
    """No token, no app: pages send to the login form, the API and the kernels answer 403."""
    for path in ("/", "/voila/render/checkin.ipynb?team=Discover%20Team"):
        response = _get(served, served.url(path.split("?")[0], token=False))
        assert response.status == 302 and "/login" in response.getheader("Location", "")
    for path in ("/api/kernels", "/api/sessions", "/voila/api/contents"):
        assert _get(served, served.url(path, token=False)).status in (403, 404)
    assert _get(served, served.url("/", token=False).replace("/?", "/?token=wrong&")).status == 302
    with_token = _get(served, served.url("/"))
    assert with_token.status == 200 and b"Banco Aurora" in with_token.read()


def test_nothing_outside_the_apps_folder_is_served(served: Server) -> None:
    """The store, the coach's workbook and Voila's tree stay out of reach, even with the token."""
    for path in ("/voila/files/../okrkit.db", "/voila/files/okrkit.db", "/voila/files/checkin.ipynb",
                 "/voila/render/../coach-workbook.ipynb", "/voila/render/coach-workbook.ipynb", "/voila/tree",
                 "/voila/api/contents", "/voila/render/checkin.ipynb?template=reveal&token="):
        response = _get(served, served.url(path) if "token=" not in path else served.url(path.split("&")[0]))
        body = response.read()
        assert response.status in (403, 404) or (b"SQLite" not in body and b"reveal" not in body), path


def test_leaving_an_app_shuts_its_kernel_down(page, served: Server) -> None:
    """Each visitor holds a kernel: closing the app frees it at once (Voila's beacon, with our _xsrf cookie)."""
    open_app(page, served, "checkin", TEAM)
    kernel = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    page.goto(served.url("/"))
    deadline = time.monotonic() + 20
    while f"Kernel shutdown: {kernel}" not in served.log.read_text(errors="replace"):
        assert time.monotonic() < deadline, "the app's kernel was not shut down on leaving"
        time.sleep(0.2)


# --- the apps ---------------------------------------------------------------------------


def test_checkin_is_recorded_in_the_store(page, served: Server) -> None:
    """A GRIP check-in typed in the browser is read back from the store."""
    open_app(page, served, "checkin", TEAM)
    page.get_by_role("button", name="8", exact=True).click()
    page.get_by_placeholder("Your name").fill("Joana")
    page.locator(".okr-card input[placeholder='value']").first.fill("89.5")
    page.get_by_placeholder("What is in the way?").fill("The release freeze delays the tutorial video.")
    page.get_by_placeholder("What will we do next week?").fill("Publish the tutorial video on Tuesday.")
    screenshot(page, "checkin")
    page.get_by_role("button", name="Save check-in").click()
    page.locator(".okr-msg-ok").wait_for(timeout=30_000)
    assert "Saved the check-in" in page.locator(".okr-msg-ok").inner_text()
    saved = [c for c in open_store(served.folder).checkins(TEAM) if c.author == "Joana"]
    assert len(saved) == 1
    assert saved[0].confidence == 8
    assert saved[0].plan == "Publish the tutorial video on Tuesday."
    assert saved[0].values["DT-1.1"] == 89.5
    assert "Using pre-heated kernel" in served.log.read_text(errors="replace"), "the team came through preheating"
    open_app(page, served, "dashboard", TEAM)
    page.get_by_text("confidence 8/10").first.wait_for(timeout=60_000)  # the dashboard shows it


def test_dashboard_draws_a_chart(page, served: Server) -> None:
    """The whole-engagement dashboard shows charts with marks, drawn with no network."""
    open_app(page, served, "dashboard")
    page.locator(".okr-app svg").first.wait_for(timeout=60_000)
    marks = page.locator(".okr-app svg path, .okr-app svg rect, .okr-app svg circle, .okr-app svg line")
    assert marks.count() > 10
    assert page.locator(".okr-app canvas").count() == 0  # static SVG, drawn in the kernel: no JS renderer
    for team in ("Discover Team", "Account Opening Team"):
        assert team in page.locator(".okr-app").inner_text()
    screenshot(page, "dashboard")


def test_team_dashboard_and_retro_open_for_a_team(page, served: Server) -> None:
    """The retrospective opens on the end-of-cycle board (the demo's today is its last week): the four
    questions, one note field each, and a final score per KR; the team's dashboard opens too."""
    open_app(page, served, "retro", "Support Experience Team")
    page.get_by_placeholder("Add a sticky note…").first.wait_for(timeout=30_000)
    app = page.locator(".okr-app")
    end = RETRO_FORMATS["end-of-cycle"]
    for question in end.questions:
        assert question in app.inner_text(), question
    assert page.get_by_placeholder("Add a sticky note…").count() == len(end.questions)
    assert "Support Experience Team" in app.inner_text()
    assert app.locator("input[type=range], .widget-slider").count() >= 1  # the final scores
    screenshot(page, "retro")
    open_app(page, served, "dashboard", "Support Experience Team")
    assert "Support Experience Team" in page.locator(".okr-app").inner_text()
    screenshot(page, "dashboard-team")


def test_a_retrospective_is_recorded_in_the_store(page, served: Server) -> None:
    """Sticky notes and an action typed in the browser are read back from the store."""
    open_app(page, served, "retro", "Account Opening Team")
    column = page.locator(".okr-card").first  # the format's first question
    column.get_by_placeholder("Add a sticky note…").fill("Pairing with the branch staff pulled us toward the OKR.")
    column.locator("button", has_text="Add").click()
    page.locator(".okr-sticky", has_text="Pairing with the branch staff").wait_for(timeout=30_000)
    page.get_by_placeholder("An action: who does what by when").fill("Ana books the branch visits by Friday.")
    page.get_by_role("button", name="Add action").click()
    page.get_by_text("Ana books the branch visits by Friday.").wait_for(timeout=30_000)
    page.get_by_role("button", name="Save retrospective").click()
    page.locator(".okr-msg-ok").wait_for(timeout=30_000)
    retros = open_store(served.folder).retros("Account Opening Team")
    assert any("Ana books the branch visits by Friday." in r.actions for r in retros)
    assert any(i.text.startswith("Pairing with the branch staff") for r in retros for i in r.items)
    open_app(page, served, "dashboard", "Account Opening Team")  # and the team's dashboard shows it
    page.get_by_text("Ana books the branch visits by Friday.").wait_for(timeout=60_000)


# --- bad input --------------------------------------------------------------------------


def test_checkin_bad_input_shows_a_message_and_saves_nothing(page, served: Server) -> None:
    """No confidence chosen, or text where a number goes: a message beside the field, no write."""
    store = open_store(served.folder)
    before = store.checkins("Account Opening Team")
    open_app(page, served, "checkin", "Account Opening Team")
    page.locator(".okr-app input[type=date]").fill("2026-03-26")  # a day with no check-in yet: nothing prefilled
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Choose how confident you are").wait_for(timeout=30_000)
    page.get_by_role("button", name="5", exact=True).click()
    page.locator(".okr-card input[placeholder='value']").first.fill("about half")
    page.get_by_text("Type a number").wait_for(timeout=30_000)
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Nothing was saved").wait_for(timeout=30_000)
    screenshot(page, "checkin-bad-input")
    assert store.checkins("Account Opening Team") == before


def test_drafter_refuses_an_empty_objective_and_a_baseline_equal_to_its_target(page, served: Server) -> None:
    """The coach's drafter in a browser: each mistake is named beside its field; nothing is saved."""
    before = open_store(served.folder).load_engagement()
    open_app(page, served, "drafter_app", TEAM)
    title = page.get_by_placeholder("Objective: what do we want to achieve, for whom?").first
    original = title.input_value()
    title.fill("")
    page.get_by_role("button", name="Save OKRs").click()
    page.get_by_text("Nothing was saved").wait_for(timeout=30_000)
    card = page.locator(".okr-card").filter(has=title)
    assert "must not be empty" in card.locator(".okr-msg").first.inner_text()
    assert open_store(served.folder).load_engagement() == before

    title.fill(original)
    card.locator(".okr-msg", has_text="must not be empty").wait_for(state="detached", timeout=30_000)
    page.get_by_placeholder("baseline").first.fill("40")
    page.get_by_placeholder("target").first.fill("40")
    page.get_by_role("button", name="Save OKRs").click()
    note = card.locator(".okr-msg, .okr-finding").filter(has_text=re.compile(r"baseline.*target|target.*baseline",
                                                                              re.IGNORECASE))
    note.first.wait_for(timeout=30_000)
    # The live coach may show the note before the click's answer arrives: wait for the answer itself.
    page.locator(".okr-msg", has_text="Nothing was saved").wait_for(timeout=30_000)
    screenshot(page, "drafter-bad-input")
    assert open_store(served.folder).load_engagement() == before


def _kr_block(krs, n: int):  # type: ignore[no-untyped-def]
    """The n-th key result's whole block: its line, its findings and its dismiss/restore controls."""
    return krs.nth(n).locator("xpath=ancestor::div[contains(@class,'okr-row')][1]/parent::div")


def _start_from_saved(page, served: Server) -> None:  # type: ignore[no-untyped-def]
    open_app(page, served, "drafter_app", TEAM)
    page.get_by_role("button", name="Discard draft").click()  # start from the saved OKRs, whatever ran before
    page.get_by_text("Back to the saved OKRs").wait_for(timeout=30_000)


def test_drafter_folds_tips_and_lets_the_coach_dismiss_a_finding_with_a_reason(page, served: Server) -> None:
    """A warning is shown in full, a tip folded under '1 tip'; 'dismiss…' asks why, then hides the warning."""
    _start_from_saved(page, served)
    krs = page.get_by_placeholder("Increase … from … to …")
    krs.nth(1).fill("Launch the new tutorial")
    page.get_by_text("1 tip").first.wait_for(timeout=30_000)
    krs.nth(2).fill("Conduct 20 customer interviews")
    warning = page.locator(".okr-finding", has_text="counts work done")
    warning.wait_for(timeout=30_000)
    assert warning.is_visible() and not page.locator(".okr-finding", has_text="is a milestone").is_visible()
    dismiss = _kr_block(krs, 2).get_by_role("button", name="dismiss…")
    assert dismiss.count() == 1
    dismiss.click()
    reason = page.get_by_placeholder("Why does it not apply here? The team will read this.")
    reason.fill("Discovery interviews are this team's commitment to the board")
    screenshot(page, "drafter-dismiss-form")
    page.get_by_role("button", name="Dismiss", exact=True).click()
    page.get_by_text("1 finding dismissed by the coach").wait_for(timeout=30_000)
    assert warning.count() == 0
    screenshot(page, "drafter-dismissed")
    page.get_by_role("button", name="Discard draft").click()  # leave the store's drafts as they were
    page.get_by_text("Back to the saved OKRs").wait_for(timeout=30_000)


def test_drafter_restores_a_dismissed_finding_and_dismisses_a_tip(page, served: Server) -> None:
    """'restore…' brings a dismissed warning back in full; a folded tip has its own 'dismiss…'."""
    _start_from_saved(page, served)
    krs = page.get_by_placeholder("Increase … from … to …")
    krs.nth(2).fill("Conduct 20 customer interviews")
    warning = page.locator(".okr-finding", has_text="counts work done")
    warning.wait_for(timeout=30_000)
    block = _kr_block(krs, 2)
    block.get_by_role("button", name="dismiss…").click()
    page.get_by_placeholder("Why does it not apply here? The team will read this.").fill("agreed with the sponsor")
    page.get_by_role("button", name="Dismiss", exact=True).click()
    folded = block.get_by_text("1 finding dismissed by the coach")
    folded.wait_for(timeout=30_000)
    folded.click()  # unfold: the reason is there to read
    block.get_by_text("Dismissed by the coach: agreed with the sponsor").wait_for(timeout=10_000)
    block.get_by_role("button", name="restore…").click()
    screenshot(page, "drafter-restore-form")
    block.get_by_role("button", name="Restore", exact=True).click()
    warning.wait_for(timeout=30_000)
    assert warning.is_visible() and folded.count() == 0
    page.get_by_text("shows again").wait_for(timeout=10_000)

    krs.nth(1).fill("Launch the new tutorial")
    tip_block = _kr_block(krs, 1)
    tip_block.get_by_text("1 tip").wait_for(timeout=30_000)
    tip_block.get_by_role("button", name="dismiss…").click()
    choice = tip_block.locator("select")
    assert choice.locator("option").first.inner_text().replace("\xa0", " ").startswith("tip: ")
    tip_block.get_by_placeholder("Why does it not apply here? The team will read this.").fill(
        "The launch is the milestone the board tracks")
    tip_block.get_by_role("button", name="Dismiss", exact=True).click()
    tip_block.get_by_text("1 finding dismissed by the coach").wait_for(timeout=30_000)
    assert tip_block.get_by_text("1 tip").count() == 0
    screenshot(page, "drafter-tip-dismissed")
    page.get_by_role("button", name="Discard draft").click()
    page.get_by_text("Back to the saved OKRs").wait_for(timeout=30_000)


# --- what a person sees: phones, the board, the drafter ---------------------------------------


def _overflow(page) -> list[str]:
    """Elements of the app whose right edge runs past the window (what a phone would cut off)."""
    return page.evaluate("""() => { const w = document.documentElement.clientWidth; return [...document
        .querySelectorAll('.okr-app *')].filter(e => e.offsetParent !== null && e.getBoundingClientRect().width > 0
        && e.getBoundingClientRect().right > w + 1 && !e.closest('.okr-chart, [style*="overflow-x"]'))
        .map(e => (e.className || e.tagName).toString().slice(0, 40) + ': ' + (e.innerText || '').slice(0, 60))
        .slice(0, 8); }""")


@pytest.mark.parametrize("app", ["checkin", "dashboard"])
def test_the_apps_are_usable_on_a_390_px_phone(page, served: Server, app: str) -> None:
    """At 390 px nothing of the check-in or the dashboard runs off the right edge; charts keep a readable size."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_app(page, served, app, TEAM)
    if app == "dashboard":
        page.locator(".okr-app .okr-chart svg").first.wait_for(timeout=60_000)
        widths = page.locator(".okr-app .okr-chart svg").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().width)")
        assert widths and min(widths) >= 300, widths
        badge = page.locator(".okr-app table.okr-table .okr-badge").first
        box = badge.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, box  # the status column is on screen
    else:
        trend = page.locator(".okr-app svg[aria-label]").first
        box = trend.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, box
    page.wait_for_timeout(500)
    screenshot(page, f"{app}-phone")
    assert _overflow(page) == []


def test_enter_adds_a_sticky_note_and_long_notes_keep_their_buttons(page, served: Server) -> None:
    """Enter in the note box adds the note; beside a long note, '+1' and '✕' stay whole inside the column."""
    open_app(page, served, "retro", "Digital Services")
    column = page.locator(".okr-card").first
    box = column.get_by_placeholder("Add a sticky note…")
    box.fill("Short note")
    box.press("Enter")
    page.locator(".okr-sticky", has_text="Short note").wait_for(timeout=30_000)
    long = "A very long sticky note about the legal review " * 6 + "Supercalifragilisticexpialidocious" * 3
    box.fill(long)
    box.press("Enter")
    note = page.locator(".okr-sticky", has_text="Supercalifragilistic")
    note.wait_for(timeout=30_000)
    card = column.bounding_box()
    for name in ("+1 (0)",):
        for button in column.get_by_role("button", name=name).all():
            b = button.bounding_box()
            assert b and b["x"] + b["width"] <= card["x"] + card["width"] + 1, (b, card)
            assert b["width"] >= 60  # not squeezed
    assert note.bounding_box()["x"] + note.bounding_box()["width"] <= card["x"] + card["width"] + 1
    screenshot(page, "retro-long-note")


def test_the_drafters_buttons_stay_beside_their_key_result(page, served: Server) -> None:
    """↑, ↓ and the bin sit on the same line as the key result's fields."""
    open_app(page, served, "drafter_app", TEAM)
    title = page.get_by_placeholder("Increase … from … to …").first
    title.wait_for(timeout=30_000)
    line = title.locator("xpath=ancestor::div[contains(@class,'okr-row')][1]")
    field_top = title.bounding_box()["y"]
    for button in line.locator("button").all():
        b = button.bounding_box()
        assert b and abs(b["y"] - field_top) < 20, (b, field_top)
    screenshot(page, "drafter")


def test_the_drafter_and_its_dismiss_form_fit_a_390_px_phone(page, served: Server) -> None:
    """At 390 px the drafter's rows, its findings and the dismiss form stay inside the window."""
    page.set_viewport_size({"width": 390, "height": 844})
    _start_from_saved(page, served)
    krs = page.get_by_placeholder("Increase … from … to …")
    krs.nth(2).fill("Conduct 20 customer interviews")
    page.locator(".okr-finding", has_text="counts work done").wait_for(timeout=30_000)
    _kr_block(krs, 2).get_by_role("button", name="dismiss…").click()
    page.get_by_placeholder("Why does it not apply here? The team will read this.").wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    screenshot(page, "drafter-phone")
    _kr_block(krs, 2).screenshot(path=str(ARTIFACTS / "drafter-phone-dismiss-form.png"))  # the form, close up
    assert _overflow(page) == []
    page.get_by_role("button", name="Discard draft").click()
    page.get_by_text("Back to the saved OKRs").wait_for(timeout=30_000)


# --- hostile text (these add to the store, so they run last) ----------------------------


@pytest.fixture
def hostile_team(served: Server) -> str:
    """A team, objective, KR, check-in and retro whose text is markup that would run if not escaped."""
    store = open_store(served.folder)
    engagement = store.load_engagement()
    name = f"Ops {HOSTILE_IMG}"
    if name not in [t.name for t in engagement.teams]:
        team = Team(name=name, okrs=[Objective(id="H-1", objective=f"Win {HOSTILE_SCRIPT}", key_results=[
            KeyResult(id="H-1.1", title=f"Increase {HOSTILE_IMG} from 10 to 20", baseline=10, target=20)])])
        store.save_engagement(engagement.model_copy(update={"teams": [*engagement.teams, team]}))
        from okrkit.model import CheckIn, Retro, RetroItem

        store.record_checkin(CheckIn(team=name, date=dt.date(2026, 2, 6), confidence=6, values={"H-1.1": 14},
                                     issues=HOSTILE_SCRIPT, plan=HOSTILE_IMG))
        store.record_retro(Retro(team=name, date=dt.date(2026, 2, 13), kind="mid-cycle",
                                 format="attractors-detractors",
                                 items=[RetroItem(prompt="attractors", text=HOSTILE_IMG)], actions=[HOSTILE_SCRIPT]))
    return name


def _assert_inert(page) -> None:
    """No element made from the hostile strings: no img with src=x, no script that alerts."""
    assert page.locator("img[src='x']").count() == 0
    scripts = page.locator("script").evaluate_all("els => els.map(e => e.textContent)")
    assert not any("alert(" in s for s in scripts)
    page.wait_for_timeout(300)  # an onerror handler would fire now; the page fixture fails on a dialog


def test_hostile_text_is_shown_as_text_everywhere(page, served: Server, hostile_team: str) -> None:
    """Markup in team names, OKRs, check-ins and retros shows as characters in every app and chart."""
    page.goto(served.url("/"))
    assert page.locator(".card h3", has_text=HOSTILE_IMG).count() == 1
    _assert_inert(page)
    for app in ("checkin", "retro", "dashboard"):
        open_app(page, served, app, hostile_team)
        page.wait_for_timeout(500)
        shown = page.locator(".okr-app").inner_text()
        assert HOSTILE_IMG in shown, app
        _assert_inert(page)
    # The check-in app: hostile text typed now shows as text in last week's plan next time.
    open_app(page, served, "checkin", hostile_team)
    assert HOSTILE_SCRIPT in page.locator(".okr-app").inner_text()  # the objective's title
    page.get_by_role("button", name="4", exact=True).click()
    page.get_by_placeholder("What is in the way?").fill(HOSTILE_IMG)
    page.get_by_placeholder("What will we do next week?").fill(HOSTILE_SCRIPT)
    page.get_by_role("button", name="Save check-in").click()
    page.locator(".okr-msg-ok").wait_for(timeout=30_000)
    assert [c.plan for c in open_store(served.folder).checkins(hostile_team)][-1] == HOSTILE_SCRIPT
    _assert_inert(page)
    # The whole engagement's charts name the team in SVG text.
    open_app(page, served, "dashboard")
    page.locator(".okr-app svg").first.wait_for(timeout=60_000)
    svg_text = page.locator(".okr-app svg text").evaluate_all("els => els.map(e => e.textContent)")
    assert any("<img" in t for t in svg_text)
    _assert_inert(page)
    screenshot(page, "hostile-dashboard")


# --- privacy, sign-in, the server's log ----------------------------------------------------


def test_no_page_asks_another_host_and_icons_still_show(page, served: Server) -> None:
    """Landing, sign-in and every app load nothing from another host; Font Awesome comes from Voila's bundle."""
    page.goto(served.url("/login", token=False))
    page.goto(served.url("/"))
    for app in ("checkin", "retro", "dashboard"):
        open_app(page, served, app, TEAM)
        page.wait_for_timeout(500)
        icon = page.locator(".okr-app button.jupyter-button i.fa").first
        icon.wait_for(state="attached", timeout=30_000)
        info = icon.evaluate("e => [getComputedStyle(e, '::before').fontFamily, getComputedStyle(e, '::before')"
                             ".content, e.getBoundingClientRect().width, [...document.fonts].filter(f => "
                             "f.family.includes('Font Awesome')).map(f => f.status)]")
        assert "Font Awesome" in info[0] and info[1] not in ("none", "normal") and info[2] > 0, (app, info)
    assert page.watch.blocked == []  # the page fixture checks it again after every test


def test_the_loading_spinner_ticks_instead_of_turning_smoothly(page, served: Server) -> None:
    """Voila's spinner, repainted each frame, costs a GPU-less browser 5% of a core per waiting page: 8 ticks."""
    open_app(page, served, "checkin", TEAM)
    timing = page.evaluate("""() => {
        const loading = Object.assign(document.createElement('div'), {id: 'loading'});
        loading.innerHTML = '<svg class="spinner"></svg>';
        document.body.append(loading);
        const style = getComputedStyle(loading.firstChild);
        const found = [style.animationName, style.animationTimingFunction];
        loading.remove();
        return found;
    }""")
    assert timing == ["rotation", "steps(8)"], timing


def test_the_sign_in_page_is_okrkits(page, served: Server) -> None:
    """Without the token: the engagement's name, 'ask your coach for the link', no Jupyter jargon;
    a wrong key says so."""
    page.goto(served.url("/voila/render/checkin.ipynb", token=False))
    text = page.locator("body").inner_text()
    assert "Banco Aurora" in text and "ask your coach for the link" in text
    assert not any(word in text.lower() for word in ("jupyter", "server list", "password", "notebook"))
    screenshot(page, "login")
    page.fill("#password_input", "not-the-key")
    with page.expect_response(lambda r: "/login" in r.url and r.request.method == "POST"):
        page.click("#login_submit")
    assert "did not work" in page.locator("body").inner_text()
    page.fill("#password_input", served.token)
    page.click("#login_submit")
    page.locator(".okr-app").wait_for(timeout=RENDER_TIMEOUT_MS)
    served_errors = [u for u in page.watch.failed if "/login" in u]
    page.watch.failed[:] = [u for u in page.watch.failed if u not in served_errors]  # the wrong key's 401


def test_the_token_survives_a_restart_and_the_log_is_one_line_per_visit(browser, tmp_path) -> None:
    """Without --token, serve keeps the engagement's token (0600) across restarts; its log holds one line per
    visit and per problem: no 'not trusted', no TCP warning, no traceback, not even on stopping."""
    from apps_server import start_server, stop_server

    from okrkit.testing import demo_folder

    folder = demo_folder(tmp_path)
    tokens, logs = [], []
    for run in range(2):
        log = tmp_path / f"serve-{run}.log"
        server = start_server(folder, log, "--pool-size", "1", own_token=True, verbose=False)
        try:
            tokens.append(server.token)
            time.sleep(8)  # the pools fill and their kernels wait for a visit
            context = browser.new_context()
            page = context.new_page()
            page.goto(server.app_url("checkin", TEAM))
            page.locator("button:has-text('Save check-in')").wait_for(timeout=RENDER_TIMEOUT_MS)
            context.close()
            _get(server, server.url("/api/kernels", token=False))
            time.sleep(8)  # the visited kernel is shut down and a new one fills the pool
        finally:
            stop_server(server)
        logs.append(log.read_text(errors="replace"))
    assert tokens[0] == tokens[1] and not tokens[0].startswith("-")
    assert (folder / ".okrkit-token").stat().st_mode & 0o777 == 0o600
    for text in logs:
        for noise in ("Traceback", "not trusted", "without encryption", "ZMQError", "websocket_ping_timeout"):
            assert noise not in text, f"{noise!r} in the log:\n{text}"
        assert text.count("visit: checkin for Discover Team") == 1, text
        assert "refused: GET /api/kernels (403) - no valid token" in text or "refused: GET /api/kernels" in text, text
        assert len([line for line in text.splitlines() if line.startswith("[")]) <= 8, text


def test_dashboard_of_a_team_with_no_check_ins_says_so_and_colours_agree(page, served: Server) -> None:
    """A team with no check-in: a sentence, no empty axes; a KR over target says so; 'at risk' is one colour."""
    store = open_store(served.folder)
    engagement = store.load_engagement()
    if "Onboarding Squad" not in [t.name for t in engagement.teams]:
        kr = KeyResult(id="OS-1.1", baseline=10, target=20, title="Increase sign-ups from 10 to 20")
        team = Team(name="Onboarding Squad", okrs=[Objective(id="OS-1", objective="Make sign-up effortless",
                                                             key_results=[kr])])
        store.save_engagement(engagement.model_copy(update={"teams": [*engagement.teams, team]}))
    open_app(page, served, "dashboard", "Onboarding Squad")
    page.get_by_text("Onboarding Squad has not checked in yet").wait_for(timeout=60_000)
    assert page.locator(".okr-app .okr-chart svg").count() == 0
    screenshot(page, "dashboard-no-checkins")
    open_app(page, served, "dashboard", TEAM)
    page.get_by_text("103% · beyond target").wait_for(timeout=30_000)
    page.locator(".okr-app .okr-chart svg").first.wait_for(timeout=60_000)
    badge = page.locator(".okr-app .okr-badge", has_text="At risk").first.evaluate("e => getComputedStyle(e).color")
    fills = page.locator(".okr-app .okr-chart svg path").evaluate_all(
        "els => els.map(e => getComputedStyle(e).fill)")
    assert badge == "rgb(154, 91, 0)" and badge in fills, (badge, set(fills))
