"""The course on a real JupyterHub: an instructor releases and grades, two learners take part.

The hub runs on loopback from ``deploy/jupyterhub/jupyterhub_config.py`` with settings that
point at a temporary folder, after ``python -m aicourse.hub setup`` prepared it, exactly as an
administrator would (only the sign-in is the test-only shared password). Real local accounts
are created for an instructor, two learners and the grader, so file permissions are the
real ones; that needs root, and the test is skipped otherwise.

Everything people do goes through HTTP with a browser's cookies: sign in, start a server,
list, fetch, answer (one right, one wrong) and submit; the instructor releases, collects,
autogrades each learner and releases feedback through the formgrader's API; each learner
fetches their own feedback. A learner gets 403 from the formgrader, and code run in a
learner's own notebook kernel cannot read the other learner's work, the submissions, the
solutions or the gradebook.

Every process the hub started is found by its id and stopped within a bounded time, and
the accounts, their groups and the folders are removed afterwards.
"""

from __future__ import annotations

import grp
import html
import json
import os
import pwd
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import psutil
import pytest
import requests
from nbgrader_harness import answer_release, autograded_points
from plan_week_1 import plan as week1_plan
from servers import free_port, reachable

from aicourse.grading.sandbox import sandbox_problem
from aicourse.hub import DEPLOY

pytestmark = pytest.mark.hub

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
COURSE = "ai-foundations"
ASSIGNMENT = "week-1"
NOTEBOOK = f"{ASSIGNMENT}-exercises.ipynb"
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "hub-test-" + uuid.uuid4().hex[:12]
MARK = "aicourse hub test"  # the comment on every account the test creates
INSTRUCTOR, ANA, BEN, GRADER = "aict-ins", "aict-ana", "aict-ben", "aict-grader"
PEOPLE = (INSTRUCTOR, ANA, BEN)
TIMEOUT = 60  # seconds for any one step


def _why_not() -> str | None:
    if sys.platform != "linux":
        return "the hub test needs Linux (local accounts, bubblewrap)"
    if os.geteuid() != 0:
        return (
            "the hub test runs only as root: it creates real local accounts (an instructor, "
            "two learners, a grader) so that file permissions are tested for real"
        )
    for tool in ("useradd", "userdel"):
        if shutil.which(tool) is None:
            return f"{tool} is missing"
    if not PROXY.exists() and shutil.which("npm") is None:
        return "node and npm are needed for the hub's proxy (configurable-http-proxy)"
    return sandbox_problem()


if reason := _why_not():
    pytest.skip(reason, allow_module_level=True)


# --- Set-up and tear-down: the proxy, folder access, accounts, the hub's processes ----------


def _install_proxy() -> None:
    """configurable-http-proxy from npm into deploy/jupyterhub/node_modules (gitignored)."""
    if PROXY.exists():
        return
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(DEPLOY)],
        check=True,
        capture_output=True,
        timeout=300,
    )


def _remove_account(name: str) -> None:
    """Remove a test account (and its group and home), stopping its processes first by id."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return
    assert entry.pw_gecos == MARK, f"refusing to remove {name}: not made by this test"
    for proc in psutil.process_iter(["uids"]):
        if proc.info["uids"] and proc.info["uids"].real == entry.pw_uid:
            try:
                proc.kill()
            except psutil.NoSuchProcess:
                pass
    psutil.wait_procs(
        [p for p in psutil.process_iter(["uids"]) if p.info["uids"].real == entry.pw_uid],
        timeout=10,
    )
    subprocess.run(["userdel", "--remove", name], capture_output=True, timeout=30, check=False)
    subprocess.run(["groupdel", name], capture_output=True, timeout=30, check=False)


@contextmanager
def accounts(homes: Path) -> Iterator[None]:
    """Create the test's accounts (each with its own group), homes under ``homes``."""
    names = (*PEOPLE, GRADER)
    for name in names:
        _remove_account(name)  # left over from an interrupted run
    try:
        for name in names:
            subprocess.run(
                ["useradd", "--create-home", "--home-dir", str(homes / name), "--user-group",
                 "--comment", MARK, "--shell", "/bin/bash", name],
                check=True,
                capture_output=True,
                timeout=30,
            )  # fmt: skip
            # Readable by all, as some systems make homes: the hub must make them private.
            (homes / name).chmod(0o755)
        yield
    finally:
        for name in names:
            _remove_account(name)
        leftovers = [n for n in names if _exists(pwd.getpwnam, n) or _exists(grp.getgrnam, n)]
        assert not leftovers, f"accounts or groups not removed: {leftovers}"


