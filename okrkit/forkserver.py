"""The apps' kernels forked from a warm process instead of each starting Python from scratch.

Every visit of an app takes a kernel, and Voila's preheated pool starts a new one at once.
A fresh `python -m ipykernel_launcher` spends most of its CPU importing: Python itself,
ipykernel and ipywidgets (~0.35 CPU-s), the apps and their store, pydantic and SQLAlchemy
(~0.25 CPU-s), before the app's own first line (measured by benchmarks/hub_load.py: an app
kernel used 0.83 CPU-s in all). Under a hub's load that is most of the server's work.

So Voila's kernels are started by a fork server: one process per Voila that imports those
modules once (`PRELOAD`) and then forks a child for each kernel, which runs
`ipykernel_launcher` exactly as the command line would have, with the environment, working
folder and connection file Voila gives it. What a visitor gets is unchanged:

- each kernel is still its own process, in its own session and process group, with its
  own environment (replaced whole by Voila's, so the visit's request is its own);
- the fork server holds imported modules and nothing else: it never runs an app, opens a
  store, or sees a request, so no visitor's state can reach another through it;
- the fork server exits when its Voila does (the request socket closes), and its kernels,
  whose parent it is, then stop too (ipykernel's parent poller), as they did before;
- what the preloaded modules read from the environment at import is the fork server's
  (Voila's own environment): of the per-kernel variables only ipykernel's JPY_PARENT_PID
  is read at import, and the kernel is given its parent on its command line instead.

Like any preforking server, the children share the parent's hash seed and memory layout.
A kernel command that is not this Python's `-m ipykernel_launcher` (another kernelspec) is
started the usual way, and so is every kernel if the fork server cannot start.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import gc
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from typing import Any

__all__ = ["PRELOAD", "ForkedKernel", "main"]  # and ForkingKernelManager, built on first use (below)

# What every app kernel imports before its first line (the app notebooks' import cells).
PRELOAD = ("ipykernel.kernelapp", "ipywidgets", "websockets", "okrkit.store", "okrkit.widgets.checkin",
           "okrkit.widgets.retro", "okrkit.widgets.dashboard")
READY_TIMEOUT = 60.0
_MAX_MESSAGE = 1 << 20  # a kernel's environment, as JSON: far below this


# --- the fork server (its own process) ----------------------------------------------------


def _send(sock: socket.socket, message: dict[str, Any]) -> None:
    sock.sendall(json.dumps(message).encode() + b"\n")


def _receive(stream: Any) -> dict[str, Any] | None:
    line = stream.readline(_MAX_MESSAGE)
    return json.loads(line) if line else None


def _reap(*_: Any) -> None:
    """Collect every kernel that ended, so none lingers as a zombie."""
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _run_kernel(sock: socket.socket, stream: Any, request: dict[str, Any]) -> None:
    """In the forked child: become `python -m ipykernel_launcher ARGS` with Voila's environment."""
    import runpy

    with contextlib.suppress(ImportError):  # ps, top and okrkit's benchmarks then see a kernel, not a fork server
        import setproctitle  # before the environment is replaced: it needs the original one in place

        setproctitle.setproctitle(" ".join([sys.executable, "-m", "ipykernel_launcher", *request["args"]]))
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    stream.close()  # the kernel keeps nothing of the fork server's channel to Voila
    sock.close()
    os.setsid()  # its own session and process group, as jupyter_client starts kernels
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    if sys.path and sys.path[0] == os.getcwd():
        sys.path[0] = request["cwd"]  # `python -m` puts the working folder first: the kernel's own
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    # ipykernel read JPY_PARENT_PID when the fork server imported it, before any Voila had set it:
    # name the parent here, so the kernel still stops when its parent (this fork server) goes.
    sys.argv = ["ipykernel_launcher", *request["args"], f"--IPKernelApp.parent_handle={os.getppid()}"]
    if "ipywidgets" in sys.modules:
        # ipywidgets registers its comm targets at import, but only inside a running kernel: imported
        # here before any kernel existed, it registered nothing. Without them the page's widget
        # manager cannot open its control comm and falls back to a slower path that, under load,
        # left a large dashboard waiting for ever. Loading it as an extension registers them.
        sys.argv.append("--IPKernelApp.extensions=ipywidgets")
    code = 0
    try:
        runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BaseException:  # a kernel that fails to start says why, as it would alone
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # never return into the fork server's loop


