"""Accessibility of the course's own content, checked in the browser after each lesson runs.

axe-core (the usual accessibility engine, from npm at the version in package-lock.json)
checks the lesson's text and outputs against WCAG 2.1 A and AA, including colour contrast.
JupyterLab's own interface is left out: the course cannot change it (see
docs/accessibility.md). Then, for the demos: every control has a name a screen reader reads
out, every figure has a text alternative, and a slider can be reached and moved with the
keyboard alone.
"""

from __future__ import annotations

import re

from lab import demos, result_changes, shown_result

#: WCAG 2.0 and 2.1, levels A and AA: what New Zealand's Web Accessibility Standard asks for.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: The course's own content: rendered text cells and every cell's output.
COURSE_CONTENT = [".jp-Notebook .jp-MarkdownOutput", ".jp-Notebook .jp-OutputArea"]
#: ARIA roles of the controls the demos use.
CONTROL_ROLES = ("slider", "combobox", "radio", "textbox", "checkbox", "button", "spinbutton")


#: What axe reports that comes from JupyterLab or ipywidgets, not from the course's content
#: (the rule, and how the element's HTML starts), with what the course does instead (each
#: checked by a test below; see docs/accessibility.md).
NOT_THE_COURSE = {
    # JupyterLab draws a picture output as <img> with no alt attribute, whatever the output
    # holds. The course follows each chart with a description (test_every_figure_...).
    "image-alt": '<img src="data:image/',
    # ipywidgets 8 draws a slider's handle with role="slider" but does not tie it to the
    # slider's visible label, and offers no way to. (test_every_control_has_a_name)
    "aria-input-field-name": '<div class="noUi-handle',
}


def axe_violations(page, axe_script) -> list[dict]:
    """Run axe-core on the course's content in ``page``; a short record of each violation.

    Places listed in :data:`NOT_THE_COURSE` are left out of a rule's places; a rule with no
    place left is not reported.
    """
    page.add_script_tag(path=str(axe_script))
    found = page.evaluate(
        """async ([include, tags]) => {
            const found = await axe.run(
                {include: include.map(s => [s])},
                {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return found.violations.map(v => ({
                rule: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({
                    target: n.target.join(' '), summary: n.failureSummary,
                    tag: n.html.slice(0, 120)}))}));
        }""",
        [COURSE_CONTENT, WCAG_TAGS],
    )
    violations = []
    for v in found:
        known = NOT_THE_COURSE.get(v["rule"])
        nodes = [n for n in v["nodes"] if not (known and n["tag"].startswith(known))]
        if nodes:
            violations.append({**v, "nodes": nodes})
    return violations


def test_axe_finds_no_wcag_violations_in_the_course_content(lesson, axe_script):
    violations = axe_violations(lesson, axe_script)
    assert violations == [], "\n".join(
        f"{v['rule']} ({v['impact']}, {len(v['nodes'])} places): {v['help']}; e.g. {v['nodes'][:2]}"
        for v in violations
    )


def unnamed_controls(aria_snapshot: str) -> list[str]:
    """Lines of a Playwright ARIA snapshot that are controls without an accessible name."""
    unnamed = []
    for line in aria_snapshot.splitlines():
        match = re.match(r"\s*- (\w+)(.*)$", line)
        if match and match.group(1) in CONTROL_ROLES and not match.group(2).startswith(' "'):
            unnamed.append(line.strip())
    return unnamed


def test_unnamed_controls_are_found():
    """The check below can fail: a slider without a name is caught, one with a name is not."""
    snapshot = '- slider "Threshold:" [value=0.5]\n- slider [value=3]\n- button "Check"'
    assert unnamed_controls(snapshot) == ["- slider [value=3]"]


def test_every_control_has_a_name(lesson):
    """Every control has an accessible name; a slider, which ipywidgets cannot give one, has
    a visible label beside it (see :data:`NOT_THE_COURSE`)."""
    shown = demos(lesson)
    assert shown, "this lesson shows no demo"
    unnamed = {}
    for i, demo in enumerate(shown):
        missing = [c for c in unnamed_controls(demo.aria_snapshot()) if c != "- slider"]
        if missing:
            unnamed[i] = missing
    assert unnamed == {}, f"controls without a name, by demo: {unnamed}"
    sliders = lesson.locator(".jp-OutputArea .jupyter-widgets.widget-slider")
    labels = [
        sliders.nth(i).locator(".widget-label").first.inner_text().strip()
        for i in range(sliders.count())
    ]
    assert all(labels), f"sliders without a visible label: {labels}"


def test_every_figure_has_a_text_alternative(lesson):
    """Each picture has alt text, or is followed in its cell's output by a chart description."""
    figures = lesson.locator(".jp-Notebook .jp-OutputArea img")
    assert figures.count(), "this lesson shows no figure"
    missing = figures.evaluate_all(
        """imgs => imgs.map((img, i) => {
            if ((img.getAttribute('alt') || '').trim()) return null;
            const output = img.closest('.jp-OutputArea-child');
            const next = output && output.nextElementSibling;
            const text = next ? next.querySelector('.aic-figure-text') : null;
            return text && text.textContent.startsWith('Chart: ') ? null : i;
        }).filter(i => i !== null)"""
    )
    assert missing == [], f"figures (by position) with no text alternative: {missing}"


def test_a_demo_works_with_the_keyboard_alone(lesson):
    """Tab to a demo's slider (or menu, or option), move it with keys: the demo answers.

    Controls are tried in order (sliders first) until one is reached by Tab and changes what
    its demo shows; some controls only matter once another is set, and JupyterLab can take
    the focus when it lands on a cell's output, so the first one alone may not do.
    """
    tried = missed = 0
    for kind in (".noUi-handle", ".widget-dropdown select", ".widget-radio-box input"):
        for demo in demos(lesson):
            for control in demo.locator(kind).all()[:1]:
                tried += 1
                control.scroll_into_view_if_needed()
                control.focus()
                lesson.keyboard.press("Shift+Tab")  # step away, then come back with Tab
                lesson.keyboard.press("Tab")
                if not control.evaluate("c => c === document.activeElement"):
                    missed += 1
                    continue
                before = shown_result(demo)
                if kind == ".noUi-handle":
                    value = control.get_attribute("aria-valuenow")
                    lesson.keyboard.press("End")
                    if control.get_attribute("aria-valuenow") == value:
                        lesson.keyboard.press("Home")
                elif kind.endswith("select"):
                    lesson.keyboard.press("ArrowDown")
                else:
                    lesson.keyboard.press("Space")  # pick the option that has the focus
                if result_changes(demo, before, timeout_ms=5_000):
                    return
    raise AssertionError(
        f"no demo answered the keyboard: {tried} controls tried, {missed} not reached by Tab"
    )
