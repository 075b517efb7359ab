"""Benchmark: how long `make test` takes to create the course environment.

Usage: python benchmarks/setup_env.py

Runs the Makefile's own ``env`` target (a venv, ``pip install -r requirements.lock``, the
editable install of ``aicourse``, matplotlib's font cache, the grading sandbox's
kernelspec) into a temporary folder twice: first with an empty pip cache (every package
is downloaded), then with the cache the first run filled (a second environment on the same
machine). Matplotlib's cache folder is a fresh one as well. pip runs with no site
configuration (as on a fresh machine: no local mirror or wheel folder), so the first run
downloads every package from the package index. Needs the network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTION = "setup"


def python311() -> str:
    """A Python 3.11 to build the venv from (the Makefile's PYTHON)."""
    found = shutil.which("python3.11")
    return found or getattr(sys, "_base_executable", sys.executable)


def make_env(venv: Path, cache: Path) -> float:
    """Seconds for ``make env`` into ``venv`` with ``cache`` as pip's and matplotlib's cache."""
    # pip as on a fresh machine: no site configuration (mirrors, wheel folders, constraints).
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "VIRTUAL_ENV"} and not k.startswith("PIP_")
    }
    env |= {
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_CACHE_DIR": str(cache / "pip"),
        "MPLCONFIGDIR": str(cache / "matplotlib"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    command = ["make", "--no-print-directory", "-C", str(ROOT), "env"]
    command += [f"VENV={venv}", f"PYTHON={python311()}"]
    began = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def measure(quick: bool = False, log=print) -> list:
    """Table rows: environment creation from an empty cache and from a warm one."""
    from table import Row

    if quick:
        return [
            Row(SECTION, "make env, empty pip cache (full mode only)", "not run", 0, "s"),
            Row(SECTION, "make env, warm pip cache (full mode only)", "not run", 0, "s"),
        ]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        for n, label in enumerate(("empty pip cache", "warm pip cache")):
            venv = Path(tmp) / f"venv{n}"
            log(f"setup: make env, {label}")
            seconds = make_env(venv, cache)
            shutil.rmtree(venv)
            rows.append(Row(SECTION, f"make env, {label}", "environment creation", seconds, "s"))
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from table import markdown

    print(markdown(measure()))
