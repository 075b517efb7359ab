"""The leaders' no-code view in a browser: each masterclass as Voila serves it.

Started as ``make leader-view N=…`` starts it (Voila on loopback, the course's patient kernel
client). The page must load with no code showing and no error, and its controls must answer.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from lab import STDERR_OUTPUT, demos, drive
from servers import leader_view

MASTERCLASSES = sorted((ROOT / "notebooks" / "masterclass").glob("masterclass-*.ipynb"))


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    with leader_view(tmp_path_factory.mktemp("voila-home")) as base:
        yield base


@pytest.mark.parametrize("notebook", MASTERCLASSES, ids=lambda p: p.stem)
def test_leader_view_loads_without_code_and_its_controls_answer(voila, notebook, page, artifacts):
    page.goto(f"{voila}/voila/render/{notebook.name}", timeout=240_000)
    page.wait_for_selector(".jupyter-widgets .widget-html, .jupyter-widgets .widget-output")
    code = page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .cm-editor")
    assert code.count() == 0, "code cells are showing in the leader view"
    text = page.locator("body").inner_text()
    for cell in json.loads(notebook.read_text())["cells"]:
        first = "".join(cell["source"]).strip().splitlines()[0] if cell["source"] else ""
        if cell["cell_type"] == "code" and len(first) > 20:
            assert first not in text, f"code is showing in the leader view: {first}"
    assert page.locator(STDERR_OUTPUT).count() == 0, page.locator(STDERR_OUTPUT).all_inner_texts()
    # Dollar amounts read as dollars: no stray backslash, no maths.
    assert "\\$" not in text
    assert page.locator(".jp-MarkdownCell mjx-container, .jp-MarkdownCell .MathJax").count() == 0
    assert page.locator("body").get_by_text("Error displaying widget").count() == 0
    shown = demos(page)
    assert shown, "the leader view shows no controls"
    first = shown[0]
    first.scroll_into_view_if_needed()
    assert drive(first) is not None, "the first control group did not change what it shows"
    # Voila scrolls inside a panel: make the window as tall as the tallest thing to picture it.
    tallest = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('body *')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": 1280, "height": min(tallest + 100, 16_000)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / f"leader-view-{notebook.stem}.png"), full_page=True)
