"""Build the course website: ``python -m aicourse.site [--root DIR] [--out DIR]``.

Run from a checkout of the course (``make site`` does this). Writes the site to ``_site/``
and the offline bundle to ``_site/downloads/ai-course-offline.zip``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aicourse.site.build import build_site
from aicourse.site.catalogue import SiteBuildError


def main(argv: list[str] | None = None) -> int:
    """Build the site and say what was written; a problem in the notebooks exits with 1."""
    parser = argparse.ArgumentParser(prog="python -m aicourse.site", description=__doc__)
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="the course checkout to publish (default: this folder)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="where to write the site (default: ROOT/_site)"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = (args.out or root / "_site").resolve()
    try:
        report = build_site(root, out)
    except SiteBuildError as problem:
        print(f"The site was not built: {problem}", file=sys.stderr)
        return 1
    size = report.bundle.stat().st_size / 1e6
    print(f"Built {len(report.pages)} pages in {report.seconds:.1f} s: {out}/index.html")
    print(f"Offline bundle: {report.bundle} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
