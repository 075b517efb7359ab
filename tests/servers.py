"""Start a local server for a test (JupyterLab, Voila) on a free loopback port, and stop it."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from aicourse.hub import unreachable_for_others


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
