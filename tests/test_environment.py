"""The install paths cannot drift: pyproject ranges, the lock, and environment.yml agree."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_environment_yml_names_the_lock_packages_at_the_lock_versions():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    in_env = {}
    for line in pip_section:
        req = Requirement(line)
        (spec,) = req.specifier
        assert spec.operator == "==", f"environment.yml must pin exactly: {line}"
        in_env[req.name.lower()] = spec.version
    locked = _tool("write_environment_yml").locked_requirements()
    assert in_env == locked, "environment.yml and requirements.lock differ: run `make lock`"
    assert "python=3.11" in env["dependencies"]


def test_environment_yml_is_exactly_what_the_generator_writes():
    tool = _tool("write_environment_yml")
    expected = tool.render(tool.locked_requirements())
    assert (ROOT / "environment.yml").read_text() == expected, "run `make lock`"


def test_lock_satisfies_every_range_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    locked = _tool("write_environment_yml").locked_requirements()
    for line in wanted:
        req = Requirement(line)
        name = req.name.lower()
        assert name in locked, f"{name} is in pyproject.toml but not in requirements.lock"
        assert req.specifier.contains(locked[name]), f"{name}=={locked[name]} is outside {req}"


def test_running_environment_matches_the_lock():
    """The environment the tests run in is the locked one (so CI tests what learners get)."""
    from importlib.metadata import version

    locked = _tool("write_environment_yml").locked_requirements()
    for name in ("nbgrader", "jupyterlab", "ipywidgets", "scikit-learn", "nbval", "matplotlib"):
        assert version(name) == locked[name], f"{name} installed differs from the lock"


def test_package_tests_and_notebooks_are_lint_clean():
    linted = ("src", "tests", "tools", "notebooks", "source", "benchmarks")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *linted],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
