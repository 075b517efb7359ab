"""Build the course website and its offline bundle from the committed notebooks.

``build_site(root, out)`` writes a folder that works opened from disk or copied onto any web
server: one page per lesson and per exercise notebook, a home page, a table of contents, a
glossary, the shared assets (all local), the student notebooks to download, and a zip of it all.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from aicourse.site.catalogue import (
    FOUNDATIONS,
    MASTERCLASS,
    Course,
    Exercise,
    Lesson,
    SiteBuildError,
    discover,
)
from aicourse.site.glossary import Entry, build_glossary
from aicourse.site.render import TEMPLATES, Heading, RenderedNotebook, make_exporter
from aicourse.site.render import render_notebook as render

SITE_NAME = "AI for the New Zealand public service"
STATIC = Path(__file__).parent / "static"
BUNDLE = "downloads/ai-course-offline.zip"
#: A file that marks a folder as a site this module built, so rebuilding may replace it.
MARKER = ".aicourse-site"

ABOUT = {
    MASTERCLASS.key: "For senior leaders: chief executives, deputy chiefs and general managers. "
    "Three facilitated sessions of about 90 minutes: a facilitator runs the demos live, and "
    "leaders replay them and try every one afterwards.",
    FOUNDATIONS.key: "For public-service staff from any agency, with no coding background. Five "
    "weeks, each with a lesson of about 60 minutes and graded exercises of about 30 to 45 "
    "minutes. In week 5 you write, and present, your own idea for AI in your agency.",
}


@dataclass
class MenuItem:
    """A page in the course menu, with the exercises that belong under it."""

    page: str
    label: str
    title: str
    summary: str = ""
    sections: tuple[Heading, ...] = ()
    children: list[MenuItem] = field(default_factory=list)


@dataclass
class MenuGroup:
    """One programme in the course menu."""

    name: str
    about: str
    items: list[MenuItem]


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote, for the command line and the tests."""

    out: Path
    pages: tuple[str, ...]
    bundle: Path
    seconds: float


def _sections(rendered: RenderedNotebook) -> tuple[Heading, ...]:
    return tuple(h for h in rendered.headings if h.level == 2)


def _exercise_item(exercise: Exercise) -> MenuItem:
    return MenuItem(exercise.page, f"Week {exercise.week}", exercise.title)


def course_menu(course: Course, rendered: dict[str, RenderedNotebook]) -> list[MenuGroup]:
    """The menu in course order; a week's exercises sit under its lesson."""
    masterclass = [
        MenuItem(x.page, x.label, x.short_title, x.summary, _sections(rendered[x.slug]))
        for x in course.in_programme(MASTERCLASS)
    ]
    weeks = sorted(
        {x.number for x in course.in_programme(FOUNDATIONS)} | {x.week for x in course.exercises}
    )
    foundations = []
    for week in weeks:
        lesson = course.lesson_for_week(week)
        exercises = [_exercise_item(x) for x in course.exercises_for(week)]
        if lesson is None:  # exercises whose lesson is not written yet stand on their own
            foundations.extend(exercises)
            continue
        foundations.append(
            MenuItem(
                lesson.page,
                lesson.label,
                lesson.short_title,
                lesson.summary,
                _sections(rendered[lesson.slug]),
                exercises,
            )
        )
    return [
        MenuGroup(MASTERCLASS.name, ABOUT[MASTERCLASS.key], masterclass),
        MenuGroup(FOUNDATIONS.name, ABOUT[FOUNDATIONS.key], foundations),
    ]


def reading_order(menu: list[MenuGroup]) -> list[MenuItem]:
    """Every page in the order a reader meets them: home, lessons and exercises, glossary."""
    order = [MenuItem("index.html", "", "Home")]
    for group in menu:
        for item in group.items:
            order += [item, *item.children]
    return order + [MenuItem("glossary.html", "", "Glossary")]


def _inline_markdown(text: str) -> Markup:
    html = markdown2html_mistune(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def _environment(rendered: dict[str, RenderedNotebook]) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
    )
    env.filters["inline_markdown"] = _inline_markdown

    def glossary_anchor(lesson: Lesson) -> str:
        found = [h.anchor for h in rendered[lesson.slug].headings if h.text == "Glossary"]
        return f"#{found[0]}" if found else ""

    env.globals.update(site_name=SITE_NAME, bundle=BUNDLE, glossary_anchor=glossary_anchor)
    return env


def _course_policy_note(course: Course) -> str:
    dates = " and ".join(course.policy_dates())
    return (
        f"Policy content checked as of {dates}; each lesson page shows the date for "
        "its own content."
    )


