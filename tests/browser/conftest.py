"""The course in a real browser: a JupyterLab on loopback and Debian's chromium.

``make test-browser`` runs these tests (``make test`` leaves them out). Playwright drives
the chromium that Debian packages (``/usr/bin/chromium``); it never downloads a browser.
JupyterLab serves a temporary copy of the lesson notebooks, so a run never changes a
committed file, and it starts with notebook windowing off: with windowing on, cells out of
view are not in the page, and waiting for all of them to finish could never end.
"""

from __future__ import annotations

import json
import shutil
import urllib.request
from pathlib import Path

import pytest
from lab import open_notebook, run_all, screenshot
from servers import http_get, jupyter_lab

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
#: Every lesson notebook; found by glob, so a new lesson is checked without a change here.
LESSONS = sorted(
    [
        *(ROOT / "notebooks" / "foundations").glob("*.ipynb"),
        *(ROOT / "notebooks" / "masterclass").glob("*.ipynb"),
    ]
)
TOKEN = "browser-test-token"

#: JupyterLab settings for the test server: every cell in the page, no news pop-up.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-dev-shm-usage"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/browser` (make test-browser)")
    return AXE


def write_lab_settings(folder: Path) -> Path:
    """A JupyterLab user-settings folder holding :data:`LAB_SETTINGS`."""
    for name, values in LAB_SETTINGS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    return folder


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """A JupyterLab serving a copy of ``notebooks/``; yields its base URL (token in ``TOKEN``)."""
    home = tmp_path_factory.mktemp("lab-home")
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    settings = write_lab_settings(home / "lab-settings")
    options = (
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
    )
    with jupyter_lab(root, home, TOKEN, *options) as base:
        yield base


@pytest.fixture(scope="session", params=LESSONS, ids=lambda path: path.stem)
def lesson(request, browser, lab, artifacts):
    """A page with one lesson open and every cell run, shared by all the tests of that lesson.

    A picture of the whole lesson after its run is saved for a person to look over.
    """
    path = request.param
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_notebook(page, lab, TOKEN, path.relative_to(ROOT).as_posix())
    run_all(page)
    screenshot(page, artifacts / f"{path.stem}.png")
    yield page
    context.close()
    stop_kernels(lab)


def stop_kernels(lab: str) -> None:
    """Shut down every kernel of the test server, so finished lessons do not hold memory."""
    auth = {"Authorization": f"token {TOKEN}"}
    for kernel in json.loads(http_get(f"{lab}/api/kernels", auth)[1]):
        request = urllib.request.Request(
            f"{lab}/api/kernels/{kernel['id']}", headers=auth, method="DELETE"
        )
        urllib.request.urlopen(request, timeout=30).close()
