"""Write environment.yml from requirements.lock, so conda, Binder and JupyterHub images get
exactly the packages and versions of the lock.

repo2docker reads only environment.yml (and postBuild) when environment.yml exists, so the
lock's pins are listed under pip: one lock, every install path. Run by ``make lock``.
"""

from __future__ import annotations

from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]

#: The environment the lock is resolved for: Linux, CPython 3.11 (JupyterHub and Binder).
TARGET = {
    "python_version": "3.11",
    "python_full_version": "3.11.7",
    "sys_platform": "linux",
    "platform_system": "Linux",
    "os_name": "posix",
    "implementation_name": "cpython",
    "platform_machine": "x86_64",
}


def locked_requirements(lock: Path = ROOT / "requirements.lock") -> dict[str, str]:
    """Map of package name to pinned version, for the lines of the lock that apply on Linux 3.11."""
    pins: dict[str, str] = {}
    for line in lock.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        if req.marker is not None and not req.marker.evaluate(TARGET):
            continue
        (spec,) = req.specifier
        if spec.operator != "==":
            raise ValueError(f"the lock must pin exact versions; found {line!r}")
        pins[req.name.lower()] = spec.version
    return pins


def render(pins: dict[str, str]) -> str:
    """The text of environment.yml for these pins."""
    lines = [
        "# Generated from requirements.lock by tools/write_environment_yml.py (make lock).",
        "# Do not edit by hand: tests/test_environment.py checks the two agree.",
        "name: aicourse",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {name}=={version}" for name, version in sorted(pins.items())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (ROOT / "environment.yml").write_text(render(locked_requirements()))
    print("Wrote environment.yml")
