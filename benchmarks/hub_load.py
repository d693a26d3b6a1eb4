"""100 client visits through a firm's JupyterHub within two minutes, against a single visit.

    python benchmarks/hub_load.py [--visits 100] [--within 120] [--pool-size 4] [--open 30]
                                  [--clients protocol|chromium] [--no-fork-kernels]

Loopback only, bounded. A firm with the demo engagement and ten signed-in client users
runs under a real JupyterHub (`okrkit hub FIRM_DIR`, its proxy, the engagement's Voila
service). Each visit carries one user's hub and service cookies (signed in beforehand, as a
returning visitor) and opens the check-in app of a team:

- `--clients protocol` (the default): the visitor does what Voila's front end does, without
  drawing: it fetches the page, opens the kernel's websocket and the widgets' control comm,
  asks for every widget's state (request_states), and is timed until the states have
  arrived, when a browser has everything it needs to show the app. It costs this
  machine ~0.02 CPU-s a visit, so the server is what is measured: real visitors' browsers
  run on their own devices.
- `--clients chromium`: a fresh Chromium context per visit, timed until the app is shown
  (Voila's `#loading` gone). Chromium needs 2.5–4.7 CPU-s a visit (docs/hosting.md), so on
  two cores 100 of them in two minutes cannot fit beside the server: this mode measures
  the machine running both.

Visits arrive evenly over `--within` seconds, at most `--open` at once; a visitor stays
five seconds, then leaves: four in five leave the app (Voila's beacon shuts their kernel
down), one in five just go (the kernel is left idle, for Voila's culler, set here to 60
seconds). First a single visit is timed alone (median of three), and the CPU it costs is
read, and that of Voila's page of one button (the floor any Voila app pays; it sits in the
apps' folder, unlisted, as in benchmarks/apps_common.py).

Prints: visits served, median and p95 time to interactive (a visit not served counts as
slower than any served), p95 against the single visit (target at most 3x), the span of
arrivals, and the app kernels alive after the load and after culling (target: back to the
preheated pool). Then where the CPU went while the visits ran: CPU seconds of each part
(the app kernels, the engagement's Voila, the hub, its proxy, the visitors, everything else
on the machine), sampled each second, and per visit.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import datetime as dt
import json
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import nbformat
import psutil
import requests
import websockets.sync.client

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hub"))
from hub_server import CHROMIUM, CHROMIUM_ARGS, Hub, sign_in, start_hub, stop_hub

from okrkit.cli import main as okrkit

TEAMS = ("Digital Services", "Discover Team", "Support Experience Team", "Account Opening Team")
USERS = [f"client{i}" for i in range(10)]
CULL_SECONDS = 60
TARGET = 3.0
SINGLE_VISITS = 3  # the single visit is the median of these, each timed alone


def make_firm(parent: Path, pool_size: int, fork_kernels: bool = True) -> Path:
    firm = parent / "firm"
    assert okrkit(["hub", "init", str(firm), "--coach", "ana"]) == 0
    assert okrkit(["hub", "add-engagement", str(firm), "alpha", "--demo", "--coach", "ana"]) == 0
    for user in USERS:
        assert okrkit(["hub", "add-user", str(firm), user, "--client", "alpha"]) == 0
    config = firm / "jupyterhub_config.py"
    text = config.read_text().replace("pool_size=1, cull_idle_seconds=1800",
                                      f"pool_size={pool_size}, cull_idle_seconds={CULL_SECONDS}"
                                      + ("" if fork_kernels else ", fork_kernels=False"))
    config.write_text(text)
    bare = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                             "language": "python"}})
    bare.cells = [nbformat.v4.new_code_cell("import ipywidgets as w\nw.Button(description='Click me')")]
    nbformat.write(bare, firm / "engagements" / "alpha" / "apps" / "bare.ipynb")  # not an okrkit app: not listed
    return firm


def app_kernels(hub: Hub) -> int:
    """ipykernel processes under the engagement's service (preheated and visitors' alike)."""
    count = 0
    for process in psutil.Process(hub.process.pid).children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(process.cmdline()) and "jupyterhub-singleuser" not in \
                    " ".join(process.parent().cmdline()):
                count += 1
        except psutil.Error:
            pass
    return count


def wait_for_kernels(hub: Hub, at_least: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while app_kernels(hub) < at_least:
        if time.monotonic() > deadline:
            raise RuntimeError(f"fewer than {at_least} app kernels after {timeout:.0f} s")
        time.sleep(1)
    time.sleep(8)  # a new kernel runs the app's imports after it is counted


PARTS = (("app kernels", "ipykernel_launcher"), ("fork server", "okrkit.forkserver"),
         ("Voila (engagement)", "okrkit.hub.service"),
         ("proxy", "configurable-http-proxy"), ("Chromium", "chromium"), ("hub", ""))


def _busy(times: Any) -> float:
    """The machine's busy CPU seconds: user, nice, system and interrupts, not idle or iowait."""
    return float(sum(times[:3]) + times.irq + times.softirq + times.steal)


