"""A notebook as HTML for a page of the site, with nbconvert and the course's cell template.

nbconvert renders the committed outputs as they are (tables, charts, printed text), so a page
shows what the lesson showed when it was last run; no kernel is started.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from aicourse.site.widgets import WIDGET_STATE, add_snapshots, disabled_copy, widget_state

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Heading:
    """A section heading on a page, for its table of contents."""

    level: int
    anchor: str
    text: str


@dataclass(frozen=True)
class RenderedNotebook:
    """A notebook's cells as HTML, and what the page around them needs to know."""

    body: str
    headings: tuple[Heading, ...]
    widget_count: int
    css: str


class _Headings(HTMLParser):
    """Collects the h1-h3 headings that have an id, with their text (anchor links dropped)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[Heading] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []
        self._in_anchor = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-3]", tag) and attributes.get("id"):
            self._open, self._text = (int(tag[1]), attributes["id"] or ""), []
        elif tag == "a" and "anchor-link" in (attributes.get("class") or ""):
            self._in_anchor = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_anchor = False
        elif self._open and tag == f"h{self._open[0]}":
            text = " ".join("".join(self._text).split())
            self.found.append(Heading(self._open[0], self._open[1], text))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open and not self._in_anchor:
            self._text.append(data)


def headings(body: str) -> tuple[Heading, ...]:
    """The headings (levels 1-3) of an HTML fragment, in order."""
    parser = _Headings()
    parser.feed(body)
    return tuple(parser.found)


def make_exporter() -> HTMLExporter:
    """nbconvert's HTML exporter with the course's cell template and no prompts."""
    return HTMLExporter(
        template_name="aicourse_cells",
        extra_template_basedirs=[str(TEMPLATES / "nbconvert")],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def _relink(body: str, pages: dict[str, str]) -> str:
    """Point links to a published notebook (``week-2-data.ipynb``) at its page."""

    def swap(match: re.Match[str]) -> str:
        target = match["target"]
        name = target.rsplit("/", 1)[-1]
        page = pages.get(name.split("#", 1)[0])
        if page is None:
            return match.group(0)
        fragment = "#" + name.split("#", 1)[1] if "#" in name else ""
        return f'href="{page}{fragment}"'

    return re.sub(r'href="(?P<target>[^":]+?\.ipynb(?:#[^"]*)?)"', swap, body)


#: Read by screen readers for a chart: each chart has a title, and a sentence after it in the
#: lesson says what to notice (house style).
CHART_ALT = "Chart; its title and the sentence after it say what it shows"


def _describe_charts(body: str) -> str:
    """Give nbconvert's output images (which have no alt text) a short description."""
    return re.sub(r'<img src="data:image/', f'<img alt="{CHART_ALT}" src="data:image/', body)


def _plain_dollars(nb: nbformat.NotebookNode) -> None:
    r"""Turn the lessons' ``\\$`` back into ``\$`` in text cells, for the website.

    JupyterLab sets text between two dollar signs as maths, and its Markdown step eats one
    backslash, so the lessons write a dollar sign as ``\\$`` (JupyterLab shows "$"). The
    website has no maths setting: there ``\$`` is the plain dollar sign.
    """
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = cell.source.replace("\\\\$", "\\$")


def render_notebook(
    path: Path, exporter: HTMLExporter, pages: dict[str, str], where: str
) -> RenderedNotebook:
    """Render one notebook's cells. ``pages`` maps notebook file names to their pages."""
    nb = nbformat.read(path, as_version=4)
    _plain_dollars(nb)
    count = add_snapshots(nb, where)
    saved = widget_state(nb)
    if saved:
        nb.metadata["widgets"] = {WIDGET_STATE: disabled_copy(saved)}
    body, resources = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    css = "\n".join(resources.get("inlining", {}).get("css", []))
    body = _describe_charts(_relink(body, pages))
    return RenderedNotebook(body, headings(body), count, css)