def _prepare(out: Path) -> None:
    """Empty ``out`` for a fresh build, refusing to delete a folder this module did not make."""
    if out.exists():
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise SiteBuildError(
                f"{out} exists and is not a site built here; choose another "
                "folder, or empty it first."
            )
        shutil.rmtree(out)
    (out / "_static").mkdir(parents=True)
    (out / MARKER).write_text("Built by python -m aicourse.site; safe to delete.\n", "utf-8")


def _write_assets(out: Path, exporter: HTMLExporter, css: str) -> None:
    """The stylesheets (JupyterLab's look, the course's own) and the vendored widget renderer."""
    lab_static = next(
        Path(p) / "static"
        for p in exporter.template_paths
        if (Path(p) / "static" / "index.css").exists()
    )
    jupyter_css = [(lab_static / f).read_text("utf-8") for f in ("index.css", "theme-light.css")]
    (out / "_static" / "jupyter.css").write_text("\n".join([*jupyter_css, css]), "utf-8")
    shutil.copy(STATIC / "course.css", out / "_static" / "course.css")
    shutil.copytree(STATIC / "vendor", out / "_static" / "vendor")


def _write_bundle(out: Path) -> Path:
    """A zip of the whole site (and so of the student notebooks), to read with no network."""
    bundle = out / BUNDLE
    bundle.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in out.rglob("*") if p.is_file() and p != bundle and p.name != MARKER)
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(
            "ai-course/README.txt",
            f"{SITE_NAME}\n\nOpen index.html in a web browser. Everything is in "
            "this folder: no network is needed.\nThe exercise notebooks are in "
            "downloads/; open them in JupyterLab with the course environment.\n",
        )
        for path in files:
            archive.write(path, f"ai-course/{path.relative_to(out).as_posix()}")
    return bundle


def build_site(root: Path, out: Path) -> BuildReport:
    """Build the site for the repository checkout at ``root`` into the folder ``out``."""
    started = time.perf_counter()
    course = discover(root)
    glossary = build_glossary(course.lessons)
    exporter = make_exporter()
    notebooks: list[Lesson | Exercise] = [*course.lessons, *course.exercises]
    pages = {x.path.name: x.page for x in notebooks}
    rendered = {
        x.slug: render(x.path, exporter, pages, str(x.path.relative_to(root))) for x in notebooks
    }

    _prepare(out)
    _write_assets(out, exporter, next(iter(rendered.values())).css)
    for exercise in course.exercises:
        (out / exercise.download).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(exercise.path, out / exercise.download)

    env = _environment(rendered)
    menu = course_menu(course, rendered)
    order = reading_order(menu)
    course_note = _course_policy_note(course)

    def write(page: str, template: str, title: str, **context: object) -> None:
        at = [item.page for item in order].index(page) if page in {i.page for i in order} else -1
        context.setdefault("policy_note", course_note)
        html = env.get_template(template).render(
            title=title,
            current=page,
            menu=menu,
            kicker=context.pop("kicker", ""),
            previous=order[at - 1] if at > 0 else None,
            next=order[at + 1] if 0 <= at < len(order) - 1 else None,
            sections=context.pop("sections", ()),
            widgets=context.pop("widgets", False),
            **context,
        )
        (out / page).write_text(html, "utf-8")

    write("index.html", "index.html.j2", "Home")
    write("contents.html", "contents.html.j2", "Contents")
    letters: dict[str, list[Entry]] = {}
    for entry in glossary:
        letters.setdefault(entry.letter, []).append(entry)
    write("glossary.html", "glossary.html.j2", "Glossary", letters=sorted(letters.items()))
    for lesson in course.lessons:
        done = rendered[lesson.slug]
        write(
            lesson.page,
            "notebook.html.j2",
            lesson.title,
            body=Markup(done.body),
            lesson=lesson,
            exercise=None,
            sections=_sections(done),
            widgets=done.widget_count > 0,
            exercises=course.exercises_for(lesson.number)
            if lesson.programme == FOUNDATIONS
            else (),
            kicker=f"{lesson.programme.name} · {lesson.label}",
            policy_note=f"Policy content on this page checked as of {lesson.policy_checked}.",
        )
    for exercise in course.exercises:
        done = rendered[exercise.slug]
        lesson = course.lesson_for_week(exercise.week)
        note = (
            f"Policy content for week {exercise.week} checked as of {lesson.policy_checked} "
            f"(see the {lesson.label} lesson)."
            if lesson
            else course_note
        )
        write(
            exercise.page,
            "notebook.html.j2",
            exercise.title,
            body=Markup(done.body),
            lesson=None,
            exercise=exercise,
            exercises=(),
            sections=_sections(done),
            widgets=done.widget_count > 0,
            policy_note=note,
            kicker=f"{FOUNDATIONS.name} · Week {exercise.week} exercises (student version)",
        )

    bundle = _write_bundle(out)
    written = tuple(sorted(p.name for p in out.glob("*.html")))
    return BuildReport(out, written, bundle, time.perf_counter() - started)
