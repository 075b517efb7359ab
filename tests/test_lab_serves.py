"""`make lab` serves the course: JupyterLab starts on loopback and opens every lesson."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from servers import http_get, jupyter_lab

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "course-test-token"
AUTH = {"Authorization": f"token {TOKEN}"}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with jupyter_lab(ROOT, tmp_path_factory.mktemp("home"), TOKEN) as base:
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
