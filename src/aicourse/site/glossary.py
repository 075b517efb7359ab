"""The course glossary, read from every lesson's ``Glossary`` section.

House style: each lesson ends with a ``## Glossary`` section of bulleted lines
``- **Term**: definition.``. The same term often appears in several lessons; the glossary page
lists it once, with each differently worded definition and the lessons that use it.

A bullet in a Glossary section that is not in that shape stops the build with a message, so a
term is never silently left off the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import nbformat

from aicourse.site.catalogue import Lesson, SiteBuildError

_GLOSSARY_HEADING = re.compile(r"^#{1,6}\s+Glossary\b.*$", re.MULTILINE | re.IGNORECASE)
_NEXT_HEADING = re.compile(r"^#{1,6}\s", re.MULTILINE)
_BULLET = re.compile(r"^[-*+]\s+(?P<item>.*)$")
_ITEM = re.compile(r"^\*\*(?P<term>[^*]+?)\s*:?\s*\*\*\s*[:\u2013\u2014-]?\s*(?P<definition>\S.*)$")


@dataclass(frozen=True)
class Definition:
    """One lesson's definition of a term, as written there (Markdown)."""

    term: str
    text: str
    lesson: Lesson


@dataclass
class Entry:
    """A term on the glossary page, with each distinct wording and where it is used."""

    term: str
    wordings: dict[str, list[Definition]] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        """The term's id on the glossary page, e.g. ``term-machine-learning``."""
        return "term-" + (re.sub(r"[^a-z0-9]+", "-", self.term.casefold()).strip("-") or "x")

    @property
    def letter(self) -> str:
        """The letter the term is filed under (A-Z, or # for anything else)."""
        first = next((c for c in self.term.upper() if c.isalnum()), "#")
        return first if "A" <= first <= "Z" else "#"


def glossary_section(source: str) -> str | None:
    """The text of a ``Glossary`` section in one markdown cell (to the next heading), if any."""
    heading = _GLOSSARY_HEADING.search(source)
    if heading is None:
        return None
    rest = source[heading.end() :]
    following = _NEXT_HEADING.search(rest)
    return rest[: following.start()] if following else rest


def _items(section: str) -> list[str]:
    """The bullets of a section, each joined with its indented continuation lines."""
    items: list[str] = []
    for line in section.splitlines():
        bullet = _BULLET.match(line)
        if bullet:
            items.append(bullet["item"].strip())
        elif items and line[:1].isspace() and line.strip():
            items[-1] += " " + line.strip()
    return items


def lesson_definitions(lesson: Lesson) -> list[Definition]:
    """Every term a lesson's Glossary section defines, in the lesson's order."""
    nb = nbformat.read(lesson.path, as_version=4)
    sections = [
        s
        for c in nb.cells
        if c.cell_type == "markdown"
        if (s := glossary_section(c.source)) is not None
    ]
    if not sections:
        raise SiteBuildError(
            f"{lesson.path.name}: no '## Glossary' section. Every lesson has "
            "one (house style); add it so its terms reach the glossary page."
        )
    definitions = []
    for item in (item for section in sections for item in _items(section)):
        match = _ITEM.match(item)
        if match is None:
            raise SiteBuildError(
                f"{lesson.path.name}: a glossary line is not in the shape "
                f"'- **Term**: definition.': {item!r}"
            )
        definitions.append(Definition(match["term"].strip(), match["definition"].strip(), lesson))
    return definitions


def _key(text: str) -> str:
    """Two wordings that differ only in case, spacing or punctuation are the same."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def build_glossary(lessons: Iterable[Lesson]) -> list[Entry]:
    """One entry per term across all lessons, sorted alphabetically."""
    entries: dict[str, Entry] = {}
    for lesson in lessons:
        for definition in lesson_definitions(lesson):
            entry = entries.setdefault(_key(definition.term), Entry(definition.term))
            entry.wordings.setdefault(_key(definition.text), []).append(definition)
    return sorted(entries.values(), key=lambda entry: _key(entry.term))
