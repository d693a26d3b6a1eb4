"""okrkit as a user gets it: a wheel built from this checkout, installed outside it.

The slow tests build the wheel, install it (not editable) into a fresh venv in a temporary
folder and run the commands a coach runs first, from a folder that is not the checkout and
with no PYTHONPATH, so only what the wheel holds can answer. The venv sees this machine's
site-packages for okrkit's dependencies (installing jupyterlab, voila and altair afresh
would add minutes to every CI run); okrkit itself must come from the wheel, which the first
test checks.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
import venv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_folder_is_listed_for_the_wheel() -> None:
    """pyproject lists okrkit's packages by hand (for templates/): a new folder with an __init__.py must be in it."""
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])  # type: ignore[index]
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "okrkit").rglob("__init__.py")}
    assert found - listed == set()
    assert {"okrkit.templates", "okrkit.templates.reports"} <= listed


def test_templates_ship_from_the_top_level_folder() -> None:
    """The data package okrkit.templates is the repository's templates/, notebooks included."""
    setuptools = _pyproject()["tool"]["setuptools"]  # type: ignore[index]
    assert setuptools["package-dir"]["okrkit.templates"] == "templates"  # type: ignore[index]
    assert "*.ipynb" in setuptools["package-data"]["okrkit.templates.reports"]  # type: ignore[index]


@dataclass
class Installed:
    venv: Path
    work: Path  # a folder outside the checkout, the cwd of every command
    env: dict[str, str]

    def run(self, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.venv / "bin" / "okrkit"), *args], cwd=self.work, env=self.env,
                              capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    """The wheel of this checkout, installed into a new venv; built with the setuptools already here.

    As `python -m build` does by default: the sdist first, then the wheel from the unpacked sdist,
    so a stale build/ folder in the checkout cannot slip old modules into the wheel.
    """
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(base / "dist"), str(ROOT)],
                   check=True, capture_output=True, cwd=base)
    (wheel,) = (base / "dist").glob("okrkit-*.whl")
    assert list((base / "dist").glob("okrkit-*.tar.gz")), "the sdist"
    env_dir = base / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=False)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(env_dir / "bin" / "python"), "install", "-q",
                    "--no-deps", "--force-reinstall", "--disable-pip-version-check", str(wheel)],
                   check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "OKRKIT_DB_URL", "OKRKIT_TOKEN")}
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}"
    # The dependencies' data files (nbconvert's and Voila's page templates) sit under this
    # Python's prefix, not the venv's: point Jupyter there too, as their own install would.
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(Path(sys.prefix) / "share" / "jupyter"),
                                                        env.get("JUPYTER_PATH")]))
    work = base / "work"
    work.mkdir()
    yield Installed(env_dir, work, env)


@pytest.mark.slow
def test_the_wheel_holds_the_package_and_its_notebooks(installed: Installed) -> None:
    """`import okrkit` in the venv is the wheel's copy, with every template notebook beside it."""
    code = ("import okrkit, okrkit.resources as r; print(okrkit.__file__); "
            "print(sorted(p.name for p in r.templates_dir().glob('*.ipynb'))); "
            "print(sorted(p.name for p in r.report_templates_dir().glob('*.ipynb')))")
    out = subprocess.run([str(installed.venv / "bin" / "python"), "-c", code], cwd=installed.work, env=installed.env,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0].startswith(str(installed.venv)), out[0]
    assert eval(out[1]) == sorted(p.name for p in (ROOT / "templates").glob("*.ipynb"))
    assert eval(out[2]) == sorted(p.name for p in (ROOT / "templates" / "reports").glob("*.ipynb"))


@pytest.mark.slow
def test_new_then_reports_then_lint_from_the_wheel(installed: Installed) -> None:
    """A coach's first hour: a new engagement, its HTML and PDF reports, and the coach on its YAML."""
    made = installed.run("new", "acme", "--client", "Acme", "--cycle", "2026-Q1", "--teams", "Ops", "Sales")
    assert made.returncode == 0, made.stderr
    assert (installed.work / "acme" / "apps" / "checkin.ipynb").exists()
    assert (installed.work / "acme" / "coach-workbook.ipynb").exists()
    html = installed.run("report", "acme", "--kind", "weekly", "--as-of", "2026-02-13")
    assert html.returncode == 0, html.stderr
    page = Path(installed.work, html.stdout.strip()).read_text(encoding="utf-8")
    assert "Acme" in page and "Traceback" not in page
    pdf = installed.run("report", "acme", "--kind", "monthly", "--as-of", "2026-02-13", "--format", "pdf")
    assert pdf.returncode == 0, pdf.stderr
    assert Path(installed.work, pdf.stdout.strip()).read_bytes().startswith(b"%PDF")
    example = installed.work / "beginner-okrs.yaml"
    example.write_text((ROOT / "examples" / "beginner-okrs.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    linted = installed.run("lint", str(example), "--format", "json")
    assert linted.returncode in (0, 1), linted.stderr
    assert '"rule"' in linted.stdout


@pytest.mark.slow
def test_serve_demo_from_the_wheel_answers_with_the_token(installed: Installed) -> None:
    """`okrkit serve --demo`: the landing page answers a request carrying the token, and refuses one without."""
    sys.path.insert(0, str(ROOT / "tests" / "apps"))
    from apps_server import free_port

    port, token = free_port(), "-starts-with-a-dash"
    log = (installed.work / "serve.log").open("wb")
    process = subprocess.Popen([str(installed.venv / "bin" / "okrkit"), "serve", "--demo", "demo", f"--port={port}",
                                f"--token={token}", "--pool-size=0"], cwd=installed.work, env=installed.env,
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        page, deadline = None, time.monotonic() + 90
        while page is None and time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/?token={token}", timeout=5) as answer:
                    page = answer.read().decode()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        assert page is not None, (installed.work / "serve.log").read_text(errors="replace")[-3000:]
        assert "Banco Aurora" in page and "checkin.ipynb" in page
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/", timeout=5) as answer:
                anonymous = answer.read().decode()
        except urllib.error.HTTPError as refused:
            anonymous = str(refused.code)
        # okrkit's sign-in page names the engagement; what it must not show is any team's app.
        assert "checkin.ipynb" not in anonymous and "Discover Team" not in anonymous
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
