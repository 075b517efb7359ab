"""Run the course on one JupyterHub server: settings, per-person set-up, and server set-up.

``deploy/jupyterhub/jupyterhub_config.py`` reads its settings through :func:`load_settings`
and uses the hooks here; ``python -m aicourse.hub setup`` prepares the server once (run as
root): the grader account, the course folder, the exchange and the folders' permissions.

Who can read what (the reason for each step):

- The **course folder** (``source/`` with solutions and hidden tests, ``submitted/``,
  ``autograded/``, ``feedback/``, ``gradebook.db``) belongs to the grader account and is
  mode 700: no learner or instructor account can list or read it. Instructors reach it only
  through the formgrader, which runs as the grader.
- The **exchange root** is mode 1777 like ``/tmp`` (nbgrader needs it writable by all; the
  sticky bit stops anyone renaming or deleting a folder they do not own), and its course
  folder is made by the grader before any learner could take the name. nbgrader makes
  ``inbound/`` write-only for learners (they cannot list others' submissions) and
  ``feedback/`` traverse-only (each file has a name only its owner can work out).
- Every person's **home folder** is set to mode 700 before their server starts, so learners
  cannot read each other's work.

Learners' servers get nbgrader's learner extensions only (assignment list, validate);
instructors' servers and the course service get the formgrader too. The difference is one
Jupyter configuration folder put first on ``JUPYTER_CONFIG_PATH`` (see
``deploy/jupyterhub/etc/``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

#: The repository (course folder template) this package was installed from.
REPO = Path(__file__).resolve().parents[2]

#: The one-machine deployment folder: config, Jupyter configuration folders, proxy.
DEPLOY = REPO / "deploy" / "jupyterhub"

#: Where the settings file is looked for when ``AICOURSE_HUB_SETTINGS`` is not set.
DEFAULT_SETTINGS = Path("/etc/aicourse/hub.toml")

#: Sign-in methods allowed only on loopback (they let anyone who knows one password in).
TEST_ONLY_AUTHENTICATORS = {"dummy", "shared-password"}

_USER_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")


def course_id(repo: Path = REPO) -> str:
    """The course id set in the repository's ``nbgrader_config.py`` (one source of truth)."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(repo)).load_config()
    return str(config.CourseDirectory.course_id)


@dataclass(frozen=True)
class HubSettings:
    """What an administrator sets for one server (see ``deploy/jupyterhub/hub.example.toml``).

    Paths are absolute. ``instructors`` and ``learners`` are unix account names (with single
    sign-on: the names the sign-in gives). Everything else has a working default.
    """

    instructors: tuple[str, ...]
    learners: tuple[str, ...]
    course: str = ""
    admins: tuple[str, ...] = ()
    bind_url: str = "http://127.0.0.1:8000"
    hub_port: int = 8081
    proxy_api_port: int = 8001
    service_port: int = 9999
    data_dir: Path = Path("/srv/jupyterhub")
    exchange_root: Path = Path("/srv/nbgrader/exchange")
    course_dir: Path = Path()
    grader_user: str = ""
    authenticator: str = "pam"
    shared_password: str = ""
    lessons_from: Path = REPO / "notebooks"
    lessons_folder: str = "lessons"
    cull_idle_after: int = 3600
    cull_every: int = 600
    max_servers: int = 0
    proxy_command: Path = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
    python_bin: Path = field(default_factory=lambda: Path(sys.executable).parent)

    def __post_init__(self) -> None:
        course = self.course or course_id()
        object.__setattr__(self, "course", course)
        if not self.grader_user:
            object.__setattr__(self, "grader_user", f"grader-{course}")
        if self.course_dir == Path():
            object.__setattr__(self, "course_dir", Path("/srv/nbgrader") / course)
        problems = self.problems()
        if problems:
            raise ValueError("Hub settings are not usable:\n- " + "\n- ".join(problems))

    @property
    def formgrade_group(self) -> str:
        """Instructors' group: may use the course service (the formgrader)."""
        return f"formgrade-{self.course}"

    @property
    def learner_group(self) -> str:
        """Learners' group: nbgrader lists the course's assignments to its members."""
        return f"nbgrader-{self.course}"

    @property
    def service_url(self) -> str:
        """Where the course service listens (loopback; people reach it through the hub)."""
        return f"http://127.0.0.1:{self.service_port}"

    def problems(self) -> list[str]:
        """Everything wrong with these settings, in words (empty when they are usable)."""
        found = []
        for name in (*self.instructors, *self.learners, *self.admins, self.grader_user):
            if not _USER_NAME.match(name):
                found.append(f"{name!r} is not a valid account name (lower case, digits, - _)")
        both = sorted(set(self.instructors) & set(self.learners))
        if both:
            found.append(f"{', '.join(both)} listed as both instructor and learner")
        if not self.instructors:
            found.append("no instructors: someone must release and grade")
        if self.grader_user in (*self.instructors, *self.learners):
            found.append("the grader account must not be a person's account")
        for name in ("data_dir", "exchange_root", "course_dir", "lessons_from", "python_bin"):
            if not getattr(self, name).is_absolute():
                found.append(f"{name} must be an absolute path")
        if self.authenticator in TEST_ONLY_AUTHENTICATORS:
            if not self.bind_url.startswith(("http://127.0.0.1:", "http://localhost:")):
                found.append(f"authenticator {self.authenticator!r} is for tests on loopback only")
            if self.authenticator == "shared-password" and len(self.shared_password) < 8:
                found.append("shared_password must be at least 8 characters")
        return found


