"""The course website (``make site``): every page, working links, nothing from the network.

The site is built once for this module from the repository's own notebooks. The checks read
the notebooks independently of the builder (their own globbing and parsing), so a builder that
drops a lesson, a glossary term or a date cannot pass by agreeing with itself:

- every lesson and every student (release) notebook has a page, in course order;
- no internal link or anchor is broken, and no page loads a script, stylesheet or image from
  another site;
- no page, download or bundle file contains a line from a solution or hidden-test region of
  ``source/`` (and the check is shown to catch one when it is there);
- the glossary page has every term from every lesson's Glossary section;
- each page shows the date its policy content was checked, and a lesson without one stops the
  build;
- every widget demo keeps its saved controls and a static snapshot with all its charts;
- a lesson added to the folders appears on the site with no change to the code.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from aicourse.site.__main__ import main as site_main
from aicourse.site.build import BUNDLE, BuildReport, build_site
from aicourse.site.catalogue import SiteBuildError
from aicourse.site.render import make_exporter

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


# --- reading the repository, independently of the builder ------------------------------------


def number_of(path: Path) -> int:
    return int(re.match(r"[a-z]+-(\d+)", path.name)[1])


def lesson_notebooks(root: Path = ROOT) -> list[Path]:
    """Masterclasses by number, then foundations weeks by number."""
    masterclass = (root / "notebooks/masterclass").glob("masterclass-*.ipynb")
    foundations = (root / "notebooks/foundations").glob("week-*.ipynb")
    return sorted(masterclass, key=number_of) + sorted(foundations, key=number_of)


def release_notebooks(root: Path = ROOT) -> list[Path]:
    return sorted((root / "release").glob("week-*/*.ipynb"))


def lesson_of_week(week: str) -> Path | None:
    """The lesson of ``week-N`` (the name of a release folder), if it is written yet."""
    return next((n for n in lesson_notebooks() if n.stem.startswith(f"{week}-")), None)


def title_of(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    first = next(c.source for c in nb.cells if c.cell_type == "markdown")
    return re.search(r"^# (.+)$", first, re.MULTILINE)[1].strip()


def policy_date_of(path: Path) -> str:
    text = path.read_text()
    return re.search(r"Policy content checked as of ([A-Za-z]+ \d{4})", text)[1]


def glossary_terms_of(path: Path) -> list[str]:
    """The bold terms of the bullets under a lesson's Glossary heading."""
    terms = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        in_glossary = False
        for line in cell.source.splitlines():
            if line.startswith("#"):
                in_glossary = line.lstrip("#").strip().lower().startswith("glossary")
            elif in_glossary and re.match(r"\s*[-*]\s", line):
                terms.append(re.search(r"\*\*(.+?)\*\*", line)[1].rstrip(":").strip())
    return terms


# --- reading pages ---------------------------------------------------------------------------


class Page(HTMLParser):
    """The ids, links, resources, scripts and text of one HTML page."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag.attribute, value)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None
        self.html = path.read_text()
        self.feed(self.html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        for name in ("href", "src", "data", "poster", "action"):
            if attributes.get(name):
                self.links.append((f"{tag}.{name}", attributes[name]))
        if attributes.get("style"):
            self.styles.append(attributes["style"])
        if tag == "script":
            self._script = attributes

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
        elif self.lasttag == "style":
            self.styles.append(data)
        self.text.append(data)

    @property
    def all_text(self) -> str:
        return "".join(self.text)

    def policy_notes(self) -> list[str]:
        """The text of the page's policy-check line(s)."""
        found = re.findall(r'<p class="aic-policy-checked">(.*?)</p>', self.html, re.DOTALL)
        return [" ".join(text_of(note).split()) for note in found]


def text_of(html: str) -> str:
    """The text of an HTML fragment, tags dropped and entities decoded."""
    parts: list[str] = []
    parser = HTMLParser()
    parser.handle_data = parts.append  # type: ignore[method-assign]
    parser.feed(html)
    return "".join(parts)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """The site, built once for this module from the repository."""
    return build_site(ROOT, tmp_path_factory.mktemp("site") / "_site")


@pytest.fixture(scope="module")
def site(built: BuildReport) -> Path:
    return built.out


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Page]:
    return {p.name: Page(p) for p in sorted(site.glob("*.html"))}


def is_external(url: str) -> bool:
    """A link to another site (``data:`` and ``mailto:`` are not)."""
    return urlsplit(url).scheme in {"http", "https", "ftp"} or url.startswith("//")


# --- every page, in course order --------------------------------------------------------------