def _exists(lookup: Callable[[str], object], name: str) -> bool:
    try:
        lookup(name)
    except KeyError:
        return False
    return True


@contextmanager
def hub_process(cmd: list[str], env: dict[str, str], cwd: Path, ready: Callable[[], bool]):
    """Run the hub until the block ends, then stop it and everything it started, by id.

    The hub is asked to stop (SIGTERM) and given 20 s; then it and every process it started
    (proxy, course service, culler, people's servers, kernels: recorded while it ran) are
    killed by id. Servers run in their own sessions, so they are found from the hub's tree.
    """
    log = cwd / "hub.log"
    with log.open("wb") as out:
        hub = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    seen: dict[int, psutil.Process] = {}

    def record() -> None:
        try:
            for child in psutil.Process(hub.pid).children(recursive=True):
                seen.setdefault(child.pid, child)
        except psutil.NoSuchProcess:
            pass

    try:
        deadline = time.monotonic() + TIMEOUT
        while not _quietly(ready):
            if hub.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the hub did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        record()
        yield record
    finally:
        record()
        hub.send_signal(signal.SIGTERM)
        try:
            hub.wait(timeout=20)
        except subprocess.TimeoutExpired:
            hub.kill()
            hub.wait(timeout=10)
        alive = [p for p in seen.values() if p.is_running()]
        for proc in alive:
            try:
                proc.kill()
            except psutil.NoSuchProcess:
                pass
        _, still = psutil.wait_procs(alive, timeout=10)
        # Shown by pytest only when a test failed: the hub's and its services' log.
        print("--- hub log (last 8000 characters) ---\n" + log.read_text()[-8000:])
        assert not still, f"processes still running after the hub test: {still}"


def _quietly(check: Callable[[], bool]) -> bool:
    try:
        return check()
    except (OSError, requests.RequestException):
        return False


# --- People: a browser session each ------------------------------------------------------


