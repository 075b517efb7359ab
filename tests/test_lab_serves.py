"""`make lab` serves the course: JupyterLab starts on loopback and opens every lesson."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from servers import free_port, http_get, running

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "course-test-token"
AUTH = {"Authorization": f"token {TOKEN}"}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--ServerApp.root_dir={ROOT}",
        f"--IdentityProvider.token={TOKEN}",
        "--allow-root",
    ]
    ready = lambda: http_get(f"{base}/api/status", AUTH, timeout=5)[0] == 200  # noqa: E731
    with running(cmd, ready, tmp_path_factory.mktemp("home")):
        yield base


def test_lab_page_and_every_lesson_open(lab):
    lessons = sorted((ROOT / "notebooks").rglob("*.ipynb"))
    assert lessons, "no lesson notebooks found"
    status, page = http_get(f"{lab}/lab/tree/{lessons[0].relative_to(ROOT)}", AUTH)
    assert status == 200 and "JupyterLab" in page
    for path in lessons:
        status, body = http_get(f"{lab}/api/contents/{path.relative_to(ROOT).as_posix()}", AUTH)
        model = json.loads(body)
        assert status == 200 and model["type"] == "notebook", path
        assert model["content"]["cells"], f"{path} opened empty"
