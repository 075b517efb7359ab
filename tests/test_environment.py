"""The install paths cannot drift: pyproject ranges, the lock, and environment.yml agree."""

from __future__ import annotations

import importlib.util
import os
import pwd
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
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
    extras = project["optional-dependencies"]
    wanted = project["dependencies"] + [line for group in extras.values() for line in group]
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


def test_python_files_are_ruff_formatted():
    """One layout for the package, tests, tools and benchmarks (notebooks are laid out by hand)."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "src", "tests", "tools", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, "run `ruff format src tests tools benchmarks`:\n" + result.stdout


# --- The learner image: repo2docker / Binder build from environment.yml + postBuild -------


def test_repo2docker_uses_environment_yml_postbuild_apt_and_start():
    """repo2docker builds from these files only if nothing outranks them (tech notes §6)."""
    for outranking in ("Dockerfile", "binder", ".binder", "requirements.txt", "runtime.txt"):
        assert not (ROOT / outranking).exists(), (
            f"{outranking} would change what repo2docker builds"
        )
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    names = {Requirement(line).name.lower() for line in pip_section}
    # Learners' servers run jupyterhub-singleuser; nbgrader gives them the assignment list.
    assert {"jupyterhub", "nbgrader", "jupyterlab"} <= names
    apt = (ROOT / "apt.txt").read_text().split()
    assert "bubblewrap" in apt, "the course service autogrades in the sandbox on this image"
    assert "libnss-wrapper" in apt, "the start script lends learners' ids a name"


def _shell_script(name: str) -> str:
    path = ROOT / name
    text = path.read_text()
    assert text.startswith("#!/bin/bash\n"), f"{name} must start with #!/bin/bash"
    assert path.stat().st_mode & 0o111, f"{name} must be executable"
    check = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    return text


def test_postbuild_stops_on_errors_installs_the_course_and_turns_off_instructor_tools():
    text = _shell_script("postBuild")
    assert "set -euo pipefail" in text, "without set -e repo2docker ignores errors"
    assert "pip install --no-deps --no-build-isolation ." in text
    assert 'cp -r notebooks "$prefix/share/aicourse/lessons"' in text
    assert "install_kernelspec" in text
    lab_plugins = set(re.findall(r"labextension disable --level=sys_prefix (\S+)", text))
    server_exts = set(re.findall(r"server extension disable --sys-prefix (\S+)", text))
    assert lab_plugins == {f"@jupyter/nbgrader:{p}" for p in ("formgrader", "create-assignment",
                                                              "course-list")}  # fmt: skip
    assert server_exts == {f"nbgrader.server_extensions.{e}" for e in ("formgrader", "course_list")}
    # The names are real: each server extension imports, each lab plugin is in nbgrader's build.
    for name in server_exts:
        assert importlib.util.find_spec(name) is not None, name
    built = Path(sys.prefix, "share/jupyter/labextensions/@jupyter/nbgrader/static")
    code = "".join(p.read_text(errors="replace") for p in built.glob("*.js"))
    for plugin in lab_plugins:
        assert f'"{plugin}"' in code, f"{plugin} is not a plugin of the installed nbgrader"


def test_start_script_ends_by_running_the_server():
    text = _shell_script("start")
    assert text.rstrip().endswith('exec "$@"'), 'repo2docker\'s start must end in exec "$@"'


def test_lessons_in_the_image_are_where_the_lessons_command_looks():
    from aicourse.lessons import IMAGE_LESSONS

    assert IMAGE_LESSONS == Path(sys.prefix) / "share" / "aicourse" / "lessons"


def test_start_script_gives_a_learners_id_a_name_nbgrader_can_use(tmp_path):
    """On Kubernetes a learner's server runs under an id with no account name (see start)."""
    from servers import reachable

    wrapper = sorted(Path("/usr/lib").glob("*/libnss_wrapper.so"))
    if os.geteuid() != 0 or not wrapper or shutil.which("setpriv") is None:
        pytest.skip("needs root, setpriv and libnss-wrapper (apt.txt) to run as a nameless id")
    uid = next(n for n in range(123_400, 124_000) if not _has_account(n))
    code = "from nbgrader.utils import get_username; print(get_username())"
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "NB_USER": "jovyan",
        "JUPYTERHUB_USER": "aroha",
        "PYTHONPATH": str(ROOT / "src"),
    }
    as_nobody = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
    tmp_path.chmod(0o777)
    with reachable([Path(sys.executable), ROOT / "start", tmp_path]):
        plain = subprocess.run([*as_nobody, sys.executable, "-c", code], env=env, cwd=tmp_path,
                               capture_output=True, text=True, timeout=60)  # fmt: skip
        started = subprocess.run([*as_nobody, str(ROOT / "start"), sys.executable, "-c", code],
                                 env=env, cwd=tmp_path, capture_output=True, text=True,
                                 timeout=60)  # fmt: skip
    assert "uid not found" in plain.stderr, "without the start script nbgrader cannot name it"
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "aroha", "nbgrader uses the hub's name for jovyan"


def _has_account(uid: int) -> bool:
    try:
        pwd.getpwuid(uid)
    except KeyError:
        return False
    return True
