"""Peak memory of a kernel running one app, against a bare ipywidgets kernel.

    python tests/widgets/kernel_memory.py [--repeat 3]

Each case starts a fresh ipykernel (jupyter_client), runs the case's code as Voila would
(build the app, display it, use it), then reads the kernel's own peak RSS
(`resource.getrusage(...).ru_maxrss`). Prints MiB and the ratio to the bare kernel, median
of the repeats. Not a pytest test: it takes a minute.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import textwrap

from jupyter_client.manager import start_new_kernel

from okrkit.testing import demo_folder

PEAK = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"

CASES = {
    "bare ipywidgets button": "import ipywidgets as w; display(w.Button(description='Hello'))",
    "naive: pandas+altair+sqlalchemy+pydantic": (
        "import ipywidgets as w, pandas, altair, sqlalchemy, pydantic; display(w.Button(description='Hello'))"),
    "CheckInApp (+ save)": """
        import datetime as dt
        from okrkit.widgets import CheckInApp
        app = CheckInApp(FOLDER, team="Discover Team", today=dt.date(2026, 3, 30)); display(app)
        app.confidence.value = 8; app.value_fields["DT-1.1"].value = "90"; app.save_button.click()
        assert "Saved" in app.result.value""",
    "RetroApp (+ save)": """
        import datetime as dt
        from okrkit.widgets import RetroApp
        app = RetroApp(FOLDER, team="Discover Team", today=dt.date(2026, 2, 13)); display(app)
        app.item_inputs["attractors"].value = "Weekly GRIP"; app._on_add_item("attractors"); app.save_button.click()
        assert "Saved" in app.result.value""",
    "Drafter (+ live review)": """
        from okrkit.widgets import Drafter
        app = Drafter(FOLDER, team="Discover Team"); display(app)
        app.fields["o0.k1.title"].value = "Launch the new tutorial"; app.flush()""",
    "DashboardApp (charts)": """
        import datetime as dt
        from okrkit.widgets import DashboardApp
        app = DashboardApp(FOLDER, today=dt.date(2026, 2, 20)); display(app)
        await app._chart_task  # the charts are drawn by a child process; wait until they are shown
        assert app.charts.value.count("<svg") == 3, app.charts.value[:300]""",
}


def peak_kib(code: str) -> int:
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        reply = kc.execute_interactive(code, timeout=180, output_hook=lambda _msg: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}")
        out: list[str] = []
        kc.execute_interactive(PEAK, timeout=60, output_hook=lambda m: out.append(m["content"].get("text", "")))
        return int("".join(out).strip())
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = demo_folder(tempfile.mkdtemp())
    results: dict[str, float] = {}
    for name, code in CASES.items():
        code = f"FOLDER = {str(folder)!r}\n" + textwrap.dedent(code)
        results[name] = statistics.median(peak_kib(code) for _ in range(args.repeat)) / 1024
    bare = results["bare ipywidgets button"]
    for name, mib in results.items():
        print(f"{name:<44} {mib:7.1f} MiB  {mib / bare:4.2f}× bare")


if __name__ == "__main__":
    main()
