"""The cohort report: how a cohort is doing, read from nbgrader's gradebook.

``write_report`` makes two files for instructors and programme managers:

- ``cohort-report.html``: one self-contained page (charts embedded, no outside assets) with
  the score distribution per assignment, completion per week, the exercises most learners
  miss, and who is late or missing;
- ``completion.csv``: one row per learner and assignment (submitted or not, score, late), for
  HR and learning systems. It holds ids, names and numbers only: never a learner's answers.

The tables come from pure functions (``gradebook_tables``, ``completion``, ``missed_cells``)
so they are tested without drawing anything.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from nbgrader.api import Gradebook, MissingEntry

from aicourse.style import PALETTE, course_style, figure_of, new_axes

#: Columns of the completion CSV, in order. No column holds free text from a learner.
COMPLETION_COLUMNS: tuple[str, ...] = (
    "student_id",
    "first_name",
    "last_name",
    "assignment",
    "submitted",
    "score",
    "max_score",
    "percent",
    "late",
    "hours_late",
)


def gradebook_tables(db_url: str, course_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the gradebook into two plain tables.

    ``submissions``: one row per learner and assignment (``student_id``, ``first_name``,
    ``last_name``, ``assignment``, ``duedate``, ``submitted``, ``score``, ``max_score``,
    ``seconds_late``). ``cells``: one row per submitted graded cell (``assignment``,
    ``notebook``, ``cell``, ``student_id``, ``score``, ``max_score``, ``auto``).
    """
    subs, cells = [], []
    with Gradebook(db_url, course_id) as gb:
        students = sorted(gb.students, key=lambda s: s.id)
        for assignment in sorted(gb.assignments, key=lambda a: a.name):
            for student in students:
                row = {
                    "student_id": student.id,
                    "first_name": student.first_name or "",
                    "last_name": student.last_name or "",
                    "assignment": assignment.name,
                    "duedate": assignment.duedate,
                    "submitted": False,
                    "score": 0.0,
                    "max_score": float(assignment.max_score),
                    "seconds_late": 0.0,
                }
                try:
                    sub = gb.find_submission(assignment.name, student.id)
                except MissingEntry:
                    subs.append(row)
                    continue
                row |= {
                    "submitted": True,
                    "score": float(sub.score),
                    "seconds_late": float(sub.total_seconds_late),
                }
                subs.append(row)
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        cells.append(
                            {
                                "assignment": assignment.name,
                                "notebook": nb.name,
                                "cell": grade.name,
                                "student_id": student.id,
                                "score": float(grade.score),
                                "max_score": float(grade.max_score),
                                "auto": grade.auto_score is not None,
                            }
                        )
    submissions = pd.DataFrame(
        subs, columns=[*COMPLETION_COLUMNS[:5], "duedate", "score", "max_score", "seconds_late"]
    )
    return submissions, pd.DataFrame(
        cells,
        columns=["assignment", "notebook", "cell", "student_id", "score", "max_score", "auto"],
    )


def completion(submissions: pd.DataFrame) -> pd.DataFrame:
    """The completion table for HR: the columns in :data:`COMPLETION_COLUMNS`, numbers only."""
    out = submissions.copy()
    out["percent"] = (100 * out["score"] / out["max_score"].where(out["max_score"] > 0)).round(1)
    out["late"] = out["seconds_late"] > 0
    out["hours_late"] = (out["seconds_late"] / 3600).round(1)
    out.loc[~out["submitted"], ["score", "percent"]] = float("nan")
    out["submitted"] = out["submitted"].map({True: "yes", False: "no"})
    out["late"] = out["late"].map({True: "yes", False: "no"})
    return out[list(COMPLETION_COLUMNS)].reset_index(drop=True)


