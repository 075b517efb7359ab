"""Start a local server for a test (JupyterLab, Voila) on a free loopback port, and stop it."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from aicourse.hub import unreachable_for_others

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing is listening on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(
    cmd: Sequence[str], ready: Callable[[], bool], home: Path, start_timeout: float = 60
) -> Iterator[subprocess.Popen]:
    """Run ``cmd`` with its own HOME until the block ends; wait until ``ready()`` is true.

    The process is stopped by its id within a bounded time, killed if it does not stop.
    """
    env = {**os.environ, "HOME": str(home), "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    proc = subprocess.Popen(list(cmd), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                if ready():
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"{cmd[0]} did not start: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.5)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def http_get(
    url: str, headers: dict[str, str] | None = None, timeout: float = 30
) -> tuple[int, str]:
    """GET a URL; return the status and the body as text."""
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.status, resp.read().decode()


@contextmanager
def reachable(paths: list[Path]) -> Iterator[None]:
    """Let other accounts traverse the folders on the way to ``paths``; restore modes after.

    On this machine the course's Python is a link into /root, which is mode 700; learners and
    the grader must be able to run it, as on a server where the course is installed properly.
    """
    changed: dict[str, int] = {}
    for path in paths:
        for folder in unreachable_for_others(path):
            if folder not in changed:
                changed[folder] = stat.S_IMODE(os.stat(folder).st_mode)
                os.chmod(folder, changed[folder] | stat.S_IXOTH)
    try:
        yield
    finally:
        for folder, mode in changed.items():
            os.chmod(folder, mode)


@contextmanager
def jupyter_lab(root: Path, home: Path, token: str, *options: str) -> Iterator[str]:
    """JupyterLab serving ``root`` on a free loopback port, signed in with ``token``.

    Yields its base URL once its API answers. ``options`` are more command-line settings.
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={token}",
        "--allow-root",
        *options,
    ]
    auth = {"Authorization": f"token {token}"}
    ready = lambda: http_get(f"{base}/api/status", auth, timeout=5)[0] == 200  # noqa: E731
    with running(cmd, ready, home):
        yield base


@contextmanager
def leader_view(home: Path) -> Iterator[str]:
    """Voila serving the masterclasses as ``make leader-view`` does; yields its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [
        str(Path(sys.executable).with_name("voila")),
        str(ROOT / "notebooks" / "masterclass"),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--AsyncKernelManager.client_class=aicourse.patient_client.PatientKernelClient",
    ]
    ready = lambda: http_get(f"{base}/", timeout=5)[0] == 200  # noqa: E731
    with running(cmd, ready, home):
        yield base
