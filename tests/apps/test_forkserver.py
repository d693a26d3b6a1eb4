"""okrkit.forkserver: the apps' kernels forked from a warm process, each still a kernel of its own.

The slow tests start real kernels through Jupyter server's kernel manager, as Voila does.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import psutil
import pytest

from okrkit.forkserver import _forkable
from okrkit.serve import ServeOptions, voila_argv

MANAGER = "okrkit.forkserver.ForkingKernelManager"


def test_voila_forks_the_apps_kernels_unless_told_not_to() -> None:
    """Kernels are forked from a warm process by default; --no-fork-kernels starts each as a new Python."""
    option = f"--MappingKernelManager.kernel_manager_class={MANAGER}"
    assert option in voila_argv(ServeOptions(folder=Path("/srv/acme")))
    assert option not in voila_argv(ServeOptions(folder=Path("/srv/acme"), fork_kernels=False))



def test_serve_and_the_hub_service_fork_unless_told_not_to() -> None:
    """`okrkit serve` and each engagement's hub service fork by default and take --no-fork-kernels."""
    from okrkit.cli import _parser
    from okrkit.hub.config import services
    from okrkit.hub.roster import Engagement, Roster

    assert _parser().parse_args(["serve", "x"]).fork_kernels is True
    assert _parser().parse_args(["serve", "x", "--no-fork-kernels"]).fork_kernels is False
    roster = Roster(folder=Path("/srv/firm"), engagements={"alpha": Engagement("alpha", "Acme")})
    assert "--no-fork-kernels" not in services(roster)[0]["command"]
    assert "--no-fork-kernels" in services(roster, fork_kernels=False)[0]["command"]


def test_only_this_pythons_ipykernel_is_forked() -> None:
    """Another kernelspec's command (another Python, another language) is started the usual way."""
    assert _forkable([sys.executable, "-m", "ipykernel_launcher", "-f", "k.json"])
    assert _forkable(["python3", "-m", "ipykernel_launcher", "-f", "k.json"])
    assert not _forkable(["/opt/other/bin/python3", "-m", "ipykernel_launcher", "-f", "k.json"])
    assert not _forkable([sys.executable, "-m", "other_kernel", "-f", "k.json"])
    assert not _forkable(["R", "--slave", "-e", "IRkernel::main()", "--args", "k.json"])


async def _run(km: Any, kernel_id: str, code: str) -> str:
    client = km.get_kernel(kernel_id).client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        out: list[str] = []
        reply = await client.execute_interactive(
            code, timeout=60, output_hook=lambda m: out.append(m["content"].get("text", "")))
        assert reply["content"]["status"] == "ok", reply["content"]
        return "".join(out).strip()
    finally:
        client.stop_channels()


def _manager(tmp_path: Path) -> Any:
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    (tmp_path / "conn").mkdir(exist_ok=True)
    return AsyncMappingKernelManager(kernel_manager_class=MANAGER, connection_dir=str(tmp_path / "conn"),
                                     root_dir=str(tmp_path))


def _fork_server() -> psutil.Process:
    found = []
    for process in psutil.Process().children():
        try:
            if process.status() != psutil.STATUS_ZOMBIE and "okrkit.forkserver" in " ".join(process.cmdline()):
                found.append(process)
        except psutil.Error:
            pass
    assert len(found) == 1, found
    return found[0]


@pytest.mark.slow
def test_each_forked_kernel_has_its_own_process_environment_and_state(tmp_path: Path) -> None:
    """Two visits' kernels: own pid and session, the environment and folder Voila gave each, no shared globals."""
    (tmp_path / "apps").mkdir()

    async def scenario() -> list[str]:
        km = _manager(tmp_path)
        try:
            ids = [await km.start_kernel(kernel_name="python3", path="apps",
                                         env={**os.environ, "QUERY_STRING": f"team=Team {n}"}) for n in (1, 2)]
            probe = ("import os, sys; print(os.getpid(), os.getpgid(0), os.getppid(), os.environ['QUERY_STRING'], "
                     "os.getcwd(), 'okrkit.widgets.checkin' in sys.modules, 'jupyter_server' in sys.modules, "
                     "globals().get('secret'), sep='|')")
            first = await _run(km, ids[0], "secret = 'team 1 typed this'; " + probe)
            second = await _run(km, ids[1], probe)
            return [first, second, str(_fork_server().pid)]
        finally:
            await km.shutdown_all()

    first, second, server = asyncio.run(scenario())
    seen = [line.split("|") for line in (first, second)]
    teams = ("Team 1", "Team 2")
    for (pid, pgid, ppid, query, cwd, preloaded, server_modules, _), team in zip(seen, teams, strict=True):
        assert pid == pgid, "its own session and process group"
        assert ppid == server, "forked from the fork server"
        assert query == f"team={team}"
        assert cwd == str(tmp_path / "apps")
        assert (preloaded, server_modules) == ("True", "False"), "the apps are imported, Voila's server is not"
    assert seen[0][0] != seen[1][0]
    assert (seen[0][-1], seen[1][-1]) == ("team 1 typed this", "None"), "no state crosses kernels"


@pytest.mark.slow
def test_kernels_stop_when_the_fork_server_goes_and_come_back(tmp_path: Path) -> None:
    """Killing the fork server ends its kernels (their parent is gone); the next kernel starts a new one."""

    async def scenario() -> tuple[bool, str]:
        km = _manager(tmp_path)
        try:
            kernel_id = await km.start_kernel(kernel_name="python3", path="")
            kernel = km.get_kernel(kernel_id)
            await _run(km, kernel_id, "pass")
            kernel.stop_restarter()  # see it die, not come back
            _fork_server().send_signal(signal.SIGKILL)
            deadline = time.monotonic() + 20
            while await kernel.is_alive() and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            died = not await kernel.is_alive()
            again = await km.start_kernel(kernel_name="python3", path="")
            return died, await _run(km, again, "print('up')")
        finally:
            await km.shutdown_all()

    died, answer = asyncio.run(scenario())
    assert died
    assert answer == "up"


@pytest.mark.slow
def test_a_forked_kernel_answers_the_widget_comms_as_a_kernel_started_anew(tmp_path: Path) -> None:
    """ipywidgets, preloaded before any kernel existed, still has its comm targets in a forked kernel:
    without "jupyter.widget.control" the page's widget manager falls back to a path that can stall."""
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    probe = ("import ipywidgets; from ipywidgets.comm import get_comm_manager; "
             "print(sorted(t for t in get_comm_manager().targets if t.startswith('jupyter.widget')))")

    async def targets(manager: Any) -> str:
        try:
            kernel_id = await manager.start_kernel(kernel_name="python3", path="")
            return await _run(manager, kernel_id, probe)
        finally:
            await manager.shutdown_all()

    (tmp_path / "anew").mkdir()
    forked = asyncio.run(targets(_manager(tmp_path)))
    plain = AsyncMappingKernelManager(connection_dir=str(tmp_path / "anew"), root_dir=str(tmp_path))
    anew = asyncio.run(targets(plain))
    assert forked == anew == "['jupyter.widget', 'jupyter.widget.control']"
