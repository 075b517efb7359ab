"""nbgrader configuration for the AI Foundations course.

Instructors run nbgrader commands from this folder (see the README). Tests copy this file
into a temporary course folder and override the paths, so what is tested is what is used.
"""

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "ai-foundations"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"

# Learners edit one marked line, `answer = ...`, that sits just above the solution. The
# solution region is removed and nothing is put in its place: no "raise
# NotImplementedError" for a non-coder to fear. Written answers get a friendly prompt.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "✏️ Type your answer here, replacing this line."

# Every cell gets a time limit, so a learner's endless loop cannot hold up grading.
c.Execute.timeout = 60

# nbgrader gives zero to any test cell that writes to stderr. Harmless library warnings
# must not cost a learner their marks, so they are dropped before scoring.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"FutureWarning|DeprecationWarning|UserWarning|RuntimeWarning"

# One account plays every role on a single machine and in the tests. JupyterHub deployments
# override this in their own config.
c.ExchangeCollect.check_owner = False
