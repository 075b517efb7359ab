"""Regenerate the student versions in release/ from source/ with nbgrader.

Usage: python tools/make_release.py [--into DIR] [ASSIGNMENT ...]

Uses the course's nbgrader_config.py and a throwaway gradebook, so running it never
touches an instructor's real gradebook. The tests call ``generate`` to prove that the
committed release/ is exactly what nbgrader makes from source/ today.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def assignments() -> list[str]:
    """Every assignment under source/, in order."""
    return sorted(
        p.name for p in (ROOT / "source").iterdir() if p.is_dir() and not p.name.startswith(".")
    )


def venv_env() -> dict[str, str]:
    """The environment with this Python's bin folder first on PATH (nbgrader runs alembic)."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def generate(names: list[str], into: Path) -> None:
    """Run ``nbgrader generate_assignment`` for each name, writing into ``into``."""
    nbgrader = Path(sys.executable).with_name("nbgrader")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            cmd = [
                str(nbgrader),
                "generate_assignment",
                name,
                "--force",
                "--log-level=WARN",
                f"--CourseDirectory.release_directory={into}",
                f"--CourseDirectory.db_url=sqlite:///{tmp}/gradebook.db",
            ]
            result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=venv_env())
            if result.returncode != 0:
                raise RuntimeError(f"nbgrader could not generate {name}:\n{result.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="assignments (default: all under source/)")
    parser.add_argument("--into", type=Path, default=ROOT / "release")
    args = parser.parse_args()
    names = args.names or assignments()
    for name in names:
        shutil.rmtree(args.into / name, ignore_errors=True)
    generate(names, args.into.resolve())
    print(f"Generated {', '.join(names)} into {args.into}")


if __name__ == "__main__":
    main()
