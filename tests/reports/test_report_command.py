"""`okrkit report` arguments, output paths, engagement discovery and kernel retries (no kernel started)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import zmq

from okrkit.cli import main
from okrkit.reports import run
from okrkit.reports.batch import find_engagements
from okrkit.reports.kinds import get_kind


def test_folder_and_all_together_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Either one engagement folder or --all, and the error is one line."""
    assert main(["report", str(tmp_path), "--all", str(tmp_path), "--kind", "weekly"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--all" in err


def test_missing_engagement_fails_before_any_kernel(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder without a store is a one-line error, and no notebook is run."""
    monkeypatch.setattr(run, "execute", lambda *a, **k: pytest.fail("a kernel was started"))
    assert main(["report", str(tmp_path / "nothing"), "--kind", "weekly"]) == 2
    assert "no engagement here" in capsys.readouterr().err


def test_all_with_no_engagement_below_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--all on a folder holding no engagement says so."""
    assert main(["report", "--all", str(tmp_path), "--kind", "weekly"]) == 2
    assert "no engagement folder" in capsys.readouterr().err


def test_find_engagements_walks_below_and_skips_hidden_folders(tmp_path: Path) -> None:
    """Every folder holding okrkit.db is found, at any depth, except under hidden folders."""
    for name in ("a", "b/c", ".trash/d"):
        (tmp_path / name).mkdir(parents=True)
        (tmp_path / name / "okrkit.db").touch()
    assert find_engagements(tmp_path) == [tmp_path / "a", tmp_path / "b/c"]


def test_default_output_is_the_engagements_reports_folder(tmp_path: Path) -> None:
    """Without --out, the report goes to DIR/reports/KIND-DATE.FORMAT."""
    request = run.ReportRequest(tmp_path, "weekly", fmt="pdf")
    assert run._output_path(request, dt.date(2026, 2, 20)) == tmp_path / "reports" / "weekly-2026-02-20.pdf"


def test_out_must_match_the_format(tmp_path: Path) -> None:
    """--out report.html with --format pdf is refused."""
    request = run.ReportRequest(tmp_path, "weekly", fmt="pdf", out=tmp_path / "report.html")
    with pytest.raises(run.InputError, match=r"\.pdf"):
        run._output_path(request, dt.date(2026, 2, 20))


def test_kernel_start_failures_are_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    """ZMQError and start time-outs (papermill#511, #239) are tried again, then succeed."""
    import papermill

    calls: list[int] = []

    def flaky(*args: object, **kwargs: object) -> str:
        calls.append(1)
        if len(calls) == 1:
            raise zmq.ZMQError(98, "Address already in use")
        if len(calls) == 2:
            raise RuntimeError("Kernel didn't respond in 60 seconds")
        return "notebook"

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    assert run.execute(get_kind("weekly"), {}, sleep=lambda s: None) == "notebook"
    assert len(calls) == 3


def test_kernel_that_never_starts_is_a_report_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """After the last attempt, a start failure becomes a one-line ReportError."""
    import papermill

    def broken(*args: object, **kwargs: object) -> None:
        raise zmq.ZMQError(98, "Address already in use")

    monkeypatch.setattr(papermill, "execute_notebook", broken)
    with pytest.raises(run.ReportError, match="after 3 attempts"):
        run.execute(get_kind("weekly"), {}, sleep=lambda s: None)


def test_a_failing_cell_is_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    """An error in the notebook is reported at once, with its cell and message."""
    import papermill

    calls: list[int] = []

    def failing(*args: object, **kwargs: object) -> None:
        calls.append(1)
        raise papermill.PapermillExecutionError(3, 1, "show(x)", "StoreError", "the store is locked", [])

    monkeypatch.setattr(papermill, "execute_notebook", failing)
    with pytest.raises(run.ReportError, match="cell 3: StoreError: the store is locked"):
        run.execute(get_kind("weekly"), {}, sleep=lambda s: None)
    assert len(calls) == 1


def test_every_kind_has_its_template_with_a_parameters_cell() -> None:
    """Each kind's notebook exists, has a cell tagged parameters with the four parameters, and no outputs."""
    import nbformat

    from okrkit.reports.kinds import KINDS

    for kind in KINDS.values():
        nb = nbformat.read(get_kind(kind.name).template, as_version=4)
        params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1
        for name in ("engagement_dir", "db_url", "as_of", "kind"):
            assert f"{name} = " in params[0].source
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_an_unknown_cycle_fails_before_any_kernel(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from okrkit.testing import demo_folder

    folder = demo_folder(tmp_path)
    monkeypatch.setattr(run, "execute", lambda *a, **k: pytest.fail("a kernel was started"))
    assert main(["report", str(folder), "--kind", "cycle", "--cycle", "1999-Q1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no cycle is named '1999-Q1'; the cycles are 2025-Q4, 2026-Q1" in err
    assert main(["report", "--all", str(tmp_path), "--kind", "cycle", "--cycle", "2025-Q4"]) == 2
    assert "--cycle is for one engagement" in capsys.readouterr().err


def test_a_past_cycles_report_is_named_after_its_cycle() -> None:
    request = run.ReportRequest(Path("eng"), "cycle", None, "html", None, None, cycle="2025-Q4")
    assert run._output_path(request, dt.date(2025, 12, 19)).name == "cycle-2025-Q4-2025-12-19.html"


def test_every_kind_names_its_sections_and_its_notebook_shows_each() -> None:
    """A kind's module lists its sections (the tests render them); its notebook shows every one of them."""
    import nbformat

    from okrkit.reports.kinds import KINDS

    for kind in KINDS.values():
        module = kind.sections()
        assert module.SECTIONS and all(callable(getattr(module, name)) for name in module.SECTIONS), kind.name
        source = "".join(c.source for c in nbformat.read(kind.template, as_version=4).cells if c.cell_type == "code")
        short = module.__name__.rsplit(".", 1)[1]
        for name in module.SECTIONS:
            assert f"{short}.{name}(ctx)" in source, (kind.name, name)