def test_every_lesson_and_release_notebook_has_a_page(pages: dict[str, Page], built: BuildReport):
    lessons, releases = lesson_notebooks(), release_notebooks()
    assert lessons and releases
    for notebook in lessons + releases:
        page = pages.get(f"{notebook.stem}.html")
        assert page is not None, f"no page for {notebook.relative_to(ROOT)}"
        assert title_of(notebook) in page.all_text
    expected = {f"{n.stem}.html" for n in lessons + releases} | {
        "index.html",
        "contents.html",
        "glossary.html",
    }
    assert set(pages) == expected
    assert set(built.pages) == expected


def walk(site: Path) -> list[str]:
    """The pages met by following "Next" from the home page."""
    walked, page = [], "index.html"
    while page and page not in walked:
        walked.append(page)
        found = re.search(r'rel="next" href="([^"]+)"', (site / page).read_text())
        page = found[1] if found else None
    return walked


def test_next_links_walk_every_page_in_course_order(site: Path, pages: dict[str, Page]):
    walked = walk(site)
    lessons = [f"{n.stem}.html" for n in lesson_notebooks()]
    assert [p for p in walked if p in lessons] == lessons
    assert set(walked) == set(pages) - {"contents.html"}
    for release in release_notebooks():  # each week's exercises come after its lesson
        lesson = lesson_of_week(release.parent.name)
        if lesson:
            assert walked.index(f"{lesson.stem}.html") < walked.index(f"{release.stem}.html")


def test_contents_page_links_every_page_and_every_lesson_section(pages: dict[str, Page]):
    linked = {v for k, v in pages["contents.html"].links if k == "a.href"}
    for name in set(pages) - {"contents.html", "index.html"}:
        assert name in linked
    for lesson in lesson_notebooks():
        sections = [a for a in linked if a.startswith(f"{lesson.stem}.html#")]
        assert len(sections) >= 5, f"{lesson.name}: its sections are missing from the contents"


def test_no_internal_link_or_anchor_is_broken(site: Path, pages: dict[str, Page]):
    broken = []
    checked = 0
    for page in pages.values():
        for where, url in page.links:
            if is_external(url) or urlsplit(url).scheme in {"data", "mailto"}:
                continue
            parts = urlsplit(url)
            target = (page.path.parent / unquote(parts.path)).resolve() if parts.path else page.path
            checked += 1
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{page.path.name}: {where}={url} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target.name].ids if target.name in pages else Page(target).ids
                if not {parts.fragment, unquote(parts.fragment)} & ids:  # as browsers look
                    broken.append(f"{page.path.name}: {where}={url} (no such anchor)")
    assert checked > 100
    assert not broken, "\n".join(broken)


def test_no_page_loads_anything_from_another_site(site: Path, pages: dict[str, Page]):
    loads = {
        "script.src",
        "link.href",
        "img.src",
        "iframe.src",
        "source.src",
        "video.src",
        "audio.src",
        "embed.src",
        "object.data",
        "video.poster",
    }
    problems = []
    for page in pages.values():
        problems += [
            f"{page.path.name}: {k}={v[:80]}"
            for k, v in page.links
            if k in loads and is_external(v)
        ]
        for style in page.styles:
            if re.search(r"(url\(\s*['\"]?(https?:)?//|@import)", style):
                problems.append(f"{page.path.name}: a style loads from elsewhere: {style[:80]}")
        for attributes, code in page.scripts:
            if attributes.get("type") in (None, "", "text/javascript", "module") and "//" in re.sub(
                r"^\s*//.*$", "", code, flags=re.MULTILINE
            ):
                problems.append(f"{page.path.name}: an inline script names a URL: {code[:80]}")
    for css in (site / "_static").glob("*.css"):
        if re.search(r"url\(\s*['\"]?(https?:)?//|@import", css.read_text()):
            problems.append(f"{css.name} loads from elsewhere")
    assert not problems, "\n".join(problems)


def test_every_image_has_a_text_alternative(pages: dict[str, Page]):
    images = re.compile(r"<img\b[^>]*>")
    found = [tag for page in pages.values() for tag in images.findall(page.html)]
    assert len(found) > 20
    assert all(re.search(r'\balt="[^"]+"', tag) for tag in found)


def test_dollar_amounts_read_as_plain_dollars(pages: dict[str, Page]):
    """The lessons escape "$" twice for JupyterLab; the website shows one plain "$"."""
    text = " ".join(text_of(page.html) for page in pages.values())
    assert "$300" in text and "$1,500" in text
    assert "\\$" not in text