def missed_cells(cells: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The graded cells most learners did not get full marks on, worst first."""
    if cells.empty:
        return pd.DataFrame(columns=["exercise", "missed_by", "learners", "share_missed"])
    cells = cells.assign(
        missed=cells["score"] < cells["max_score"],
        exercise=cells["assignment"] + " · " + cells["cell"],
    )
    table = cells.groupby("exercise").agg(missed_by=("missed", "sum"), learners=("missed", "size"))
    table["share_missed"] = table["missed_by"] / table["learners"]
    return (
        table.sort_values(["share_missed", "exercise"], ascending=[False, True])
        .head(top)
        .reset_index()
    )


def _png(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def score_chart(submissions: pd.DataFrame) -> Figure:
    """Each submitted learner's percentage, per assignment, as dots over a box."""
    with course_style():
        ax = new_axes(figsize=(7, 3.2))
        done = submissions[submissions["submitted"]]
        names = sorted(submissions["assignment"].unique())
        data = [
            (
                100
                * done.loc[done["assignment"] == n, "score"]
                / done.loc[done["assignment"] == n, "max_score"]
            ).to_numpy()
            for n in names
        ]
        ax.boxplot(data, tick_labels=names, widths=0.5, showfliers=False)
        for i, values in enumerate(data, start=1):
            ax.scatter([i] * len(values), values, color=PALETTE["blue"], alpha=0.6, zorder=3)
        ax.set_ylim(-5, 105)
        ax.set_title("Scores per assignment")
        ax.set_xlabel("Assignment")
        ax.set_ylabel("Score (% of marks)")
        return figure_of(ax)


def completion_chart(submissions: pd.DataFrame) -> Figure:
    """How many learners submitted each assignment, on time and late."""
    with course_style():
        ax = new_axes(figsize=(7, 3.2))
        names = sorted(submissions["assignment"].unique())
        groups = submissions.groupby("assignment")
        on_time = [int((g["submitted"] & (g["seconds_late"] <= 0)).sum()) for _, g in groups]
        late = [int((g["submitted"] & (g["seconds_late"] > 0)).sum()) for _, g in groups]
        total = [len(g) for _, g in groups]
        ax.bar(names, on_time, color=PALETTE["blue"], label="On time")
        ax.bar(names, late, bottom=on_time, color=PALETTE["orange"], label="Late")
        ax.plot(names, total, "k_", markersize=30, label="Learners enrolled")
        ax.set_title("Completion per assignment")
        ax.set_xlabel("Assignment")
        ax.set_ylabel("Learners")
        ax.legend(loc="lower right")
        return figure_of(ax)


def missed_chart(missed: pd.DataFrame) -> Figure:
    """The exercises most often missed, as the share of learners who missed each."""
    with course_style():
        ax = new_axes(figsize=(7, 0.4 * max(len(missed), 3) + 1))
        ordered = missed.iloc[::-1]
        ax.barh(ordered["exercise"], 100 * ordered["share_missed"], color=PALETTE["vermillion"])
        ax.set_xlim(0, 100)
        ax.set_title("Exercises most learners miss")
        ax.set_xlabel("Learners without full marks (%)")
        ax.set_ylabel("Assignment · graded cell")
        return figure_of(ax)


def _table(df: pd.DataFrame) -> str:
    if df.empty:
        return "<p>None.</p>"
    return df.to_html(index=False, escape=True, na_rep="", border=0, classes="data")


def report_html(submissions: pd.DataFrame, cells: pd.DataFrame, course_id: str) -> str:
    """The whole report as one self-contained HTML page."""
    table = completion(submissions)
    missed = missed_cells(cells)
    late = table[table["late"] == "yes"][["student_id", "assignment", "hours_late"]]
    missing = table[table["submitted"] == "no"][
        ["student_id", "first_name", "last_name", "assignment"]
    ]
    charts = [
        (
            score_chart(submissions),
            "Scores per assignment",
            "Look for assignments where many "
            "learners score low: the lesson or the exercise may need work.",
        ),
        (
            completion_chart(submissions),
            "Completion per assignment",
            "The gap between the bars and the line is the learners who have not submitted yet.",
        ),
    ]
    if not missed.empty:
        charts.append(
            (
                missed_chart(missed),
                "Exercises most learners miss",
                "An exercise most learners miss is worth going over in the next session.",
            )
        )
    figures = "\n".join(
        f'<figure><img src="data:image/png;base64,{_png(fig)}" alt="{html.escape(title)}">'
        f"<figcaption>{html.escape(note)}</figcaption></figure>"
        for fig, title, note in charts
    )
    return f"""<!DOCTYPE html>
<html lang="en-NZ"><head><meta charset="utf-8">
<title>Cohort report: {html.escape(course_id)}</title>
<style>
body {{ font-family: system-ui, sans-serif; color: #222; max-width: 60rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.5; }}
h1, h2 {{ color: #1a1a1a; }} figure {{ margin: 1.5rem 0; }} img {{ max-width: 100%; }}
figcaption {{ color: #333; }} table.data {{ border-collapse: collapse; }}
table.data th, table.data td {{ border-bottom: 1px solid #bbb; padding: 0.25rem 0.75rem;
  text-align: left; }}
</style></head><body>
<h1>Cohort report: {html.escape(course_id)}</h1>
<p>{table["student_id"].nunique()} learners, {table["assignment"].nunique()} assignments,
{int((table["submitted"] == "yes").sum())} submissions.</p>
{figures}
<h2>Exercises most often missed</h2>
{
        _table(
            missed.assign(share_missed=(100 * missed["share_missed"]).round(0)).rename(
                columns={"share_missed": "% missed"}
            )
        )
    }
<h2>Late submissions</h2>
{_table(late)}
<h2>Missing submissions</h2>
{_table(missing)}
</body></html>
"""


def write_report(course_dir: Path, out: Path) -> list[Path]:
    """Write ``cohort-report.html`` and ``completion.csv`` for the course into ``out``."""
    from nbgrader.coursedir import CourseDirectory

    from aicourse.grading.cohort import load_course_config

    coursedir = CourseDirectory(config=load_course_config(Path(course_dir)))
    submissions, cells = gradebook_tables(coursedir.db_url, coursedir.course_id)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    page = out / "cohort-report.html"
    page.write_text(report_html(submissions, cells, coursedir.course_id), encoding="utf-8")
    csv = out / "completion.csv"
    completion(submissions).to_csv(csv, index=False)
    return [page, csv]