def main(argv: list[str] | None = None) -> int:
    """`python -m okrkit.forkserver FD`: import PRELOAD, then fork a kernel for each request on socket FD."""
    import importlib

    fd = int((argv if argv is not None else sys.argv[1:])[0])
    sock = socket.socket(fileno=fd)
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception as error:  # a kernel imports it again, and shows the error there
            print(f"okrkit fork server: {name} not preloaded ({error.__class__.__name__}: {error})", file=sys.stderr)
    gc.collect()
    gc.freeze()  # the children then share these pages instead of copying them at their first collection
    signal.signal(signal.SIGCHLD, _reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in okrkit serve's terminal stops Voila, which stops us
    stream = sock.makefile("rb")
    _send(sock, {"ready": os.getpid()})
    while True:
        try:
            request = _receive(stream)
        except (OSError, ValueError):
            request = None
        if request is None:
            return 0  # Voila has gone: so do we (and, through their parent poller, the kernels)
        pid = os.fork()
        if pid == 0:
            _run_kernel(sock, stream, request)
        _send(sock, {"pid": pid})


# --- in Voila: the client, the provisioner, the kernel manager ------------------------------


class _ForkServer:
    """The Voila process's one fork server, started on first use and again if it ended."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._sock: socket.socket | None = None
        self._stream: Any = None
        self.failed = False

    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        try:
            self._process = subprocess.Popen([sys.executable, "-m", "okrkit.forkserver", str(theirs.fileno())],
                                             pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL)
        finally:
            theirs.close()
        ours.settimeout(READY_TIMEOUT)
        self._sock, self._stream = ours, ours.makefile("rb")
        atexit.register(self._close)  # Voila stopping: the fork server sees its socket close and exits
        if not (_receive(self._stream) or {}).get("ready"):
            raise OSError("the fork server did not start")
        ours.settimeout(30)

    def _close(self) -> None:
        if self._sock is not None:
            self._sock.close()
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = self._sock = self._stream = None

    def fork(self, args: list[str], env: dict[str, str], cwd: str) -> int:
        """A new kernel process running `ipykernel_launcher ARGS`; its pid."""
        with self._lock:
            for attempt in (1, 2):
                try:
                    if self._process is None or self._process.poll() is not None:
                        self._close()
                        self._start()
                    assert self._sock is not None
                    _send(self._sock, {"args": args, "env": env, "cwd": cwd})
                    reply = _receive(self._stream)
                    if reply and "pid" in reply:
                        return int(reply["pid"])
                    raise OSError("the fork server gave no kernel")
                except (OSError, ValueError):
                    self._close()
                    if attempt == 2:
                        self.failed = True  # from now on this Voila starts kernels the usual way
                        raise
        raise AssertionError("unreachable")


_SERVER = _ForkServer()


class ForkedKernel:
    """A forked kernel as jupyter_client's LocalProvisioner expects its process (a Popen's few methods).

    It is the fork server's child, not ours: its end is seen through a pidfd (Linux), else
    by signal 0 (the fork server reaps its children at once, so no zombie answers for it).
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._pidfd: int | None = None
        with contextlib.suppress(AttributeError, OSError):
            self._pidfd = os.pidfd_open(pid)

    def poll(self) -> int | None:
        if self.returncode is None:
            if self._pidfd is not None:
                ended = bool(select.select([self._pidfd], [], [], 0)[0])
            else:
                try:
                    os.kill(self.pid, 0)
                    ended = False
                except ProcessLookupError:
                    ended = True
            if ended:
                self.returncode = 0  # its status went to the fork server; ended is what matters here
                if self._pidfd is not None:
                    os.close(self._pidfd)
                    self._pidfd = None
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.05)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def _forkable(cmd: list[str]) -> bool:
    """This Python's own `-m ipykernel_launcher` (the default python3 kernelspec), nothing else."""
    if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return False
    return cmd[0] in ("python", "python3") or os.path.realpath(cmd[0]) == os.path.realpath(sys.executable)


def _provisioner_class() -> type:
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    class ForkProvisioner(LocalProvisioner):  # type: ignore[misc]
        """LocalProvisioner, with the kernel forked from the fork server when it can be."""

        async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
            if _SERVER.failed or not _forkable(cmd):
                return await super().launch_kernel(cmd, **kwargs)
            env = {k: str(v) for k, v in (kwargs.get("env") or os.environ).items()}
            cwd = str(kwargs.get("cwd") or os.getcwd())
            try:
                pid = await asyncio.to_thread(_SERVER.fork, cmd[3:], env, cwd)
            except OSError as error:
                self.log.warning("okrkit: kernels start without the fork server from now on (%s)", error)
                return await super().launch_kernel(cmd, **kwargs)
            self.process = ForkedKernel(pid)  # type: ignore[assignment]  # as much of a Popen as LocalProvisioner uses
            self.pid = self.pgid = pid  # setsid in the child: its pid is its process group
            self.cwd = cwd
            return self.connection_info

    return ForkProvisioner


def _kernel_manager_class() -> type:
    from jupyter_server.services.kernels.kernelmanager import ServerKernelManager

    provisioner = _provisioner_class()

    class ForkingKernelManager(ServerKernelManager):  # type: ignore[misc]
        """Jupyter server's kernel manager, its kernels started through ForkProvisioner.

        Voila's option: --MappingKernelManager.kernel_manager_class=okrkit.forkserver.ForkingKernelManager
        """

        async def _async_pre_start_kernel(self, **kw: Any) -> Any:
            spec = self.kernel_spec
            if self.provisioner is None and spec is not None and not (spec.metadata or {}).get("kernel_provisioner"):
                import uuid

                self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or str(uuid.uuid4())
                self.provisioner = provisioner(kernel_id=self.kernel_id, kernel_spec=spec, parent=self)
            return await super()._async_pre_start_kernel(**kw)

    return ForkingKernelManager


def __getattr__(name: str) -> Any:
    # Built on first use, in Voila: the fork server itself must not import jupyter_server,
    # or every kernel forked from it would carry it.
    if name in ("ForkingKernelManager", "ForkProvisioner"):
        value = _kernel_manager_class() if name == "ForkingKernelManager" else _provisioner_class()
        globals()[name] = value
        return value
    raise AttributeError(f"module 'okrkit.forkserver' has no attribute {name!r}")


if __name__ == "__main__":
    sys.exit(main())