def wait_for(check: Callable[[], object], what: str, timeout: float = TIMEOUT) -> object:
    """Poll ``check`` until it returns something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.3)


@dataclass
class Person:
    """Someone using the hub from a browser: cookies, and the xsrf token for each server."""

    name: str
    base: str
    session: requests.Session

    def _xsrf(self, path: str) -> dict[str, str]:
        """The X-XSRFToken header a page under ``path`` would send (its server's cookie)."""
        best = ("", "")
        for cookie in self.session.cookies:
            if (
                cookie.name == "_xsrf"
                and path.startswith(cookie.path)
                and len(cookie.path) > len(best[0])
            ):
                best = (cookie.path, cookie.value)
        return {"X-XSRFToken": best[1]} if best[1] else {}

    def get(self, path: str, **kw) -> requests.Response:
        return self.session.get(self.base + path, headers=self._xsrf(path), timeout=TIMEOUT, **kw)

    def send(self, method: str, path: str, **kw) -> requests.Response:
        return self.session.request(
            method, self.base + path, headers=self._xsrf(path), timeout=TIMEOUT * 3, **kw
        )

    def post(self, path: str, **kw) -> requests.Response:
        return self.send("POST", path, **kw)

    def json(self, method: str, path: str, **kw) -> object:
        response = self.send(method, path, **kw) if method != "GET" else self.get(path, **kw)
        assert response.ok, f"{self.name}: {method} {path} gave {response.status_code}"
        return response.json()


def sign_in(base: str, name: str) -> Person:
    """Open the hub's login page and sign in with the test's shared password."""
    person = Person(name, base, requests.Session())
    page = person.get("/hub/login")
    assert page.status_code == 200, page.status_code
    response = person.post(
        "/hub/login?next=", data={"username": name, "password": PASSWORD}, allow_redirects=False
    )
    assert response.status_code == 302, f"{name} could not sign in: {response.status_code}"
    return person


def start_server(person: Person) -> None:
    """Start the person's server from the hub (as the home page's Start button does)."""
    api = f"/hub/api/users/{person.name}"
    response = person.post(f"{api}/server")
    assert response.status_code in (201, 202), (response.status_code, response.text)
    wait_for(
        lambda: person.json("GET", api)["servers"].get("", {}).get("ready"),
        f"{person.name}'s server to start",
        timeout=120,
    )
    # Open the server once, through the hub's OAuth, as the browser does after spawning.
    assert person.get(f"/user/{person.name}/lab").status_code == 200


def stop_server(person: Person) -> None:
    """Stop the person's server from the hub (the Stop My Server button)."""
    api = f"/hub/api/users/{person.name}"
    assert person.send("DELETE", f"{api}/server").status_code in (202, 204)
    wait_for(lambda: not person.json("GET", api)["servers"], f"{person.name}'s server to stop")


def run_in_kernel(person: Person, code: str) -> str:
    """Run ``code`` in a new kernel on the person's server; return what it printed."""
    import websocket

    server = f"/user/{person.name}"
    kernel = person.json("POST", f"{server}/api/kernels", json={"name": "python3"})
    token = person.json("POST", f"/hub/api/users/{person.name}/tokens", json={"expires_in": 600})
    url = f"{person.base.replace('http', 'ws', 1)}{server}/api/kernels/{kernel['id']}/channels"
    ws = websocket.create_connection(
        url, header=[f"Authorization: token {token['token']}"], timeout=TIMEOUT
    )
    msg_id = uuid.uuid4().hex
    ws.send(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "msg_type": "execute_request",
                    "username": person.name,
                    "session": uuid.uuid4().hex,
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "content": {"code": code, "silent": False, "store_history": False},
                "channel": "shell",
                "buffers": [],
            }
        )
    )
    printed: list[str] = []
    try:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg = json.loads(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "stream":
                printed.append(msg["content"]["text"])
            elif kind == "error":
                printed.append("ERROR " + msg["content"]["ename"] + ": " + msg["content"]["evalue"])
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                return "".join(printed)
        pytest.fail(f"the kernel on {person.name}'s server did not finish in {TIMEOUT} s")
    finally:
        ws.close()
        person.send("DELETE", f"{server}/api/kernels/{kernel['id']}")
    return ""  # pragma: no cover - pytest.fail raises


# --- The hub, set up as an administrator would ---------------------------------------------


@dataclass
class Hub:
    """The running hub and where its course lives."""

    base: str
    root: Path
    settings: dict[str, object]
    record: Callable[[], None]
    setup_output: str
    env: dict[str, str]

    @property
    def course_dir(self) -> Path:
        return Path(str(self.settings["course_dir"]))

    @property
    def exchange(self) -> Path:
        return Path(str(self.settings["exchange_root"]))

    def home(self, name: str) -> Path:
        return Path(pwd.getpwnam(name).pw_dir)


def _toml(settings: dict[str, object]) -> str:
    return "".join(f"{key} = {json.dumps(value)}\n" for key, value in settings.items())


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    _install_proxy()
    root = Path(tempfile.mkdtemp(prefix="aicourse-hub-", dir="/tmp"))
    root.chmod(0o755)  # the accounts' homes live under it
    (root / "homes").mkdir(mode=0o755)
    port = free_port()
    settings: dict[str, object] = {
        "instructors": [INSTRUCTOR],
        "learners": [ANA, BEN],
        "bind_url": f"http://127.0.0.1:{port}",
        "hub_port": free_port(),
        "proxy_api_port": free_port(),
        "service_port": free_port(),
        "data_dir": str(root / "hub-data"),
        "exchange_root": str(root / "srv" / "exchange"),
        "course_dir": str(root / "srv" / COURSE),
        "grader_user": GRADER,
        "authenticator": "shared-password",
        "shared_password": PASSWORD,
        "proxy_command": str(PROXY),
        "python_bin": str(BIN),
    }
    settings_file = root / "hub.toml"
    settings_file.write_text(_toml(settings))
    env = {
        "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin",
        "PYTHONPATH": str(ROOT / "src"),  # this checkout's course package
        "AICOURSE_HUB_SETTINGS": str(settings_file),
        "HOME": str(root),
        "LANG": "C.UTF-8",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
    }
    base = f"http://127.0.0.1:{port}"
    try:
        with (
            reachable([Path(sys.executable), ROOT / "src", ROOT / "notebooks", DEPLOY / "etc"]),
            accounts(root / "homes"),
        ):
            setup = subprocess.run(
                [sys.executable, "-m", "aicourse.hub", "setup", "--settings", str(settings_file)],
                env=env,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
            )
            assert setup.returncode == 0, setup.stderr + setup.stdout
            cmd = [str(BIN / "jupyterhub"), "-f", str(DEPLOY / "jupyterhub_config.py")]
            ready = lambda: requests.get(f"{base}/hub/api", timeout=5).ok  # noqa: E731
            with hub_process(cmd, env, root, ready) as record:
                yield Hub(base, root, settings, record, setup.stdout, env)
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --- The journeys ---------------------------------------------------------------------------


@dataclass
class Journey:
    """What happened, step by step, for the assertions below."""

    hub: Hub
    people: dict[str, Person]
    released: dict
    listed_before: dict[str, list]
    fetched: dict[str, list]
    submitted: dict[str, list]
    forged: str
    collected: dict
    submissions: list
    autograded: dict[str, dict]
    feedback_released: dict
    cohort: subprocess.CompletedProcess[str]
    feedback: dict[str, str]
    lessons: dict[str, dict]
    seconds: float


def _assignment(listing: list, status: str | None = None) -> dict:
    found = [a for a in listing if a["assignment_id"] == ASSIGNMENT and a["course_id"] == COURSE]
    if status is not None:
        found = [a for a in found if a["status"] == status]
    assert found, f"no {status or ''} {ASSIGNMENT} in {listing}"
    return found[0]


#: What a learner would type in a terminal to submit in another learner's name.
FORGE = f"""
import subprocess
cmd = ["nbgrader", "submit", "{ASSIGNMENT}", "--course", "{COURSE}", "--student", "{BEN}",
       "--Authenticator.plugin_class=nbgrader.auth.base.NoAuthPlugin"]
print("EXIT", subprocess.run(cmd, capture_output=True).returncode)
"""


@pytest.fixture(scope="module")
def journey(hub: Hub) -> Journey:
    started = time.monotonic()
    grader_api = f"/services/{COURSE}/formgrader/api"
    people = {name: sign_in(hub.base, name) for name in PEOPLE}
    ins = people[INSTRUCTOR]

    # The instructor opens the formgrader in its own tab and releases week 1.
    assert ins.get(f"/services/{COURSE}/formgrader").status_code == 200
    generated = ins.json("POST", f"{grader_api}/assignment/{ASSIGNMENT}/assign")
    assert generated["success"], generated
    released = ins.json("POST", f"{grader_api}/assignment/{ASSIGNMENT}/release")

    plan = week1_plan().learners
    answers = {ANA: plan["solution"].answers, BEN: plan["mistakes"].answers}
    listed_before, fetched, submitted, lessons = {}, {}, {}, {}
    for name in (ANA, BEN):
        person = people[name]
        start_server(person)
        hub.record()
        server = f"/user/{name}"
        lessons[name] = person.json("GET", f"{server}/api/contents/lessons/foundations")
        listing = f"{server}/assignments?course_id={COURSE}"
        listed_before[name] = person.json("GET", listing)["value"]
        form = {"course_id": COURSE, "assignment_id": ASSIGNMENT}
        fetched[name] = person.json("POST", f"{server}/assignments/fetch", data=form)["value"]
        # The learner answers in the notebook; the server saves it, as JupyterLab does.
        path = f"{server}/api/contents/{COURSE}/{ASSIGNMENT}/{NOTEBOOK}"
        model = person.json("GET", path)
        local = hub.root / f"{name}.ipynb"
        nbformat.write(nbformat.from_dict(model["content"]), local)
        answered = answer_release(local, answers[name])
        saved = {"type": "notebook", "format": "json", "content": answered}
        person.json("PUT", path, data=json.dumps(saved))
        submitted[name] = person.json("POST", f"{server}/assignments/submit", data=form)["value"]

    # Ana, from her own notebook, submits her answers in Ben's name (nbgrader allows it).
    forged = run_in_kernel(people[ANA], FORGE)

    collected = ins.json("POST", f"{grader_api}/assignment/{ASSIGNMENT}/collect")
    submissions = ins.json("GET", f"{grader_api}/submissions/{ASSIGNMENT}")
    autograded = {}
    for name in (ANA, BEN):  # one at a time: concurrent kernels once stalled nbclient
        path = f"{grader_api}/submission/{ASSIGNMENT}/{name}/autograde"
        autograded[name] = ins.json("POST", path)
    ins.json("POST", f"{grader_api}/assignment/{ASSIGNMENT}/generate_feedback")
    feedback_released = ins.json("POST", f"{grader_api}/assignment/{ASSIGNMENT}/release_feedback")

    # An administrator grades the whole cohort in one go, as the grader (safe to repeat).
    cohort = subprocess.run(
        [sys.executable, "-m", "aicourse.grading", "--course", str(hub.course_dir), "grade",
         ASSIGNMENT],
        user=GRADER, group=GRADER, extra_groups=[], cwd=hub.course_dir,
        env=hub.env | {"HOME": str(hub.home(GRADER))}, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip

    feedback = {}
    for name in (ANA, BEN):
        person, server = people[name], f"/user/{name}"
        form = {"course_id": COURSE, "assignment_id": ASSIGNMENT}
        person.json("POST", f"{server}/assignments/fetch_feedback", data=form)
        folder = f"{server}/api/contents/{COURSE}/{ASSIGNMENT}/feedback"
        stamps = person.json("GET", folder)["content"]
        assert len(stamps) == 1, stamps
        page = f"{folder}/{stamps[0]['name']}/{NOTEBOOK.replace('.ipynb', '.html')}"
        feedback[name] = person.json("GET", page)["content"]
    return Journey(
        hub=hub,
        people=people,
        released=released,
        listed_before=listed_before,
        fetched=fetched,
        submitted=submitted,
        forged=forged,
        collected=collected,
        submissions=submissions,
        autograded=autograded,
        feedback_released=feedback_released,
        cohort=cohort,
        feedback=feedback,
        lessons=lessons,
        seconds=time.monotonic() - started,
    )


def test_setup_prepares_the_server_without_warnings(hub: Hub):
    assert "Warning" not in hub.setup_output, hub.setup_output
    course = hub.course_dir.stat()
    assert stat.S_IMODE(course.st_mode) == 0o700
    assert course.st_uid == pwd.getpwnam(GRADER).pw_uid
    assert (hub.course_dir / "source" / ASSIGNMENT / NOTEBOOK).exists()
    assert stat.S_IMODE(hub.exchange.stat().st_mode) == 0o1777
    assert (hub.exchange / COURSE).stat().st_uid == pwd.getpwnam(GRADER).pw_uid


def test_instructor_releases_and_learners_see_fetch_and_submit(journey: Journey):
    assert journey.released["success"], journey.released
    for name in (ANA, BEN):
        assert _assignment(journey.listed_before[name], "released")
        assert _assignment(journey.fetched[name], "fetched")
        assert _assignment(journey.submitted[name], "submitted")["submissions"]


def test_instructor_collects_and_autogrades_through_the_formgrader(journey: Journey):
    assert journey.collected["success"], journey.collected
    by_student = {s["student"]: s for s in journey.submissions}
    assert set(by_student) == {ANA, BEN}
    for name in (ANA, BEN):
        assert journey.autograded[name]["success"], journey.autograded[name]
    total = sum(autograded_points(ROOT / "source" / ASSIGNMENT / NOTEBOOK).values())
    assert not any(s["autograded"] for s in journey.submissions), "listed before grading"
    # Read again after autograding: both graded, with the scores they earned.
    ins = journey.people[INSTRUCTOR]
    api = f"/services/{COURSE}/formgrader/api/submissions/{ASSIGNMENT}"
    after = ins.json("GET", api)
    assert all(s["autograded"] for s in after), after
    scores = {s["student"]: s["code_score"] for s in after}
    assert scores[ANA] == total, "the right answers should get every autograded point"
    assert scores[BEN] == 0, "the typical mistakes should get no autograded point"


def _text(page: str) -> str:
    """A feedback page as plain text (code is highlighted with many tags)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _score(page: str) -> tuple[float, float]:
    match = re.search(r"\(Score: ([\d.]+) / ([\d.]+)\)", html.unescape(page))
    assert match, "no score in the feedback page"
    return float(match.group(1)), float(match.group(2))


def test_the_cohort_command_grades_on_the_hub_too(journey: Journey):
    out = journey.cohort.stdout + journey.cohort.stderr
    assert journey.cohort.returncode == 0, out
    assert "2 graded, 0 failed" in out, out
    assert (journey.hub.course_dir / "grades.csv").read_text().count(ASSIGNMENT) == 2


def test_each_learner_fetches_only_their_own_feedback(journey: Journey):
    assert journey.feedback_released["success"], journey.feedback_released
    ana, ben = _score(journey.feedback[ANA]), _score(journey.feedback[BEN])
    assert ana[0] > ben[0] and ana[1] == ben[1], (ana, ben)
    # Each page shows that learner's own answers, not the other's.
    plan = week1_plan().learners
    mine, theirs = plan["solution"].answers, plan["mistakes"].answers
    for name, own, other in ((ANA, mine, theirs), (BEN, theirs, mine)):
        text = _text(journey.feedback[name])
        assert f"scenario_a = {own['scenario_a']}" in text, name
        assert f"scenario_a = {other['scenario_a']}" not in text, name


def test_a_submission_in_another_learners_name_is_not_collected(journey: Journey):
    assert "EXIT 0" in journey.forged, journey.forged
    inbound = journey.hub.exchange / COURSE / "inbound"
    owners = [pwd.getpwuid(p.stat().st_uid).pw_name for p in inbound.glob(f"{BEN}+*")]
    assert sorted(owners) == sorted([BEN, ANA]), "Ana's forged submission is in the exchange"
    assert f"submitted by {ANA}" in journey.collected["log"], journey.collected["log"]
    # Ben's grade is his own work (test above: no autograded point), not Ana's answers.


def test_learner_gets_403_from_the_formgrader(journey: Journey):
    ana = journey.people[ANA]
    assert ana.get(f"/services/{COURSE}/formgrader").status_code == 403
    api = f"/services/{COURSE}/formgrader/api/submissions/{ASSIGNMENT}"
    assert ana.get(api).status_code == 403
    # The instructor, on the same page, is let in (so the 403 is about who, not what).
    assert journey.people[INSTRUCTOR].get(api).status_code == 200


def test_learner_cannot_read_the_other_learner_or_the_course(journey: Journey):
    hub = journey.hub
    ben_notebook = hub.home(BEN) / COURSE / ASSIGNMENT / NOTEBOOK
    targets = {
        "own work": hub.home(ANA) / COURSE / ASSIGNMENT / NOTEBOOK,
        "released": hub.exchange / COURSE / "outbound" / ASSIGNMENT / NOTEBOOK,
        "other's home": hub.home(BEN),
        "other's notebook": ben_notebook,
        "submissions": hub.exchange / COURSE / "inbound",
        "feedback": hub.exchange / COURSE / "feedback",
        "course": hub.course_dir,
        "solutions": hub.course_dir / "source" / ASSIGNMENT / NOTEBOOK,
        "gradebook": hub.course_dir / "gradebook.db",
        "other's submission": hub.course_dir / "submitted" / BEN / ASSIGNMENT / NOTEBOOK,
    }
    for path in targets.values():  # as root: each really exists, so a refusal means something
        assert path.exists(), path
    probe = "\n".join(
        [
            "import os",
            f"for label, path in {[(k, str(v)) for k, v in targets.items()]!r}:",
            "    try:",
            "        os.listdir(path) if os.path.isdir(path) else open(path, 'rb').read(1)",
            "        print(label, 'READ')",
            "    except OSError as err:",
            "        print(label, type(err).__name__)",
        ]
    )
    printed = run_in_kernel(journey.people[ANA], probe)
    seen = dict(line.rsplit(" ", 1) for line in printed.strip().splitlines())
    assert seen.pop("own work") == "READ" and seen.pop("released") == "READ", printed
    assert seen == dict.fromkeys(seen, "PermissionError"), printed
    assert set(seen) == set(targets) - {"own work", "released"}


def test_homes_are_private_and_lessons_are_delivered(journey: Journey):
    hub = journey.hub
    for name in (ANA, BEN):
        assert stat.S_IMODE(hub.home(name).stat().st_mode) == 0o700, name
        names = {item["name"] for item in journey.lessons[name]["content"]}
        expected = {p.name for p in (ROOT / "notebooks" / "foundations").glob("*.ipynb")}
        assert expected and expected <= names, names
        lesson = hub.home(name) / "lessons" / "foundations" / sorted(expected)[0]
        assert lesson.stat().st_uid == pwd.getpwnam(name).pw_uid, "copied as the learner"


INSTRUCTOR_PLUGINS = ("formgrader", "create-assignment", "course-list")


def _disabled_lab_plugins(page: str) -> set[str]:
    """The JupyterLab plugins a Lab page turns off (from its embedded page config)."""
    match = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                      page, re.S)  # fmt: skip
    assert match, "not a JupyterLab page"
    return set(json.loads(match.group(1)).get("disabledExtensions", []))


def test_learner_servers_have_learner_tools_and_instructors_the_formgrader(journey: Journey):
    ana, ins = journey.people[ANA], journey.people[INSTRUCTOR]
    assert ana.get(f"/user/{ANA}/formgrader").status_code == 404
    assert ana.get(f"/user/{ANA}/assignments?course_id={COURSE}").status_code == 200
    instructor_only = {f"@jupyter/nbgrader:{p}" for p in INSTRUCTOR_PLUGINS}
    assert instructor_only <= _disabled_lab_plugins(ana.get(f"/user/{ANA}/lab").text)
    start_server(ins)
    journey.hub.record()
    assert not instructor_only & _disabled_lab_plugins(ins.get(f"/user/{INSTRUCTOR}/lab").text)
    # The instructor's course list (nbgrader's Courses tab) links to the course's formgrader.
    courses = ins.json("GET", f"/user/{INSTRUCTOR}/formgraders")
    assert courses["success"], courses
    on_hub = [c for c in courses["value"] if c["kind"] == "jupyterhub"]
    assert [c["course_id"] for c in on_hub] == [COURSE], courses
    assert urlparse(on_hub[0]["url"]).path.startswith(f"/services/{COURSE}/"), on_hub
    assert ana.get(f"/user/{ANA}/formgraders").status_code == 404


def test_a_learner_changed_lesson_survives_a_restart(journey: Journey):
    ana = journey.people[ANA]
    lesson = next(item for item in journey.lessons[ANA]["content"] if item["type"] == "notebook")
    path = f"/user/{ANA}/api/contents/{lesson['path']}"
    model = ana.json("GET", path)
    model["content"]["cells"].append(nbformat.v4.new_markdown_cell("My own notes."))
    ana.json("PUT", path, data=json.dumps({k: model[k] for k in ("type", "format", "content")}))
    stop_server(ana)
    start_server(ana)
    journey.hub.record()
    cells = ana.json("GET", path)["content"]["cells"]
    assert cells[-1]["source"] == "My own notes.", "the lesson was overwritten on restart"


def test_the_whole_journey_takes_under_three_minutes(journey: Journey):
    assert journey.seconds < 180, f"the journey took {journey.seconds:.0f} s"
