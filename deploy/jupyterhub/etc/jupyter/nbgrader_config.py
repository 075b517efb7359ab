"""nbgrader settings shared by every server on the hub: learners, instructors, the course service.

The course's own settings (course id, sandboxed autograding, feedback) are in the course
folder's nbgrader_config.py, which nbgrader reads after this file.
"""

import os

from nbgrader.auth import JupyterHubAuthPlugin

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

# One exchange for every course on the hub; each course has its own folder in it.
c.Exchange.root = os.environ.get("AICOURSE_EXCHANGE_ROOT", "/srv/nbgrader/exchange")
c.Exchange.path_includes_course = True

# Learners see the courses whose hub group (nbgrader-<course>) they are in.
c.Authenticator.plugin_class = JupyterHubAuthPlugin
