"""The one-machine hub's configuration, read as JupyterHub reads it (no hub started).

``tests/test_hub.py`` runs the hub for real (as root); these checks run anywhere and say what
an administrator's settings turn into: groups, roles, the course service, culling, and which
nbgrader tools learners and instructors get.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from types import SimpleNamespace

import pytest
from jupyter_server.extension.config import ExtensionConfigManager
from jupyterlab_server.config import get_page_config
from traitlets.config.loader import PyFileConfigLoader

from aicourse.hub import DEPLOY, HubSettings, course_config_text, course_id, load_settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = DEPLOY / "hub.example.toml"
INSTRUCTOR_EXTENSIONS = ("formgrader", "course_list")
INSTRUCTOR_PLUGINS = ("formgrader", "create-assignment", "course-list")


def hub_config(monkeypatch, settings: Path = EXAMPLE):
    """deploy/jupyterhub/jupyterhub_config.py loaded with ``settings``, as the hub loads it."""
    monkeypatch.setenv("AICOURSE_HUB_SETTINGS", str(settings))
    return PyFileConfigLoader("jupyterhub_config.py", path=str(DEPLOY)).load_config()


def test_course_id_comes_from_the_course_config():
    assert course_id() == "ai-foundations"
    settings = load_settings(EXAMPLE)
    assert settings.formgrade_group == "formgrade-ai-foundations"
    assert settings.learner_group == "nbgrader-ai-foundations"
    assert settings.grader_user == "grader-ai-foundations"
    assert settings.course_dir == Path("/srv/nbgrader/ai-foundations")


def test_groups_roles_and_sign_in(monkeypatch):
    c = hub_config(monkeypatch)
    s = load_settings(EXAMPLE)
    groups = c.JupyterHub.load_groups
    assert groups["formgrade-ai-foundations"]["users"] == [*s.instructors, s.grader_user]
    assert groups["nbgrader-ai-foundations"]["users"] == list(s.learners)
    assert c.Authenticator.allowed_users == set(s.instructors) | set(s.learners)
    assert s.grader_user not in c.Authenticator.allowed_users, "nobody signs in as the grader"
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    instructors, learners = roles["formgrade-ai-foundations"], roles["nbgrader-ai-foundations"]
    assert "access:services!service=ai-foundations" in instructors["scopes"]
    assert not any(scope.startswith("access:") for scope in learners["scopes"])
    assert c.JupyterHub.authenticator_class == "pam"


def test_course_service_runs_as_the_grader_in_the_course_folder(monkeypatch):
    c = hub_config(monkeypatch)
    s = load_settings(EXAMPLE)
    services = {svc["name"]: svc for svc in c.JupyterHub.services}
    course = services["ai-foundations"]
    assert course["user"] == "grader-ai-foundations"
    assert course["cwd"] == str(s.course_dir)
    assert course["command"][0].endswith("jupyterhub-singleuser")
    assert course["url"].startswith("http://127.0.0.1:")
    assert course["environment"]["JUPYTER_CONFIG_PATH"].startswith(str(DEPLOY / "etc/instructor"))
    culler = " ".join(services["idle-culler"]["command"])
    assert "--timeout=3600" in culler and "--cull-every=600" in culler


def test_learners_and_instructors_get_different_jupyter_config(monkeypatch):
    c = hub_config(monkeypatch)
    config_path = c.Spawner.environment["JUPYTER_CONFIG_PATH"]

    def spawner(*groups: str) -> SimpleNamespace:
        return SimpleNamespace(
            user=SimpleNamespace(groups=[SimpleNamespace(name=g) for g in groups])
        )

    learner = config_path(spawner("nbgrader-ai-foundations")).split(":")
    instructor = config_path(spawner("formgrade-ai-foundations")).split(":")
    nobody = config_path(spawner()).split(":")
    assert learner[0] == nobody[0] == str(DEPLOY / "etc/learner")
    assert instructor[0] == str(DEPLOY / "etc/instructor")
    assert learner[1] == instructor[1] == str(DEPLOY / "etc/jupyter")


def _postbuild_disables() -> tuple[set[str], set[str]]:
    """The lab plugins and server extensions postBuild turns off in the learner image."""
    plugins, extensions = set(), set()
    for line in (ROOT / "postBuild").read_text().splitlines():
        words = shlex.split(line, comments=True)
        if words[:3] == ["jupyter", "labextension", "disable"]:
            plugins.add(words[-1])
        if words[:4] == ["jupyter", "server", "extension", "disable"]:
            extensions.add(words[-1])
    return plugins, extensions


def test_learner_folder_turns_off_what_postbuild_turns_off_and_instructor_folder_turns_it_on():
    plugins, extensions = _postbuild_disables()
    assert plugins == {f"@jupyter/nbgrader:{p}" for p in INSTRUCTOR_PLUGINS}
    assert extensions == {f"nbgrader.server_extensions.{e}" for e in INSTRUCTOR_EXTENSIONS}
    for role, off in (("learner", True), ("instructor", False)):
        folder = DEPLOY / "etc" / role
        page = json.loads((folder / "labconfig/page_config.json").read_text())
        assert page["disabledExtensions"] == dict.fromkeys(plugins, off)
        (server,) = (folder / "jupyter_server_config.d").glob("*.json")
        enabled = json.loads(server.read_text())["ServerApp"]["jpserver_extensions"]
        assert enabled == dict.fromkeys(extensions, not off)


def test_the_instructor_folder_wins_over_a_learner_image(tmp_path: Path, monkeypatch):
    """On the learner image (postBuild turned the tools off) instructors still get them."""
    image = tmp_path / "image"  # stands in for the image's sys-prefix config
    (image / "labconfig").mkdir(parents=True)
    (image / "jupyter_server_config.d").mkdir()
    for name in ("labconfig/page_config.json", "jupyter_server_config.d/aicourse-learner.json"):
        (image / name).write_text((DEPLOY / "etc/learner" / name).read_text())
    plugins, extensions = _postbuild_disables()

    def tools(*folders: Path) -> tuple[set[str], set[str]]:
        paths = [str(f) for f in folders]
        monkeypatch.setenv("JUPYTER_CONFIG_PATH", ":".join(paths))
        monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "user"))
        page = get_page_config([], None)
        disabled = set(page["disabledExtensions"])  # a list of the plugins turned off
        on = ExtensionConfigManager(read_config_path=paths).get_jpserver_extensions()
        return plugins - disabled, {e for e in extensions if on.get(e)}

    assert tools(image) == (set(), set())
    assert tools(DEPLOY / "etc/instructor", image) == (plugins, extensions)


def test_course_config_for_the_grader_reuses_the_course_settings(tmp_path: Path):
    settings = HubSettings(instructors=("ins",), learners=("ana",), course_dir=tmp_path / "course")
    (tmp_path / "course").mkdir()
    (tmp_path / "course/nbgrader_config.py").write_text(course_config_text(settings))
    c = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path / "course")).load_config()
    assert c.CourseDirectory.course_id == "ai-foundations"
    assert c.CourseDirectory.root == str(tmp_path / "course")
    assert c.CourseDirectory.db_url == f"sqlite:///{tmp_path / 'course/gradebook.db'}"
    assert c.ExchangeCollect.check_owner is True, "real accounts: submissions must be theirs"
    assert c.ExchangeFactory.collect == "aicourse.grading.exchange.OwnerCheckedCollect"
    steps = [step.__name__ for step in c.Autograde.autograde_preprocessors]
    assert "SandboxedExecute" in steps, "autograding stays in the sandbox on the hub"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"learners": ("ins",)}, "both instructor and learner"),
        ({"instructors": ()}, "no instructors"),
        ({"learners": ("Bad Name",)}, "not a valid account name"),
        ({"authenticator": "shared-password", "shared_password": "long-enough"}, ""),
        (
            {"authenticator": "shared-password", "shared_password": "long-enough",
             "bind_url": "http://0.0.0.0:8000"},
            "for tests on loopback only",
        ),
        ({"authenticator": "dummy", "bind_url": "https://hub.example.govt.nz"}, "loopback only"),
        ({"exchange_root": Path("exchange")}, "exchange_root must be an absolute path"),
    ],
)  # fmt: skip
def test_settings_refuse_what_would_be_unsafe_or_broken(change, problem):
    values = {"instructors": ("ins",), "learners": ("ana", "ben")} | change
    if not problem:
        assert HubSettings(**values).authenticator == change["authenticator"]
        return
    with pytest.raises(ValueError, match=problem):
        HubSettings(**values)


def test_settings_file_rejects_unknown_names(tmp_path: Path):
    path = tmp_path / "hub.toml"
    path.write_text('instructors = ["ins"]\nlearners = ["ana"]\nlearner = ["typo"]\n')
    with pytest.raises(ValueError, match="unknown setting"):
        load_settings(path)


def test_an_intake_with_its_own_course_id_gets_it_everywhere(tmp_path: Path):
    settings = HubSettings(instructors=("ins",), learners=("ana",), course="ai-foundations-2027a")
    assert settings.formgrade_group == "formgrade-ai-foundations-2027a"
    assert settings.grader_user == "grader-ai-foundations-2027a"
    (tmp_path / "nbgrader_config.py").write_text(course_config_text(settings))
    c = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path)).load_config()
    assert c.CourseDirectory.course_id == "ai-foundations-2027a"