class CpuSampler:
    """CPU seconds used by this benchmark's processes, by part, and by the whole machine.

    Every second each descendant of this process is read (a process's CPU time only grows,
    so the last reading is what it used; one that ends loses at most its last second).
    """

    def __init__(self) -> None:
        self.used: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _part(self, process: psutil.Process) -> str:
        line = " ".join(process.cmdline())
        if "jupyterhub-singleuser" in line or "portfolio_service" in line or "idle_culler" in line:
            return "hub"
        return next((name for name, mark in PARTS if mark and mark in line), "hub" if "okrkit" in line
                    or "jupyterhub" in line else "benchmark (the visitors)")

    def _sample(self) -> None:
        for process in psutil.Process().children(recursive=True):
            try:
                with process.oneshot():
                    times = process.cpu_times()
                    # read each time: a forked kernel takes its own command line just after the fork
                    self.used[process.pid] = (self._part(process), times.user + times.system)
            except psutil.Error:
                pass

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self._sample()

    def __enter__(self) -> CpuSampler:
        self._sample()
        self.start_used = dict(self.used)
        self.start_machine, self.start_self = psutil.cpu_times(), psutil.Process().cpu_times()
        self.t0 = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self.seconds = time.monotonic() - self.t0
        machine, mine = psutil.cpu_times(), psutil.Process().cpu_times()
        self.machine = _busy(machine) - _busy(self.start_machine)
        self.benchmark = (mine.user + mine.system) - (self.start_self.user + self.start_self.system)

    def by_part(self) -> dict[str, float]:
        parts: dict[str, float] = {}
        for pid, (part, cpu) in self.used.items():
            parts[part] = parts.get(part, 0.0) + cpu - self.start_used.get(pid, (part, 0.0))[1]
        parts["benchmark (the visitors)"] = parts.get("benchmark (the visitors)", 0.0) + self.benchmark
        parts["everything else on the machine"] = max(0.0, self.machine - sum(parts.values()))
        return parts


def kernel_cpu(sampler: CpuSampler) -> list[float]:
    """CPU seconds of each app kernel that started during the load (its whole life, start to end)."""
    return [cpu for pid, (part, cpu) in sampler.used.items() if part == "app kernels" and pid not in sampler.start_used]


def cookies_of(hub: Hub, user: str) -> list[dict[str, object]]:
    """A signed-in user's cookies for the hub and the service (OAuth done by visiting the landing page)."""
    session = sign_in(hub, user)
    assert session.get(hub.url("/services/alpha/"), timeout=60).status_code == 200
    return [{"name": c.name, "value": c.value, "domain": "127.0.0.1", "path": c.path or "/"}
            for c in session.cookies]