def test_widget_pages_load_the_vendored_renderer(site: Path, pages: dict[str, Page]):
    for lesson in lesson_notebooks():
        scripts = [v for k, v in pages[f"{lesson.stem}.html"].links if k == "script.src"]
        has_widgets = WIDGET_VIEW in lesson.read_text()
        assert scripts == (["_static/vendor/html-manager/embed.js"] if has_widgets else [])
    renderer = site / "_static/vendor/html-manager"
    assert (renderer / "embed.js").stat().st_size > 500_000
    assert (renderer / "LICENSE").exists()
    # the icon fonts the renderer's stylesheet names are there
    for font in set(re.findall(r"[0-9a-f]{20}\.woff2", (renderer / "embed.js").read_text())):
        assert (renderer / font).exists(), font


# --- no solutions ------------------------------------------------------------------------------


def secret_lines(root: Path = ROOT) -> set[str]:
    """Lines that appear only inside ``source/``'s solution, hidden-test or mark-scheme regions.

    A line that also appears in a lesson or a release notebook is public anyway, so it is left
    out (``from aicourse.checks import check_choice`` may be in both).
    """
    public = "\n".join(
        c.source
        for p in lesson_notebooks(root) + release_notebooks(root)
        for c in nbformat.read(p, as_version=4).cells
    )
    secrets = set()
    regions = re.compile(
        r"(?:### BEGIN (SOLUTION|HIDDEN TESTS)|=== BEGIN MARK SCHEME ===)"
        r"(.*?)(?:### END \1|=== END MARK SCHEME ===)",
        re.DOTALL,
    )
    for path in sorted((root / "source").glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            chunks = [m[2] for m in regions.finditer(cell.source)]
            if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"):
                chunks.append(cell.source)
            for line in "\n".join(chunks).splitlines():
                line = line.strip()
                if len(line) >= 6 and line not in public:
                    secrets.add(line)
    return secrets


def leaks(text: str, secrets: set[str]) -> list[str]:
    """The secrets found in ``text`` (also as they look inside JSON strings)."""
    return sorted(s for s in secrets if s in text or json.dumps(s)[1:-1] in text)


def test_the_solution_check_knows_the_solutions_and_would_catch_one():
    secrets = secret_lines()
    assert len(secrets) >= 5
    source = sorted((ROOT / "source").glob("*/*.ipynb"))[0]
    body, _ = make_exporter().from_filename(str(source))
    assert leaks(text_of(body), secrets)


def test_no_page_download_or_bundle_file_contains_solutions_or_hidden_tests(
    site: Path, pages: dict[str, Page], built: BuildReport
):
    secrets = secret_lines()
    found = {name: leaks(page.all_text, secrets) for name, page in pages.items()}
    for path in site.rglob("*.ipynb"):
        found[str(path.relative_to(site))] = leaks(path.read_text(), secrets)
    with zipfile.ZipFile(built.bundle) as bundle:
        for name in bundle.namelist():
            if name.endswith((".html", ".ipynb", ".txt")):
                text = bundle.read(name).decode()
                found[f"zip:{name}"] = leaks(text_of(text) + text, secrets)
    assert not {k: v for k, v in found.items() if v}


def test_downloads_are_exactly_the_release_notebooks(site: Path):
    offered = sorted(p.relative_to(site / "downloads") for p in site.rglob("*.ipynb"))
    assert offered == sorted(p.relative_to(ROOT / "release") for p in release_notebooks())
    for path in release_notebooks():
        assert (
            site / "downloads" / path.relative_to(ROOT / "release")
        ).read_bytes() == path.read_bytes()
    assert not any("source" in p.parts for p in site.rglob("*"))


# --- glossary and dates ------------------------------------------------------------------------


def test_glossary_page_has_every_term_from_every_lesson(pages: dict[str, Page]):
    page = pages["glossary.html"]
    html = page.path.read_text()
    on_page = {
        " ".join(text_of(t).split()).casefold()
        for t in re.findall(r"<dt[^>]*>(.*?)</dt>", html, re.DOTALL)
    }
    terms = [t for lesson in lesson_notebooks() for t in glossary_terms_of(lesson)]
    assert len(terms) >= 10 * len(lesson_notebooks()) // 2
    missing = sorted({t for t in terms if " ".join(t.split()).casefold() not in on_page})
    assert not missing, f"not on the glossary page: {missing}"


def test_every_page_shows_when_its_policy_content_was_checked(pages: dict[str, Page]):
    for lesson in lesson_notebooks():
        notes = pages[f"{lesson.stem}.html"].policy_notes()
        assert notes == [f"Policy content on this page checked as of {policy_date_of(lesson)}."]
    for release in release_notebooks():
        lesson = lesson_of_week(release.parent.name)
        notes = pages[f"{release.stem}.html"].policy_notes()
        assert len(notes) == 1 and "checked as of" in notes[0]
        if lesson:
            assert policy_date_of(lesson) in notes[0]
    for name in ("index.html", "contents.html", "glossary.html"):
        notes = pages[name].policy_notes()
        dates = {policy_date_of(n) for n in lesson_notebooks()}
        assert len(notes) == 1 and all(d in notes[0] for d in dates)


# --- widget demos --------------------------------------------------------------------------


def _pngs_in(model_id: str, state: dict) -> int:
    """How many charts a widget holds, counted through its children and Output widgets."""
    model = state[model_id]["state"]
    own = sum("image/png" in o.get("data", {}) for o in model.get("outputs", []))
    return own + sum(
        _pngs_in(c.removeprefix("IPY_MODEL_"), state) for c in model.get("children", [])
    )


def test_every_widget_demo_keeps_its_controls_and_a_static_snapshot(pages: dict[str, Page]):
    demos = 0
    for lesson in lesson_notebooks():
        nb = nbformat.read(lesson, as_version=4)
        state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        views = [
            o["data"][WIDGET_VIEW]["model_id"]
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.outputs
            if WIDGET_VIEW in o.get("data", {})
        ]
        html = pages[f"{lesson.stem}.html"].path.read_text()
        blocks = html.split('<div class="aic-demo">')[1:]
        assert len(blocks) == len(views), lesson.name
        script = rf'<script type="{re.escape(WIDGET_STATE)}">(.*?)</script>'
        saved = json.loads(re.search(script, html, re.DOTALL)[1])["state"]
        assert set(saved) == set(state)
        assert all(m["state"]["disabled"] for m in saved.values() if "disabled" in m["state"])
        for model_id, block in zip(views, blocks, strict=True):
            demos += 1
            assert f'"model_id": "{model_id}"' in block.split('class="aic-snapshot"')[0]
            note = text_of(block.split("</p>")[0]).strip()
            assert note.startswith("Interactive demo.") and "JupyterLab" in note
            snapshot = block.split('class="aic-snapshot"', 1)[1]
            snapshot = snapshot.split('<div class="jp-Cell ')[0]
            assert snapshot.count("data:image/png;base64,") == _pngs_in(model_id, state)
            assert len(text_of(snapshot).split()) >= 3
    assert demos >= 10


def test_snapshots_show_when_no_widget_is_drawn_and_hide_when_one_is(site: Path):
    css = (site / "_static/course.css").read_text()
    assert ".aic-demo .jupyter-widgets:has(.widget-subarea:not(:empty)) ~ .aic-snapshot" in css
    assert re.search(r"\.aic-snapshot[^{]*\{[^}]*display:\s*none", css)


@pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="needs Chromium to draw a page",
)
def test_a_browser_draws_the_saved_widgets_from_disk_with_no_network(site: Path):
    """Chromium opens a lesson as a file (file://, no server) and draws every saved demo."""
    lesson = lesson_notebooks()[0]
    views = sum(
        WIDGET_VIEW in o.get("data", {})
        for c in nbformat.read(lesson, as_version=4).cells
        for o in c.get("outputs", [])
    )
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=20000",
            "--proxy-server=127.0.0.1:9",
            "--dump-dom",
            (site / f"{lesson.stem}.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    drawn = re.findall(r'<div class="widget-subarea"><div class="lm-Widget', dom)
    assert views > 0 and len(drawn) == views


# --- the bundle, the command, and lessons yet to come ------------------------------------------


def test_offline_bundle_holds_the_whole_site_and_the_release_notebooks(
    site: Path, built: BuildReport
):
    assert built.bundle == site / BUNDLE
    with zipfile.ZipFile(built.bundle) as bundle:
        names = set(bundle.namelist())
        for path in site.rglob("*"):
            if path.is_file() and path != built.bundle and path.name != ".aicourse-site":
                assert f"ai-course/{path.relative_to(site).as_posix()}" in names
        for release in release_notebooks():
            name = f"ai-course/downloads/{release.relative_to(ROOT / 'release').as_posix()}"
            assert bundle.read(name) == release.read_bytes()


def test_the_build_is_fast(built: BuildReport):
    assert built.seconds < 60


def write_notebook(path: Path, title: str, *, policy: bool = True, term: str = "Widget") -> None:
    """A small lesson in the house style (title, policy line, a chart-free cell, a glossary)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    top = f"# {title}\n\n**AI Foundations** · for staff · about 60 minutes\n"
    if policy:
        top += "*Policy content checked as of March 2027.*\n"
    nb = new_notebook(
        cells=[
            new_markdown_cell(top),
            new_markdown_cell("## 1. A section\n\nSome words."),
            new_code_cell("1 + 1"),
            new_markdown_cell(f"## Glossary\n\n- **{term}**: a thing used in this lesson.\n"),
        ]
    )
    nbformat.write(nb, path)


def small_course(root: Path) -> None:
    write_notebook(
        root / "notebooks/masterclass/masterclass-1-start.ipynb",
        "Masterclass 1: Start",
        term="Alpha",
    )
    write_notebook(
        root / "notebooks/foundations/week-1-basics.ipynb", "Week 1: Basics", term="Beta"
    )
    nb = new_notebook(cells=[new_markdown_cell("# Week 1 exercises"), new_code_cell("x = ...")])
    (root / "release/week-1").mkdir(parents=True)
    nbformat.write(nb, root / "release/week-1/week-1-exercises.ipynb")


def test_new_lessons_and_exercises_appear_in_order_with_no_code_change(tmp_path: Path):
    small_course(tmp_path)
    write_notebook(
        tmp_path / "notebooks/foundations/week-10-later.ipynb", "Week 10: Later", term="Delta"
    )
    write_notebook(
        tmp_path / "notebooks/foundations/week-2-data.ipynb", "Week 2: Data", term="Gamma"
    )
    nb = new_notebook(cells=[new_markdown_cell("# Week 2 exercises"), new_code_cell("y = ...")])
    (tmp_path / "release/week-2").mkdir(parents=True)
    nbformat.write(nb, tmp_path / "release/week-2/week-2-exercises.ipynb")
    week_1 = tmp_path / "notebooks/foundations/week-1-basics.ipynb"
    nb = nbformat.read(week_1, as_version=4)
    nb.cells.append(new_markdown_cell("Next: [week 2](week-2-data.ipynb#1.-A-section)."))
    nbformat.write(nb, week_1)

    report = build_site(tmp_path, tmp_path / "_site")
    assert walk(report.out) == [
        "index.html",
        "masterclass-1-start.html",
        "week-1-basics.html",
        "week-1-exercises.html",
        "week-2-data.html",
        "week-2-exercises.html",
        "week-10-later.html",
        "glossary.html",
    ]
    glossary = (report.out / "glossary.html").read_text()
    assert all(f">{term}</dt>" in glossary for term in ("Alpha", "Beta", "Gamma", "Delta"))
    assert (report.out / "downloads/week-2/week-2-exercises.ipynb").exists()
    assert "March 2027" in (report.out / "week-2-data.html").read_text()
    # a link between lessons leads to the page, not to the notebook
    assert 'href="week-2-data.html#1.-A-section"' in (report.out / "week-1-basics.html").read_text()


def test_a_lesson_without_a_policy_date_stops_the_build_and_says_which(tmp_path: Path, capsys):
    small_course(tmp_path)
    write_notebook(
        tmp_path / "notebooks/foundations/week-2-data.ipynb", "Week 2: Data", policy=False
    )
    with pytest.raises(SiteBuildError, match=r"week-2-data\.ipynb.*Policy content checked as of"):
        build_site(tmp_path, tmp_path / "_site")
    assert site_main(["--root", str(tmp_path)]) == 1
    assert "week-2-data.ipynb" in capsys.readouterr().err
    assert not (tmp_path / "_site").exists()


def test_a_glossary_line_in_another_shape_stops_the_build(tmp_path: Path):
    small_course(tmp_path)
    path = tmp_path / "notebooks/foundations/week-1-basics.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[-1].source += "- Gamma means a third thing\n"
    nbformat.write(nb, path)
    with pytest.raises(SiteBuildError, match="Gamma means a third thing"):
        build_site(tmp_path, tmp_path / "_site")


def test_the_build_will_not_delete_a_folder_it_did_not_make(tmp_path: Path):
    small_course(tmp_path)
    keep = tmp_path / "elsewhere" / "notes.txt"
    keep.parent.mkdir()
    keep.write_text("mine")
    with pytest.raises(SiteBuildError, match="not a site built here"):
        build_site(tmp_path, keep.parent)
    assert keep.read_text() == "mine"
    first = build_site(tmp_path, tmp_path / "_site")
    assert build_site(tmp_path, first.out).pages == first.pages  # its own folder it rebuilds
