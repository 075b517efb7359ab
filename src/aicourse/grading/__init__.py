"""Instructor tools over nbgrader: sandboxed autograding, safe feedback, cohort grading, report.

Learners never need this package; instructors use it through ``python -m aicourse.grading``
(see ``docs/instructor-guide.md``) and the course's ``nbgrader_config.py``.
"""
