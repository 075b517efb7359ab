"""The Kubernetes (Zero to JupyterHub) config parses and agrees with the one-machine hub.

No cluster runs here. These checks make sure the files an administrator applies are valid
YAML with what the chart and Kubernetes need, and that they say the same as the hub tested in
``tests/test_hub.py``: course id, groups and roles, exchange path, culling, lessons, the
shared nbgrader settings, instructors' tools, and the memory sizing from the measurement.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from aicourse.hub import DEPLOY, HubSettings, course_config_text, load_settings
from aicourse.lessons import IMAGE_LESSONS

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "kubernetes"


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((K8S / "config.yaml").read_text())


@pytest.fixture(scope="module")
def grader() -> dict[str, dict]:
    docs = [d for d in yaml.safe_load_all((K8S / "grader.yaml").read_text()) if d]
    return {f"{d['kind']}/{d['metadata']['name']}": d for d in docs}


@pytest.fixture(scope="module")
def one_machine() -> HubSettings:
    """The one-machine hub's settings with every default (what the README sets up)."""
    return load_settings(DEPLOY / "hub.example.toml")


def _bytes(size: str) -> int:
    """A Kubernetes/KubeSpawner memory size (K, M, G, Ki, Mi, Gi) in bytes (powers of 1024)."""
    number, unit = re.fullmatch(r"([\d.]+)\s*([KMGT]i?)?", size).groups()
    return int(float(number) * 1024 ** " KMGT".index((unit or " ")[0]))


def test_values_have_what_the_chart_needs(values):
    assert set(values) >= {"hub", "singleuser", "cull", "scheduling", "proxy"}
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"]
    image = values["singleuser"]["image"]
    assert image["name"] and image["tag"] and image["tag"] != "latest", "pin the image"
    assert values["singleuser"]["cmd"] == "jupyterhub-singleuser"
    assert values["singleuser"]["storage"]["type"] == "dynamic"


def test_course_groups_and_roles_match_the_one_machine_hub(values, one_machine):
    course = one_machine.course
    hub = values["hub"]
    assert set(hub["loadGroups"]) == {one_machine.formgrade_group, one_machine.learner_group}
    assert hub["loadGroups"][one_machine.formgrade_group]["users"] == [one_machine.grader_user]
    assert set(hub["config"]["Authenticator"]["allowed_groups"]) == set(hub["loadGroups"])
    roles = hub["loadRoles"]
    assert f"access:services!service={course}" in roles[one_machine.formgrade_group]["scopes"]
    assert not any(s.startswith("access:") for s in roles[one_machine.learner_group]["scopes"])
    assert roles[f"{course}-service"]["services"] == [course]
    assert list(hub["services"]) == [course]
    assert hub["services"][course]["oauth_no_confirm"] is True
    extra = hub["extraConfig"]["aicourse"]
    assert f'"{one_machine.formgrade_group}"' in extra
    compile(extra, "hub.extraConfig.aicourse", "exec")  # valid Python for the hub


def test_culling_lessons_and_exchange_match_the_one_machine_hub(values, one_machine):
    assert values["cull"]["enabled"] is True
    assert values["cull"]["timeout"] == one_machine.cull_idle_after
    assert values["cull"]["every"] == one_machine.cull_every
    single = values["singleuser"]
    assert single["defaultUrl"] == f"/lab/tree/{one_machine.lessons_folder}"
    assert single["lifecycleHooks"]["postStart"]["exec"]["command"] == [
        "python", "-m", "aicourse.lessons",
    ]  # fmt: skip
    assert IMAGE_LESSONS.name == "lessons" and one_machine.lessons_folder == "lessons"
    (mount,) = single["storage"]["extraVolumeMounts"]
    assert mount["mountPath"] == str(one_machine.exchange_root)
    assert single["extraEnv"]["AICOURSE_EXCHANGE_ROOT"] == str(one_machine.exchange_root)


def test_shared_files_are_the_one_machine_files(values):
    files = values["singleuser"]["extraFiles"]
    shared = DEPLOY / "etc" / "jupyter" / "nbgrader_config.py"
    assert files["nbgrader-config"]["stringData"] == shared.read_text()
    assert files["nbgrader-config"]["mountPath"] == "/etc/jupyter/nbgrader_config.py"
    instructor = DEPLOY / "etc" / "instructor"
    server = json.loads(
        (instructor / "jupyter_server_config.d" / "aicourse-instructor.json").read_text()
    )
    lab = json.loads((instructor / "labconfig" / "page_config.json").read_text())
    assert files["instructor-server-extensions"]["data"] == server
    assert files["instructor-lab-plugins"]["data"] == lab
    assert files["instructor-server-extensions"]["mountPath"].startswith(
        "/etc/aicourse/instructor/"
    )


def test_grader_runs_the_course_service_like_the_one_machine_hub(values, grader, one_machine):
    course = one_machine.course
    assert values["hub"]["services"][course]["url"] == "http://grader-ai-foundations:8888"
    assert grader["Service/grader-ai-foundations"]["spec"]["ports"][0]["port"] == 8888
    pod = grader["Deployment/grader-ai-foundations"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    image = values["singleuser"]["image"]
    assert container["image"] == f"{image['name']}:{image['tag']}", "the learner image"
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["JUPYTERHUB_SERVICE_NAME"] == course
    assert env["JUPYTERHUB_USER"] == one_machine.grader_user
    assert env["AICOURSE_EXCHANGE_ROOT"] == str(one_machine.exchange_root)
    assert container["workingDir"] == str(one_machine.course_dir)
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert {str(one_machine.exchange_root), str(one_machine.course_dir)} <= mounts
    assert container["securityContext"]["runAsUser"] < 100000, "not in learners' id range"
    config = grader["ConfigMap/course-ai-foundations"]["data"]["nbgrader_config.py"]
    assert config == course_config_text(one_machine, Path("/srv/repo"), owners_known=False)
    volume = grader["PersistentVolumeClaim/nbgrader-exchange"]["spec"]
    assert volume["accessModes"] == ["ReadWriteMany"]


def test_memory_is_sized_from_the_measured_kernels(values):
    """Guarantee: a server and one kernel at peak; limit: a server and three kernels."""
    readme = (K8S / "README.md").read_text()
    kernel = float(re.search(r"kernel peak: \*\*([\d.]+) MiB\*\*", readme).group(1))
    server = float(re.search(r"idle server: \*\*([\d.]+) MiB\*\*", readme).group(1))
    memory = values["singleuser"]["memory"]
    mib = 1024 * 1024
    assert _bytes(memory["guarantee"]) >= (server + kernel) * mib
    assert _bytes(memory["limit"]) >= (server + 3 * kernel) * mib
    assert _bytes(memory["limit"]) <= 2 * (server + 3 * kernel) * mib, "not wastefully large"
