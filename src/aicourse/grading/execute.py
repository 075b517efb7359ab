"""nbgrader's Execute step, run in the sandbox kernel and safe against kernels that die.

The course's ``nbgrader_config.py`` puts :class:`SandboxedExecute` in place of nbgrader's
``Execute`` for autograding only (``Autograde.autograde_preprocessors``), so ``nbgrader
autograde`` and the formgrader's autograde button both use it, while a learner's Validate
button (which runs on their own server) keeps the ordinary kernel.

Two things differ from nbgrader's own step:

- **Sandbox.** Each notebook runs in the ``aicourse-sandbox`` kernel (see ``sandbox.py``),
  told to hide the course folder, the exchange, the grader's home and temporary folders,
  and to let the learner write only in their own autograded folder. If the sandbox cannot
  start, grading stops with the reason, unless the instructor opts out with
  ``--SandboxedExecute.allow_unsandboxed=True``.
- **A kernel that dies** (``os._exit``, a crash, the memory limit) no longer fails the
  learner's whole assignment with no grade. The cell that killed it gets an error saying so,
  every later code cell gets an error saying it did not run, and grading carries on: checks
  that passed before keep their marks, the rest score zero, and the reason is recorded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer, Unicode, default

from aicourse.grading.sandbox import ENV_VAR, KERNEL_NAME, SandboxPlan, sandbox_problem

#: ``ename`` of the error put on the cell whose code stopped the kernel.
KERNEL_STOPPED = "KernelStopped"

#: ``ename`` of the error put on later cells, which could not run.
NOT_RUN = "NotRun"

#: Folders no submission needs to see: people's homes, shared service data, scratch space.
ALWAYS_HIDDEN: tuple[str, ...] = ("/home", "/root", "/srv", "/tmp", "/var/tmp", "/dev/shm")

_SANDBOX_CHECKED: dict[str, str | None] = {}


def _sandbox_problem_once() -> str | None:
    if "problem" not in _SANDBOX_CHECKED:
        _SANDBOX_CHECKED["problem"] = sandbox_problem()
    return _SANDBOX_CHECKED["problem"]


@contextmanager
def _environ(name: str, value: str) -> Iterator[None]:
    """Set one environment variable while a kernel starts (it inherits the environment)."""
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


def error_output(ename: str, message: str) -> NotebookNode:
    """An error output as nbgrader scores it (any error output means zero for the cell)."""
    return NotebookNode(output_type="error", ename=ename, evalue=message, traceback=[message])


class SandboxedExecute(Execute):
    """Run a submission in the sandbox kernel; survive a kernel that dies part-way."""

    sandboxed = Bool(True, help="Run submissions in the sandbox kernel.").tag(config=True)

    allow_unsandboxed = Bool(
        False,
        help="Grade without the sandbox when it cannot start (learners' code then runs as "
        "the grader and can read the solutions). Off unless an instructor turns it on.",
    ).tag(config=True)

    memory_limit_mb = Integer(2048, help="Address-space limit of a learner's kernel.").tag(
        config=True
    )

    cpu_time_limit = Integer(300, help="CPU seconds a learner's kernel may use in all.").tag(
        config=True
    )

    exchange_root = Unicode(
        "", help="The exchange folder to hide (default: nbgrader's Exchange.root)."
    ).tag(config=True)

    @default("kernel_name")
    def _kernel_name_default(self) -> str:
        return KERNEL_NAME

    def _exchange(self) -> str:
        if self.exchange_root:
            return self.exchange_root
        configured = self.config.get("Exchange", {}).get("root")
        return str(configured or "/srv/nbgrader/exchange")

    def plan(self, notebook_folder: str) -> SandboxPlan:
        """What the learner's kernel for a notebook in ``notebook_folder`` may see."""
        import aicourse

        coursedir = CourseDirectory(config=self.config)
        hidden = [coursedir.root, self._exchange(), str(Path.home()), *ALWAYS_HIDDEN]
        hidden_files = []
        if coursedir.db_url.startswith("sqlite:///"):
            hidden_files.append(os.path.abspath(coursedir.db_url[len("sqlite:///") :]))
        package_root = str(Path(aicourse.__file__).resolve().parents[1])
        return SandboxPlan(
            writable=os.path.abspath(notebook_folder),
            hidden=tuple(os.path.abspath(p) for p in hidden),
            hidden_files=tuple(hidden_files),
            readable=(package_root,),
            memory_mb=self.memory_limit_mb,
            cpu_seconds=self.cpu_time_limit,
        )

    def preprocess(
        self, nb: NotebookNode, resources: Any = None, km: Any = None
    ) -> tuple[NotebookNode, Any]:
        """Execute ``nb`` in the sandbox (or refuse to), recording a dead kernel per cell."""
        self._stopped: str | None = None
        if not self.sandboxed:
            self.kernel_name = ""
            return super().preprocess(nb, resources, km)
        problem = _sandbox_problem_once()
        if problem is not None:
            if not self.allow_unsandboxed:
                raise RuntimeError(
                    f"Autograding stopped: the sandbox cannot start ({problem}). Install it "
                    "(see docs/instructor-guide.md), or, only if you trust every submission, "
                    "run with --SandboxedExecute.allow_unsandboxed=True."
                )
            self.log.warning("Grading WITHOUT the sandbox, as asked: %s", problem)
            self.kernel_name = ""
            return super().preprocess(nb, resources, km)
        folder = ((resources or {}).get("metadata") or {}).get("path") or os.getcwd()
        with _environ(ENV_VAR, self.plan(folder).to_env()):
            return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> Any:
        """Run one cell; once the kernel has died, mark the remaining code cells as not run."""
        if cell.cell_type != "code":
            return cell, self.resources
        if self._stopped is not None:
            cell.outputs = [
                error_output(
                    NOT_RUN,
                    f"This cell did not run, because an earlier cell stopped Python "
                    f"({self._stopped}).",
                )
            ]
            return cell, self.resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._stopped = (
                "your code ended the Python kernel: for example it called os._exit or exit, "
                "crashed, or used more memory than the limit"
            )
            self.log.error("Kernel died in cell %s: %s", index, self._stopped)
            cell.outputs.append(
                error_output(
                    KERNEL_STOPPED, f"Python stopped while running this cell: {self._stopped}."
                )
            )
            return cell, self.resources
