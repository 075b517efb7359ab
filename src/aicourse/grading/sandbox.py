"""A kernel that runs a learner's submission where it cannot see or change the course.

nbgrader runs learners' code as the grader. Without a sandbox, a submission can read the
solutions and hidden tests in ``source/``, other learners' work, and write the gradebook.
This module is the kernel nbgrader starts instead: a small launcher that starts ipykernel
inside bubblewrap (``bwrap``, Debian package ``bubblewrap``), with

- the whole file system read-only;
- the course folder, the exchange, the grader's home and other shared folders replaced by
  empty read-only ones, so nothing in them can be read or written;
- a private, empty, writable ``/tmp`` (the kernel's home), thrown away when it stops;
- the Python environment put back read-only, so the kernel can import the course's helpers;
- only the learner's own autograded folder writable;
- its own process and IPC namespaces, so it cannot look at the grader's processes;
- a memory limit and a CPU-time limit.

The network is left on: the kernel talks to nbgrader over loopback TCP, which a new network
namespace would cut (see docs/instructor-guide.md).

:class:`aicourse.grading.execute.SandboxedExecute` tells the launcher what to hide through
the environment variable ``AICOURSE_SANDBOX`` (JSON); the kernelspec is installed by
``python -m aicourse.grading install-sandbox``.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

#: The kernelspec name nbgrader is configured to use for autograding.
KERNEL_NAME = "aicourse-sandbox"

#: The environment variable through which the grader tells the launcher what to do.
ENV_VAR = "AICOURSE_SANDBOX"


@dataclass(frozen=True)
class SandboxPlan:
    """What one sandboxed kernel may see and use (all paths absolute).

    ``hidden`` folders appear empty; ``hidden_files`` appear as empty files; ``readable``
    folders inside hidden ones are put back read-only; ``writable`` is the learner's own
    folder. Limits are in megabytes of address space and seconds of CPU time.
    """

    writable: str
    hidden: tuple[str, ...] = ()
    hidden_files: tuple[str, ...] = ()
    readable: tuple[str, ...] = ()
    memory_mb: int = 2048
    cpu_seconds: int = 300

    def to_env(self) -> str:
        """The plan as the JSON text the launcher reads from ``AICOURSE_SANDBOX``."""
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls, text: str) -> SandboxPlan:
        """Read a plan written by :meth:`to_env`; fail clearly if it is not one."""
        try:
            data = json.loads(text)
            plan = cls(
                writable=str(data["writable"]),
                hidden=tuple(map(str, data.get("hidden", ()))),
                hidden_files=tuple(map(str, data.get("hidden_files", ()))),
                readable=tuple(map(str, data.get("readable", ()))),
                memory_mb=int(data.get("memory_mb", 2048)),
                cpu_seconds=int(data.get("cpu_seconds", 300)),
            )
        except (ValueError, KeyError, TypeError) as err:
            raise ValueError(f"{ENV_VAR} is not a sandbox plan: {err}") from None
        for path in (plan.writable, *plan.hidden, *plan.hidden_files, *plan.readable):
            if not os.path.isabs(path):
                raise ValueError(f"sandbox paths must be absolute, got {path!r}")
        return plan


def python_dirs() -> tuple[str, ...]:
    """Where this Python and its installed packages live (the kernel needs to read them)."""
    return tuple(sorted({sys.prefix, sys.base_prefix, sys.exec_prefix}))


def _inside(path: str, folders: tuple[str, ...]) -> bool:
    p = Path(path)
    return any(p == Path(f) or Path(f) in p.parents for f in folders)


def bwrap_argv(plan: SandboxPlan, kernel_argv: list[str], connection_file: str) -> list[str]:
    """The bubblewrap command that runs ``kernel_argv`` under ``plan``.

    Order matters: bwrap applies mounts left to right, so the empty folders go first, then
    what is put back read-only, then the one writable folder.
    """
    argv = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    # Outer folders first, so a hidden folder inside another (a course under /tmp) is hidden
    # again inside the outer stand-in rather than buried under it.
    hidden = sorted(
        {os.path.normpath(f) for f in plan.hidden if os.path.isdir(f)},
        key=lambda f: (len(Path(f).parts), f),
    )
    for folder in hidden:
        argv += ["--tmpfs", folder]
    for file in plan.hidden_files:
        if os.path.exists(file):
            argv += ["--ro-bind", "/dev/null", file]
    scratch = "/tmp"
    # Put back what the kernel needs to start: Python, the course package, its connection file.
    for path in (*plan.readable, *python_dirs()):
        if os.path.exists(path) and _inside(path, (*hidden, scratch)):
            argv += ["--ro-bind", path, path]
    argv += ["--ro-bind", connection_file, connection_file]
    argv += ["--bind", plan.writable, plan.writable]
    # The empty stand-ins become read-only too (the learner's folder, a separate mount inside
    # one of them, stays writable). Only the scratch folder, the kernel's HOME, stays writable.
    for folder in hidden:
        if folder != scratch:
            argv += ["--remount-ro", folder]
    argv += [
        "--unshare-pid",
        "--unshare-ipc",
        "--unshare-uts",
        "--die-with-parent",
        "--new-session",
        "--unsetenv",
        "JPY_PARENT_PID",  # the grader's process id means nothing in a new pid namespace
        "--unsetenv",
        ENV_VAR,
        "--setenv",
        "HOME",
        scratch,
        "--setenv",
        "IPYTHONDIR",
        f"{scratch}/.ipython",
        "--setenv",
        "MPLCONFIGDIR",
        f"{scratch}/.matplotlib",
        "--setenv",
        "OPENBLAS_NUM_THREADS",
        "1",
        "--chdir",
        plan.writable,
        "--",
        *kernel_argv,
    ]
    return argv


def _connection_file(args: list[str]) -> str:
    """The ``-f FILE`` argument jupyter_client passes to every kernel."""
    if "-f" in args and args.index("-f") + 1 < len(args):
        return os.path.abspath(args[args.index("-f") + 1])
    raise SystemExit("the sandbox kernel needs -f CONNECTION_FILE")


def set_limits(plan: SandboxPlan) -> None:
    """Cap address space and CPU time for this process and everything it starts."""
    memory = plan.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (plan.cpu_seconds, plan.cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def launch(args: list[str]) -> None:
    """Replace this process with ipykernel inside bubblewrap (what kernel.json runs)."""
    text = os.environ.get(ENV_VAR)
    if not text:
        raise SystemExit(
            f"The {KERNEL_NAME} kernel only runs under the course's grader, which says what to "
            f"hide in {ENV_VAR}. Use the ordinary Python kernel for your own work."
        )
    plan = SandboxPlan.from_env(text)
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SystemExit("bubblewrap (bwrap) is not installed: apt-get install bubblewrap")
    kernel = [sys.executable, "-m", "ipykernel_launcher", *args]
    argv = bwrap_argv(plan, kernel, _connection_file(args))
    set_limits(plan)
    # The kernel's own start-up banner is noise in the grader's log; learners' output goes to
    # the notebook over the kernel's channels, not here. Errors (stderr) stay visible.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.execv(bwrap, argv)


def kernelspec() -> dict[str, object]:
    """The kernel.json for the sandbox kernel, using this Python."""
    return {
        "argv": [sys.executable, "-m", "aicourse.grading.sandbox", "-f", "{connection_file}"],
        "display_name": "Python 3 (grading sandbox)",
        "language": "python",
        # bwrap does not pass signals on, so interrupts go as messages on the control channel.
        "interrupt_mode": "message",
        "metadata": {"debugger": False},
    }


def install_kernelspec(prefix: str | None = None) -> Path:
    """Install the sandbox kernelspec into ``prefix`` (default: this environment)."""
    folder = Path(prefix or sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kernel.json"
    path.write_text(json.dumps(kernelspec(), indent=2) + "\n", encoding="utf-8")
    return path


def sandbox_problem() -> str | None:
    """Why the sandbox cannot run here, in one sentence, or None if it can."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed (Debian, Ubuntu: apt-get install bubblewrap)"
    probe = [bwrap, "--ro-bind", "/", "/", "--unshare-pid", "--unshare-ipc", "--", "true"]
    try:
        result = subprocess.run(probe, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"bubblewrap could not start: {err}"
    if result.returncode != 0:
        return f"bubblewrap cannot create a sandbox here: {result.stderr.strip()}"
    return None


if __name__ == "__main__":
    launch(sys.argv[1:])
