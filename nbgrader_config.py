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

# A learner who deletes a graded cell gets it back from the master copy when autograded, so
# the check still runs (nbgrader restores changed locked cells anyway).
c.OverwriteCells.add_missing_cells = True

# Kernels are driven by a client that never waits for ever on a message that has already
# arrived (nbclient can miss a wake-up under load; see src/aicourse/patient_client.py).
c.AsyncKernelManager.client_class = "aicourse.patient_client.PatientKernelClient"

# Every cell gets a time limit, so a learner's endless loop cannot hold up grading.
c.Execute.timeout = 60

# nbgrader gives zero to any test cell that writes to stderr. Harmless library warnings
# must not cost a learner their marks, so they are dropped before scoring.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"FutureWarning|DeprecationWarning|UserWarning|RuntimeWarning"

# One account plays every role on a single machine and in the tests. JupyterHub deployments
# override this in their own config.
c.ExchangeCollect.check_owner = False

# Autograding runs each learner's notebook in a sandbox kernel (bubblewrap): it cannot read
# the solutions, other learners' work or the gradebook, can write only its own folder, and has
# memory and CPU-time limits. A kernel that dies costs only the checks it had not passed yet.
# This applies to `nbgrader autograde` and the formgrader alike; a learner's Validate button
# (on their own server, without this course folder) keeps the ordinary kernel. If the sandbox
# cannot start, grading stops and says why (see docs/instructor-guide.md to opt out).
from aicourse.grading.config import autograde_preprocessors, feedback_preprocessors  # noqa: E402

c.Autograde.autograde_preprocessors = autograde_preprocessors()
c.SandboxedExecute.memory_limit_mb = 2048
c.SandboxedExecute.cpu_time_limit = 300

# Feedback pages show which checks passed and each failed check's plain-words message, but
# never the hidden tests or a traceback quoting them.
c.GenerateFeedback.preprocessors = feedback_preprocessors()