async def one_visit(browser: object, hub: Hub, cookies: list[dict[str, object]], team: str,
                    abandon: bool, app: str = "checkin") -> float:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    await context.add_cookies(cookies)
    await context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(hub.base)
                        else route.abort())
    page = await context.new_page()
    try:
        start = time.perf_counter()
        await page.goto(hub.url(f"/services/alpha/voila/render/{app}.ipynb?team={team.replace(' ', '%20')}"),
                        wait_until="commit", timeout=120_000)
        shown = ".okr-app" if app == "checkin" else "button:has-text('Click me')"
        for selector, state in (("#loading", "detached"), ("#rendered_cells", "visible"), (shown, "visible")):
            await page.wait_for_selector(selector, state=state, timeout=120_000)
        elapsed = time.perf_counter() - start
        await asyncio.sleep(5)  # the visitor reads the form
        if not abandon:  # back to the landing page: Voila shuts the app's kernel down on leaving
            await page.goto(hub.url("/services/alpha/"))
            await asyncio.sleep(1)
        await page.close(run_before_unload=False)
        return elapsed
    finally:
        await context.close()


_CONFIG = re.compile(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S)


def protocol_visit(hub: Hub, cookies: list[dict[str, object]], team: str, abandon: bool,
                   app: str = "checkin") -> float:
    """One visit as Voila's front end makes it, without drawing it: the page, then the kernel's
    websocket, the widgets' control comm and every widget's state (request_states). Timed to the
    states' arrival: what a browser needs to show the app. Leaving, it asks Voila to shut the kernel down
    (its beacon), or abandons the kernel for the culler."""
    session = requests.Session()
    for c in cookies:
        session.cookies.set(str(c["name"]), str(c["value"]), domain=str(c["domain"]), path=str(c["path"]))
    start = time.perf_counter()
    page = session.get(hub.url(f"/services/alpha/voila/render/{app}.ipynb?team={team.replace(' ', '%20')}"),
                       timeout=120)
    page.raise_for_status()
    config = json.loads(_CONFIG.search(page.text).group(1))  # type: ignore[union-attr]
    kernel, base = config["kernelId"], config.get("baseUrl", "/services/alpha/")
    url = hub.base.replace("http", "ws", 1) + f"{base}api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}"
    cookie = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    with websockets.sync.client.connect(url, additional_headers={"Cookie": cookie, "Origin": hub.base},
                                        open_timeout=120, max_size=None) as ws:
        sender = uuid.uuid4().hex

        def send(msg_type: str, content: dict[str, object], metadata: dict[str, object] | None = None) -> None:
            ws.send(json.dumps({"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "",
                                           "session": sender, "date": dt.datetime.now(dt.UTC).isoformat(),
                                           "version": "5.3"},
                                "parent_header": {}, "metadata": metadata or {}, "channel": "shell",
                                "content": content}))

        def receive(until: object) -> dict[str, Any]:
            while True:
                message = json.loads(ws.recv(timeout=120))
                if until(message):  # type: ignore[operator]
                    return message  # type: ignore[no-any-return]

        # ipywidgets 8's manager opens the control comm and asks for every widget's state at once.
        control = uuid.uuid4().hex
        send("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
             {"version": "1.0.0"})  # the control protocol's version, as the front end sends it
        send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        receive(lambda m: m.get("msg_type") == "comm_msg" and m["content"].get("comm_id") == control
                and m["content"].get("data", {}).get("method") == "update_states")
        elapsed = time.perf_counter() - start
        time.sleep(5)  # the visitor reads the form
    if not abandon:  # leaving: Voila's beacon shuts the kernel down
        xsrf = next((c.value for c in session.cookies if c.name == "_xsrf" and base.startswith(c.path or "/")
                     and c.path != "/hub/"), "")
        session.post(hub.url(f"{base.rstrip('/')}/voila/api/shutdown/{kernel}"), headers={"X-XSRFToken": xsrf},
                     data={"_xsrf": xsrf}, timeout=60)
    return elapsed


