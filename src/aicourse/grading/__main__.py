"""Instructor commands: ``python -m aicourse.grading COMMAND`` (run from the course folder).

    install-sandbox          install the sandbox kernel into this environment
    check-sandbox            say whether the sandbox can start here
    release ASSIGNMENT       generate the student version and release it to the exchange
    grade ASSIGNMENT         collect, autograde (sandboxed), feedback, export: the whole cohort
    report                   the cohort report (HTML with charts) and the completion CSV

See docs/instructor-guide.md. The Makefile wraps these as ``make grade A=week-1`` etc.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _release(course: Path, assignment: str) -> int:
    from aicourse.grading.cohort import course_api

    api = course_api(course, {})
    for step, call in (
        ("generate", api.generate_assignment),
        ("release", api.release_assignment),
    ):
        result = call(assignment)
        if not result["success"]:
            print(f"Could not {step} {assignment}:\n{result.get('error') or result.get('log')}")
            return 1
    print(f"Released {assignment} to the exchange; learners can fetch it now.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one instructor command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m aicourse.grading", description=__doc__)
    parser.add_argument("--course", type=Path, default=Path.cwd(), help="the course folder")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("install-sandbox", help="install the sandbox kernelspec")
    sub.add_parser("check-sandbox", help="check that the sandbox can start")
    rel = sub.add_parser("release", help="generate and release an assignment")
    rel.add_argument("assignment")
    grade = sub.add_parser("grade", help="grade the whole cohort for one assignment")
    grade.add_argument("assignment")
    grade.add_argument("--regrade", action="store_true", help="autograde everyone again")
    grade.add_argument(
        "--allow-unsandboxed",
        action="store_true",
        help="grade even if the sandbox cannot start (only for submissions you trust)",
    )
    grade.add_argument("--grades-csv", type=Path, help="where to export grades")
    grade.add_argument(
        "--workers",
        type=int,
        default=len(os.sched_getaffinity(0)),
        help="learners to autograde at once, each in its own sandbox (default: one per core)",
    )
    report = sub.add_parser("report", help="write the cohort report and completion CSV")
    report.add_argument("--out", type=Path, default=Path("reports"), help="output folder")
    args = parser.parse_args(argv)

    if args.command == "install-sandbox":
        from aicourse.grading.sandbox import install_kernelspec, sandbox_problem

        print(f"Installed {install_kernelspec()}")
        problem = sandbox_problem()
        print(f"But the sandbox cannot start here: {problem}" if problem else "Sandbox works.")
        return 1 if problem else 0
    if args.command == "check-sandbox":
        from aicourse.grading.sandbox import sandbox_problem

        problem = sandbox_problem()
        print(f"The sandbox cannot start: {problem}" if problem else "The sandbox works.")
        return 1 if problem else 0
    if args.command == "release":
        return _release(args.course, args.assignment)
    if args.command == "grade":
        from aicourse.grading.cohort import grade_cohort

        try:
            summary = grade_cohort(
                args.course,
                args.assignment,
                allow_unsandboxed=args.allow_unsandboxed,
                regrade=args.regrade,
                grades_csv=args.grades_csv,
                workers=args.workers,
            )
        except (RuntimeError, ValueError) as err:
            print(err, file=sys.stderr)
            return 2
        print(summary.text())
        return 1 if summary.by_status("failed") else 0
    if args.command == "report":
        from aicourse.grading.report import write_report

        files = write_report(args.course, args.out)
        print("\n".join(f"Wrote {p}" for p in files))
        return 0
    return 2  # pragma: no cover - argparse rejects other commands


if __name__ == "__main__":
    sys.exit(main())
