"""Driving JupyterLab and the course's widgets from Playwright, as a learner would.

Everything here goes through the page: menus, clicks and keys, never JupyterLab's
internals. Selectors are JupyterLab 4's and ipywidgets 8's class names.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

#: A code cell's prompt once it has run: ``[12]:``.
RAN = re.compile(r"^\[\d+\]:$")
RAN_JS = r"/^\[\d+\]:$/"
#: The prompt text of every code cell in the open notebook, as a JavaScript expression.
PROMPTS = (
    "[...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')]"
    ".map(p => p.textContent)"
)
#: A widget shown as a cell's output (each demo is one widget in one cell's output).
WIDGET_OUTPUT = ".jp-OutputArea-output > .jupyter-widgets"
STDERR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'

#: Long enough for the slowest lesson on a busy two-core machine.
RUN_TIMEOUT_MS = int(os.environ.get("BROWSER_RUN_TIMEOUT_MS", 240_000))


def open_notebook(page: Page, lab: str, token: str, path: str) -> None:
    """Open ``path`` in JupyterLab and wait until its kernel is idle."""
    page.goto(f"{lab}/lab/tree/{path}?token={token}&reset")
    page.wait_for_selector("#jp-main-statusbar >> text=Idle", timeout=120_000)
    page.keyboard.press("Escape")
    # Fold the file browser away (click its open tab), so the lesson gets the width.
    page.locator('.jp-SideBar.jp-mod-left [data-id="filebrowser"]').click()
    expect(page.locator("#jp-left-stack")).to_be_hidden()


def menu(page: Page, top: str, item: str) -> None:
    """Pick ``top`` > ``item`` from JupyterLab's menu bar."""
    page.get_by_role("menuitem", name=top, exact=True).click()
    page.get_by_role("menuitem", name=item, exact=True).first.click()


def run_all(page: Page) -> None:
    """Clear every output, run every cell from the top, and wait until all have finished.

    Clearing first means a finished prompt can only come from this run, not the saved file.
    Finished means: every code cell's prompt shows a number (none shows ``[*]``) and the
    kernel is idle. This works because the test server turns notebook windowing off, so every
    cell is in the page.
    """
    menu(page, "Edit", "Clear Outputs of All Cells")
    expect(page.locator(".jp-Notebook .jp-OutputArea-output")).to_have_count(0)
    # A cell whose code is folded away (the masterclasses fold all of it) shows no prompt:
    # unfold the code to watch the prompts, and fold it again afterwards.
    folded = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPlaceholder").count()
    if folded:
        menu(page, "View", "Expand All Code")
    menu(page, "Run", "Run All Cells")
    try:
        page.wait_for_function(
            f"() => {{ const p = {PROMPTS};"
            f" return p.length > 0 && p.every(t => {RAN_JS}.test(t)); }}",
            timeout=RUN_TIMEOUT_MS,
            polling=500,
        )
    except PlaywrightTimeout:
        prompts = page.evaluate(f"() => {PROMPTS}")
        waiting = {i: p for i, p in enumerate(prompts) if not RAN.match(p)}
        raise AssertionError(f"code cells (by position) that had not finished: {waiting}") from None
    page.wait_for_selector("#jp-main-statusbar >> text=Idle", timeout=RUN_TIMEOUT_MS)
    if folded:
        menu(page, "View", "Collapse All Code")


def error_outputs(page: Page) -> list[str]:
    """The text of every error or warning output, and of every widget that failed to show."""
    texts = page.locator(STDERR_OUTPUT).all_inner_texts()
    texts += page.locator(".jp-Notebook").get_by_text("Error displaying widget").all_inner_texts()
    return texts


def screenshot(page: Page, path: Path) -> None:
    """Save the whole notebook, top to bottom, as one picture.

    The notebook scrolls inside its panel, so the window is made as tall as the notebook
    for the picture (Chromium draws at most 16,000 pixels), then put back.
    """
    size = page.viewport_size or {"width": 1280, "height": 900}
    height = page.evaluate(
        """() => {
            const panel = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
            panel.scrollTop = 0;
            return panel.scrollHeight;
        }"""
    )
    page.set_viewport_size({"width": size["width"], "height": min(height + 200, 16_000)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


def demos(page: Page) -> list[Locator]:
    """Each widget shown in a cell's output: the course's demos and quizzes."""
    outputs = page.locator(WIDGET_OUTPUT)
    return [outputs.nth(i) for i in range(outputs.count())]


def shown_result(demo: Locator) -> str:
    """What a demo shows as its result: its text and HTML readouts, tables and figures.

    The controls' own readouts (a slider's number, a menu's choice) are left out, so a
    change here means the demo answered, not just that a control moved.
    """
    return demo.evaluate(
        """root => {
            const parts = [];
            for (const el of root.querySelectorAll('.widget-html, .widget-output')) {
                parts.push(el.innerText);
                for (const img of el.querySelectorAll('img')) parts.push(img.src);
            }
            return parts.join('\\n');
        }"""
    )


def result_changes(demo: Locator, before: str, timeout_ms: int = 15_000) -> bool:
    """Wait up to ``timeout_ms`` for the demo's result to differ from ``before``."""
    try:
        demo.page.wait_for_function(
            "([root, before]) => {"
            "  const parts = [];"
            "  for (const el of root.querySelectorAll('.widget-html, .widget-output')) {"
            "    parts.push(el.innerText);"
            "    for (const img of el.querySelectorAll('img')) parts.push(img.src);"
            "  }"
            "  return parts.join('\\n') !== before;"
            "}",
            arg=[demo.element_handle(), before],
            timeout=timeout_ms,
            polling=200,
        )
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: the result did not change
        return False
    return True


def slider_by_keyboard(handle: Locator) -> None:
    """Move a slider with the keyboard: to its far end, or its start if already there."""
    handle.focus()
    now = handle.get_attribute("aria-valuenow")
    handle.press("End")
    if handle.get_attribute("aria-valuenow") == now:
        handle.press("Home")


def drive(demo: Locator) -> str | None:
    """Change one control of ``demo`` after another until its result changes.

    Returns what was done (for the failure message of a later control, and the log), or
    None if no control changed what the demo shows.
    """
    attempts = []
    for handle in demo.locator(".widget-slider .noUi-handle").all():
        attempts.append(("slider", lambda h=handle: slider_by_keyboard(h)))
    for select in demo.locator(".widget-dropdown select").all():

        def pick(s=select):
            values = s.evaluate("s => [...s.options].map(o => o.value)")
            current = s.input_value()
            s.select_option(next(v for v in values if v != current))

        attempts.append(("dropdown", pick))
    for box in demo.locator(".widget-radio-box").all():

        def choose(b=box):
            b.locator("input:not(:checked)").first.check()

        attempts.append(("radio", choose))
    for group in demo.locator(".widget-toggle-buttons").all():
        attempts.append(
            ("toggle", lambda g=group: g.locator("button:not(.mod-active)").first.click())
        )
    for box in demo.locator(".widget-checkbox input").all():
        attempts.append(("checkbox", lambda b=box: b.click()))
    for field in demo.locator(".widget-text input, .widget-textarea textarea").all():

        def type_in(f=field):
            f.fill("Kia ora, when is my rates payment due?")
            f.press("Enter")

        attempts.append(("text", type_in))
    for button in demo.locator("button.jupyter-button:not(.widget-toggle-button)").all():
        attempts.append(("button", lambda b=button: b.click()))
    for kind, act in attempts:
        before = shown_result(demo)
        act()
        if result_changes(demo, before, timeout_ms=10_000):
            return kind
    return None