async def run(hub: Hub, visits: int, within: float, open_pages: int, clients: str) -> dict[str, object]:
    jar = [cookies_of(hub, user) for user in USERS]
    async with contextlib.AsyncExitStack() as stack:
        if clients == "chromium":
            from playwright.async_api import async_playwright

            playwright = await stack.enter_async_context(async_playwright())
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            stack.push_async_callback(browser.close)

            def one_visit_of(cookies: list[dict[str, object]], team: str, abandon: bool,
                             app: str = "checkin") -> Any:
                return one_visit(browser, hub, cookies, team, abandon, app)
        else:  # threads, one per open visit: the default executor has only cores + 4
            pool_of_visitors = stack.enter_context(concurrent.futures.ThreadPoolExecutor(max_workers=open_pages))

            def one_visit_of(cookies: list[dict[str, object]], team: str, abandon: bool,
                             app: str = "checkin") -> Any:
                return asyncio.get_running_loop().run_in_executor(
                    pool_of_visitors, protocol_visit, hub, cookies, team, abandon, app)
        await one_visit_of(jar[0], TEAMS[0], abandon=False)  # warm the browser's cache
        wait_for_kernels(hub, pool)
        single = []
        with CpuSampler() as alone:  # what one visit costs when nothing else runs (with the kernel it uses up)
            for i in range(SINGLE_VISITS):
                single.append(await one_visit_of(jar[i], TEAMS[i], abandon=False))
                wait_for_kernels(hub, pool)
        with CpuSampler() as floor:  # the same for Voila's page of one button (benchmarks/apps_common.py)
            for i in range(SINGLE_VISITS):
                await one_visit_of(jar[i], TEAMS[i], abandon=False, app="bare")
                wait_for_kernels(hub, pool)
        gate = asyncio.Semaphore(open_pages)
        times: list[float] = []
        failures: list[str] = []
        arrivals: list[float] = []
        sampler = CpuSampler()
        t0 = time.monotonic()

        async def visitor(i: int) -> None:
            await asyncio.sleep(i * within / visits)
            arrivals.append(time.monotonic() - t0)  # the visitor arrives on time; the page may wait for the gate
            async with gate:
                try:
                    times.append(await one_visit_of(jar[i % len(jar)], TEAMS[i % len(TEAMS)],
                                                    abandon=i % 5 == 4))
                except Exception as error:  # a visit not served is the figure, not a crash
                    failures.append(f"{error.__class__.__name__}: {str(error)[:120]}")

        with sampler:
            await asyncio.gather(*(visitor(i) for i in range(visits)))
            elapsed = time.monotonic() - t0
    return {"single": single, "times": times, "failures": failures, "arrivals": arrivals,
            "elapsed": elapsed, "cpu": sampler, "alone": alone, "floor": floor}