def load_settings(path: Path | str | None = None) -> HubSettings:
    """Read hub settings from a TOML file (default: ``$AICOURSE_HUB_SETTINGS``)."""
    path = Path(path or os.environ.get("AICOURSE_HUB_SETTINGS") or DEFAULT_SETTINGS)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    known = {f.name: f for f in fields(HubSettings)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ValueError(f"{path}: unknown setting(s) {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for name, value in data.items():
        kind = str(known[name].type)
        if kind.startswith("tuple"):
            value = tuple(value)
        elif kind == "Path":
            value = Path(value)
        values[name] = value
    return HubSettings(**values)


# --- Per person: which Jupyter configuration, home folder, lessons -----------------------


def is_instructor(spawner: Any, settings: HubSettings) -> bool:
    """True if the spawner's user is in the instructors' group (the hub's record)."""
    return any(g.name == settings.formgrade_group for g in spawner.user.groups)


def jupyter_config_path(settings: HubSettings, instructor: bool) -> str:
    """``JUPYTER_CONFIG_PATH`` for a server: role folder first, then the shared nbgrader one."""
    role = "instructor" if instructor else "learner"
    return os.pathsep.join([str(DEPLOY / "etc" / role), str(DEPLOY / "etc" / "jupyter")])


def server_environment(settings: HubSettings) -> dict[str, Any]:
    """``Spawner.environment``: the same for everyone except the Jupyter configuration."""
    return {
        "JUPYTER_CONFIG_PATH": lambda spawner: jupyter_config_path(
            settings, is_instructor(spawner, settings)
        ),
        "AICOURSE_EXCHANGE_ROOT": str(settings.exchange_root),
        "PATH": f"{settings.python_bin}:/usr/local/bin:/usr/bin:/bin",
    }


def private_home(name: str) -> Path:
    """Make ``name``'s home folder mode 700 (owner only); return it. Run by the hub as root."""
    entry = pwd.getpwnam(name)
    home = Path(entry.pw_dir)
    info = home.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != entry.pw_uid:
        raise RuntimeError(f"{name}'s home {home} is not a folder they own; fix the account")
    if stat.S_IMODE(info.st_mode) & 0o077:
        home.chmod(stat.S_IMODE(info.st_mode) & 0o700)
    return home


def _as_user_kwargs(name: str) -> dict[str, Any]:
    entry = pwd.getpwnam(name)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": [], "cwd": entry.pw_dir}


def _plain_env(name: str, settings: HubSettings) -> dict[str, str]:
    entry = pwd.getpwnam(name)
    env = {"HOME": entry.pw_dir, "USER": name, "LOGNAME": name, "LANG": "C.UTF-8"}
    env["PATH"] = f"{settings.python_bin}:/usr/bin:/bin"
    if os.environ.get("PYTHONPATH"):  # a development checkout of the course package
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def make_pre_spawn_hook(settings: HubSettings):
    """The hook the hub runs before each server starts: private home, then new lessons.

    Lessons are copied as the person (never as root), so the copy cannot write anywhere they
    could not. A failed copy is logged and the server still starts.
    """

    async def pre_spawn_hook(spawner: Any) -> None:
        name = spawner.user.name
        home = private_home(name)
        cmd = [
            str(settings.python_bin / "python"),
            "-m",
            "aicourse.lessons",
            "--from",
            str(settings.lessons_from),
            "--to",
            str(home / settings.lessons_folder),
        ]
        proc = await asyncio.create_subprocess_exec(
            *cmd,
            env=_plain_env(name, settings),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            **_as_user_kwargs(name),
        )
        try:
            out, _ = await asyncio.wait_for(proc.communicate(), timeout=60)
        except TimeoutError:
            proc.kill()
            spawner.log.warning("Lessons for %s: copying took over 60 s; stopped it", name)
            return
        text = out.decode(errors="replace").strip()
        log = spawner.log.info if proc.returncode == 0 else spawner.log.warning
        log("Lessons for %s: %s", name, text)

    return pre_spawn_hook


# --- Server set-up (root, once) ---------------------------------------------------------


def course_config_text(settings: HubSettings, repo: Path = REPO, owners_known: bool = True) -> str:
    """The grader's ``nbgrader_config.py``: the course's own file, then this server's paths.

    ``owners_known`` says whether the grader can name the account that owns each submission
    (true on one server; false on Kubernetes, where learners' ids have no names for it).
    """
    db_url = f"sqlite:///{settings.course_dir / 'gradebook.db'}"
    if owners_known:
        owner_lines = [
            "# Each learner has their own account: a submission is collected only if its",
            "# folder in the exchange belongs to the learner it names.",
            "c.ExchangeCollect.check_owner = True",
            'c.ExchangeFactory.collect = "aicourse.grading.exchange.OwnerCheckedCollect"',
        ]
    else:
        owner_lines = [
            "# Learners' ids have no names here, so who submitted cannot be checked",
            "# (see the deployment's README: the exchange).",
            "c.ExchangeCollect.check_owner = False",
        ]
    return "\n".join(
        [
            "# The course service's nbgrader settings: the course's own file, then this",
            f"# server's paths. Change course settings in {repo / 'nbgrader_config.py'}.",
            "c = get_config()  # noqa: F821",
            f"load_subconfig({str(repo / 'nbgrader_config.py')!r})  # noqa: F821",
            f"c.CourseDirectory.course_id = {settings.course!r}",
            f"c.CourseDirectory.root = {str(settings.course_dir)!r}",
            f"c.CourseDirectory.db_url = {db_url!r}",
            "# The exchange, as every server on the hub sees it (so the course's commands,",
            "# such as `python -m aicourse.grading grade`, work from a shell too).",
            f"c.Exchange.root = {str(settings.exchange_root)!r}",
            "c.Exchange.path_includes_course = True",
            *owner_lines,
            "",
        ]
    )


def unreachable_for_others(path: Path) -> list[str]:
    """Folders on the way to ``path`` (links followed) that other accounts cannot enter."""
    blocked = []
    target = path.resolve()
    for folder in [*reversed(target.parents), target]:
        if folder.is_dir() and not folder.stat().st_mode & stat.S_IXOTH:
            blocked.append(str(folder))
    return blocked


def _run_as(name: str, cmd: list[str], settings: HubSettings) -> None:
    subprocess.run(
        cmd, check=True, env=_plain_env(name, settings), timeout=120, **_as_user_kwargs(name)
    )


def setup_server(settings: HubSettings, repo: Path = REPO) -> list[str]:
    """Prepare one server for the course (idempotent); return warnings for the administrator.

    Creates the grader account if missing, the course folder (mode 700, the grader's) with
    the course's ``source/`` and config, the exchange (1777) with the course's folder (the
    grader's), and the hub's data folder (700, root's). Never deletes or overwrites
    instructors' work: missing assignments are copied in, existing ones left alone.
    """
    if os.geteuid() != 0:
        raise PermissionError("run the set-up as root (it creates an account and folders)")
    warnings = []
    grader = settings.grader_user
    try:
        pwd.getpwnam(grader)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--user-group", "--create-home", "--shell",
             "/usr/sbin/nologin", grader],
            check=True,
            timeout=60,
        )  # fmt: skip
    entry = pwd.getpwnam(grader)

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    os.chown(settings.data_dir, 0, 0)
    settings.data_dir.chmod(0o700)

    course = settings.course_dir
    course.mkdir(parents=True, exist_ok=True)
    os.chown(course, entry.pw_uid, entry.pw_gid)
    course.chmod(0o700)
    _run_as(
        grader,
        [str(settings.python_bin / "python"), "-m", "aicourse.lessons",
         "--from", str(repo / "source"), "--to", str(course / "source")],
        settings,
    )  # fmt: skip
    config = course / "nbgrader_config.py"
    config.write_text(course_config_text(settings, repo), encoding="utf-8")
    os.chown(config, entry.pw_uid, entry.pw_gid)
    config.chmod(0o600)

    root = settings.exchange_root
    root.mkdir(parents=True, exist_ok=True)
    os.chown(root, 0, 0)
    root.chmod(0o1777)
    in_exchange = root / settings.course
    in_exchange.mkdir(exist_ok=True)
    if in_exchange.is_symlink() or in_exchange.stat().st_uid not in (0, entry.pw_uid):
        raise RuntimeError(f"{in_exchange} belongs to someone else: remove it and run again")
    os.chown(in_exchange, entry.pw_uid, entry.pw_gid)
    in_exchange.chmod(0o755)

    for what, path in (
        ("the course's Python", Path(settings.python_bin) / "python"),
        ("the course package", repo / "src"),
        ("the lessons", settings.lessons_from),
        ("the Jupyter configuration", DEPLOY / "etc"),
    ):
        blocked = unreachable_for_others(path)
        if blocked:
            warnings.append(
                f"learners and the grader cannot reach {what} ({path}): "
                f"{', '.join(blocked)} lacks o+x. Install the course where everyone can read it."
            )
    for name in (*settings.instructors, *settings.learners):
        try:
            pwd.getpwnam(name)
        except KeyError:
            warnings.append(f"no account {name!r} on this server yet (see the README)")
    if not os.access(settings.proxy_command, os.X_OK):
        warnings.append(f"no proxy at {settings.proxy_command}: run `make hub-proxy`")
    if shutil.which("bwrap") is None:
        warnings.append("bubblewrap is missing: autograding will refuse to run")
    return warnings


def main(argv: list[str] | None = None) -> int:
    """``python -m aicourse.hub setup [--settings FILE]``: prepare this server."""
    parser = argparse.ArgumentParser(prog="python -m aicourse.hub")
    sub = parser.add_subparsers(dest="command", required=True)
    setup = sub.add_parser("setup", help="prepare this server for the course (as root)")
    setup.add_argument("--settings", type=Path, help="hub settings (TOML)")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.settings)
        warnings = setup_server(settings)
    except (OSError, ValueError, RuntimeError, subprocess.CalledProcessError) as err:
        print(f"Set-up stopped: {err}", file=sys.stderr)
        return 1
    print(
        f"Course {settings.course}: course folder {settings.course_dir} (grader "
        f"{settings.grader_user}), exchange {settings.exchange_root}."
    )
    for warning in warnings:
        print(f"Warning: {warning}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
