"""Publish the course as a static website: ``python -m aicourse.site`` (or ``make site``).

The site is built from the committed notebooks, so it shows exactly what a learner saw when
each lesson was last run: every lesson in ``notebooks/`` becomes a page (with its outputs,
charts and widget demos), every student version in ``release/`` becomes a preview page and a
download, and the lessons' glossaries become one glossary page. Nothing is fetched at build
time or view time: the widget renderer is vendored under ``static/vendor/``.

Modules, in the order the data flows:

- ``catalogue``: find the lessons and exercises, in course order, and read their titles and
  policy-check dates;
- ``glossary``: read the terms from each lesson's Glossary section;
- ``widgets``: a static snapshot of each widget demo, for readers whose browser shows no widgets;
- ``render``: a notebook as HTML (nbconvert), with the course's cell template;
- ``build``: the pages, the shared assets and the offline bundle.

Not imported by ``import aicourse``: building the site needs nbconvert, the notebooks do not.
"""

from __future__ import annotations

from aicourse.site.catalogue import SiteBuildError

__all__ = ["SiteBuildError"]
