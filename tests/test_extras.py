"""A missing optional dependency is one line naming the extra, raised before anything is written."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from okrkit.cli import main
from okrkit.errors import MissingExtraError, OkrkitError
from okrkit.extras import EXTRAS, require

ROOT = Path(__file__).resolve().parents[1]


def _absent(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make `import module` fail as it does where the module is not installed."""
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)


def test_extras_are_the_ones_pyproject_declares() -> None:
    """EXTRAS names each user-facing extra of pyproject.toml (test is for developers)."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert set(EXTRAS) == set(declared) - {"test"}


def test_require_returns_the_module() -> None:
    assert require("json", "apps") is sys.modules["json"]


def test_a_missing_module_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    _absent(monkeypatch, "papermill")
    with pytest.raises(MissingExtraError) as caught:
        require("papermill", "reports")
    assert str(caught.value) == ("this needs papermill, which comes with okrkit's 'reports' extra: "
                                 "pip install 'okrkit[reports]'")
    assert isinstance(caught.value, OkrkitError) and caught.value.extra == "reports"


def test_new_without_papermill_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """`okrkit new` used to write the store, then print papermill's traceback."""
    _absent(monkeypatch, "papermill")
    folder = tmp_path / "acme"
    assert main(["new", str(folder), "--client", "Acme", "--cycle", "2026-Q1"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("okrkit new: this needs papermill, which comes with okrkit's 'apps' extra: "
                           "pip install 'okrkit[apps]'")
    assert not folder.exists()


def test_pdf_without_playwright_fails_before_any_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """The PDF's missing extra is told before the notebook runs, and no report file is left."""
    from okrkit.reports import run
    from okrkit.testing import demo_folder

    folder = demo_folder(tmp_path)
    _absent(monkeypatch, "playwright", "playwright.sync_api")
    monkeypatch.setattr(run, "execute", lambda *a, **k: pytest.fail("the notebook ran before the check"))
    assert main(["report", str(folder), "--kind", "weekly", "--format", "pdf"]) == 2
    assert "pip install 'okrkit[reports]'" in capsys.readouterr().err
    assert not (folder / "reports").exists()


def test_serve_demo_without_voila_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _absent(monkeypatch, "voila", "voila.app")
    folder = tmp_path / "demo"
    assert main(["serve", "--demo", str(folder), "--token=t"]) == 2
    assert "pip install 'okrkit[apps]'" in capsys.readouterr().err
    assert not folder.exists()


def test_a_server_store_without_its_driver_names_the_postgres_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from okrkit.store.engine import make_engine

    _absent(monkeypatch, "psycopg")
    with pytest.raises(MissingExtraError, match=r"pip install 'okrkit\[postgres\]'"):
        make_engine("postgresql+psycopg://okrkit@localhost/okrkit")