def main() -> int:
    global pool
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100)
    parser.add_argument("--within", type=float, default=120.0, help="seconds over which the visits arrive")
    parser.add_argument("--pool-size", type=int, default=4, help="preheated kernels per app")
    parser.add_argument("--open", type=int, default=30, help="at most this many pages open at once (memory bound)")
    parser.add_argument("--clients", choices=("protocol", "chromium"), default="protocol",
                        help="visitors that speak Voila's protocol (default), or Chromium on this machine too")
    parser.add_argument("--fork-kernels", action=argparse.BooleanOptionalAction, default=True,
                        help="fork each app kernel from a warm process (okrkit.forkserver; the default)")
    args = parser.parse_args()
    pool = 4 * args.pool_size  # three apps and the bare page
    with tempfile.TemporaryDirectory(prefix="okrkit-hub-load-") as tmp:
        firm = make_firm(Path(tmp), args.pool_size, fork_kernels=args.fork_kernels)
        hub = start_hub(firm, Path(tmp) / "hub.log", None, pools=4)
        try:
            wait_for_kernels(hub, pool)
            result = asyncio.run(run(hub, args.visits, args.within, args.open, args.clients))
            after_load = app_kernels(hub)
            deadline = time.monotonic() + CULL_SECONDS * 3
            while app_kernels(hub) > pool and time.monotonic() < deadline:
                time.sleep(2)
            after_cull = app_kernels(hub)
            culled = Path(hub.log).read_text(errors="replace").count("Culling kernel")
        finally:
            stop_hub(hub)
    times, single = sorted(result["times"]), statistics.median(result["single"])  # type: ignore[arg-type]
    # Over every visit: one not served counts as slower than any served (else p95 flatters an overload).
    every = times + [float("inf")] * (args.visits - len(times))
    p95 = _p95(every)
    served = len(times)
    print(f"visits: {args.visits} arriving over {max(result['arrivals'], default=0):.0f} s "  # type: ignore[arg-type]
          f"(at most {args.open} open, pool {args.pool_size} per app, kernels "
          f"{'forked' if args.fork_kernels else 'started anew'}); all done after {result['elapsed']:.0f} s")
    failures = result["failures"]
    print(f"served: {served} of {args.visits}" + (f"; failures: {failures[:3]}" if failures else ""))
    print(f"single visit (median of {SINGLE_VISITS}): {single:.2f} s")
    print(f"under load: median {statistics.median(every):.2f} s, p95 {p95:.2f} s  ->  p95 = {p95 / single:.2f}x "
          f"the single visit (target <= {TARGET:.0f}x) {'ok' if p95 / single <= TARGET else 'OVER'}"
          + (f"; of the served alone: median {statistics.median(times):.2f} s, p95 "
             f"{_p95(times):.2f} s" if times and len(times) < args.visits else ""))
    print(f"app kernels: {pool} preheated; {after_load} after the load; {after_cull} after culling "
          f"({culled} culled by Voila after {CULL_SECONDS} s idle) {'ok' if after_cull <= pool else 'NOT CULLED'}")
    sampler: CpuSampler = result["cpu"]  # type: ignore[assignment]
    load = psutil.getloadavg()
    print(f"CPU while the visits ran ({sampler.seconds:.0f} s, {psutil.cpu_count()} cores = "
          f"{sampler.seconds * psutil.cpu_count():.0f} CPU-s; load average now {load[0]:.1f} {load[1]:.1f}): "
          f"{sampler.machine:.0f} CPU-s busy")
    for part, cpu in sorted(sampler.by_part().items(), key=lambda item: -item[1]):
        print(f"  {part:32} {cpu:7.1f} CPU-s  {cpu / args.visits:5.2f} per visit")
    kernels = kernel_cpu(sampler)
    if kernels:
        print(f"  app kernels started during the load: {len(kernels)}, each {statistics.median(kernels):.2f} CPU-s "
              f"(median; start, imports, the app, its visit)")
    budget(result["alone"], args.visits, args.within, "one check-in visit alone")  # type: ignore[arg-type]
    budget(result["floor"], args.visits, args.within, "Voila's page of one button alone")  # type: ignore[arg-type]
    return 0 if served == args.visits else 1


SERVER = ("app kernels", "fork server", "Voila (engagement)", "proxy", "hub")
CLIENT = ("Chromium", "benchmark (the visitors)")


def _p95(ordered: list[float]) -> float:
    """The 95th percentile of sorted times (the nearest rank)."""
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def budget(alone: CpuSampler, visits: int, within: float, what: str) -> None:
    """Whether the machine can do the visits at all: a visit's CPU alone, times the visits, against the cores."""
    parts = alone.by_part()
    server, client = (sum(parts.get(p, 0.0) for p in group) / SINGLE_VISITS for group in (SERVER, CLIENT))
    cores = psutil.cpu_count() or 1
    need, have = visits * (server + client), cores * within
    print(f"{what} (the CPU of {SINGLE_VISITS} visits over {SINGLE_VISITS}, each with the kernel Voila starts "
          f"in its place): "
          f"server {server:.2f} CPU-s (kernels, fork server, Voila, proxy, hub), visitors {client:.2f} CPU-s "
          f"(Chromium and Playwright, or the protocol clients)")
    print(f"  {visits} visits at that cost need {need:.0f} CPU-s; {cores} cores give {have:.0f} CPU-s in "
          f"{within:.0f} s ({need / have:.0%} busy before anything else runs; "
          f"the server alone {visits * server / have:.0%})")


pool = 0

if __name__ == "__main__":
    sys.exit(main())
