"""Deliver the lesson notebooks into a learner's home without ever overwriting their work.

On JupyterHub each learner works in their own copy of the lessons. Every time a learner's
server starts, :func:`deliver` copies in each lesson file they do not have yet: a new week's
lesson appears, and a lesson a learner deleted comes back fresh, but a file that is already
there (the learner's own edited copy) is never touched.

The copy runs as the learner (the hub starts it with the learner's account, and on Kubernetes
it is the pod's start-up hook), so it can only write where the learner can. A name in the
learner's folder that is taken by anything, even a link, is left alone.

    python -m aicourse.lessons --from /opt/aicourse/notebooks --to ~/lessons
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

#: Where the learner image keeps the lessons (``postBuild`` copies ``notebooks/`` there).
IMAGE_LESSONS = Path(sys.prefix) / "share" / "aicourse" / "lessons"

#: Folders that are never lessons.
_SKIP_DIRS = {".ipynb_checkpoints", "__pycache__"}


def lesson_files(source: Path) -> list[Path]:
    """The files under ``source`` to deliver, relative to it, in a stable order."""
    found = []
    for folder, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                found.append((Path(folder) / name).relative_to(source))
    return found


def _copy_new(src: Path, dest: Path) -> bool:
    """Copy ``src`` to ``dest`` only if nothing has that name; True if it was copied.

    Opening with ``x`` mode (O_CREAT | O_EXCL) fails on any existing name, including a link,
    so a file the learner already has, or a link they made, is never written through.
    """
    try:
        with src.open("rb") as reader, dest.open("xb") as writer:
            shutil.copyfileobj(reader, writer)
    except FileExistsError:
        return False
    return True


def deliver(source: Path, dest: Path) -> list[Path]:
    """Copy the lessons in ``source`` that ``dest`` lacks; return the files copied.

    Folders are created as needed. Nothing that exists in ``dest`` is changed, replaced or
    removed. A sub-folder whose name is taken by a file or a link in ``dest`` is skipped.
    """
    source, dest = Path(source), Path(dest)
    if not source.is_dir():
        raise FileNotFoundError(f"no lessons at {source}")
    copied = []
    for rel in lesson_files(source):
        try:
            _make_dirs(dest, rel.parent)
        except FileExistsError:
            continue  # a name on the way is taken by a file or a link: leave it alone
        if _copy_new(source / rel, dest / rel):
            copied.append(rel)
    return copied


def _make_dirs(dest: Path, rel: Path) -> None:
    """Create ``dest/rel`` folder by folder, refusing to go through a link."""
    folders = [dest, *(dest.joinpath(*rel.parts[: i + 1]) for i in range(len(rel.parts)))]
    for path in folders:
        if path.is_symlink():
            raise FileExistsError(f"{path} is a link")
        if not path.exists():
            path.mkdir(mode=0o755)
        elif not path.is_dir():
            raise FileExistsError(f"{path} is not a folder")


def main(argv: list[str] | None = None) -> int:
    """Deliver lessons from the command line; prints what was copied."""
    parser = argparse.ArgumentParser(prog="python -m aicourse.lessons", description=__doc__)
    parser.add_argument(
        "--from", dest="source", type=Path, default=IMAGE_LESSONS, help="the course's lessons"
    )
    parser.add_argument(
        "--to", dest="dest", type=Path, default=Path.home() / "lessons", help="learner's folder"
    )
    args = parser.parse_args(argv)
    try:
        copied = deliver(args.source, args.dest.expanduser())
    except (FileNotFoundError, PermissionError) as err:
        print(f"Lessons not delivered: {err}", file=sys.stderr)
        return 1
    print(f"Delivered {len(copied)} new lesson file(s) to {args.dest}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
