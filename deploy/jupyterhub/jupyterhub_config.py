"""JupyterHub for the AI Foundations course on one server (see README.md beside this file).

Start it as root from the course folder with ``make hub`` (settings in
``/etc/aicourse/hub.toml``, or the file named by ``AICOURSE_HUB_SETTINGS``). Everything a
cohort changes lives in that settings file; this file says how the hub uses it.
"""

from aicourse.hub import (
    jupyter_config_path,
    load_settings,
    make_pre_spawn_hook,
    server_environment,
)

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file
s = load_settings()
python = str(s.python_bin / "python")

# --- Where the hub listens and keeps its state ---------------------------------------------
# Put the agency's TLS reverse proxy in front of bind_url (see README); keep it on loopback.
c.JupyterHub.bind_url = s.bind_url
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = s.hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [str(s.proxy_command)]
c.ConfigurableHTTPProxy.pid_file = str(s.data_dir / "jupyterhub-proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{s.data_dir / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(s.data_dir / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops everyone's server too
if s.max_servers:
    c.JupyterHub.active_server_limit = s.max_servers  # what the server's memory can hold

# --- Sign-in: a PLACEHOLDER for the agency's single sign-on --------------------------------
# "pam" signs people in with their account on this server. For single sign-on (Microsoft
# Entra ID, Okta, any OpenID Connect provider) install `oauthenticator` and use its
# Local... classes so each person still gets an account here, for example:
#   c.JupyterHub.authenticator_class = "oauthenticator.generic.LocalGenericOAuthenticator"
#   c.GenericOAuthenticator.oauth_callback_url = "https://hub.example.govt.nz/hub/oauth_callback"
#   c.GenericOAuthenticator.client_id / client_secret / authorize_url / token_url / userdata_url
#   c.GenericOAuthenticator.username_claim = "preferred_username"
#   c.LocalAuthenticator.create_system_users = True
# "shared-password" exists for the tests only and is refused unless the hub is on loopback.
c.JupyterHub.authenticator_class = s.authenticator
if s.authenticator == "shared-password":
    c.SharedPasswordAuthenticator.user_password = s.shared_password
c.Authenticator.allowed_users = set(s.instructors) | set(s.learners)
c.Authenticator.admin_users = set(s.admins)

# --- Groups and roles: instructors grade, learners take part --------------------------------
# The grader account is in the instructors' group too: nbgrader's formgrader asks the hub
# which courses its account grades. It is not in allowed_users, so nobody can sign in as it.
c.JupyterHub.load_groups = {
    s.formgrade_group: {"users": [*s.instructors, s.grader_user]},
    s.learner_group: {"users": list(s.learners)},
}
c.JupyterHub.load_roles = [
    {
        # Instructors may use the course service (the formgrader) and see it listed.
        "name": s.formgrade_group,
        "groups": [s.formgrade_group],
        "scopes": [
            "list:services",
            f"read:services!service={s.course}",
            f"access:services!service={s.course}",
        ],
    },
    {
        # Learners may see that the course exists (nbgrader lists its assignments), not use it.
        "name": s.learner_group,
        "groups": [s.learner_group],
        "scopes": ["list:services", f"read:services!service={s.course}"],
    },
    {
        # The course service adds learners to the learners' group (`nbgrader db student add`).
        "name": f"{s.course}-service",
        "services": [s.course],
        "scopes": ["list:users", "read:users:groups", "list:groups", "groups"],
    },
    {
        "name": "idle-culler",
        "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    },
]

# --- Each person's own server, as their own account -------------------------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(s.python_bin / "jupyterhub-singleuser")]
c.Spawner.default_url = f"/lab/tree/{s.lessons_folder}"
c.Spawner.environment = server_environment(s)
c.Spawner.pre_spawn_hook = make_pre_spawn_hook(s)  # private home, then any new lessons
# A server's token may read its own groups (nbgrader's course list) and list the services.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    "read:users:name!user",
    "read:users:groups!user",
    "list:services",
    "read:services",
]
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120

# --- The course service: nbgrader's formgrader, run as the grader account -----------------------
# It uses the course's nbgrader_config.py (autograding in the sandbox), which
# `python -m aicourse.hub setup` put in the course folder with this server's paths.
c.JupyterHub.services = [
    {
        "name": s.course,
        "url": s.service_url,
        "user": s.grader_user,
        "cwd": str(s.course_dir),
        "command": [
            str(s.python_bin / "jupyterhub-singleuser"),
            f"--ServerApp.root_dir={s.course_dir}",
        ],
        "environment": {
            "JUPYTER_CONFIG_PATH": jupyter_config_path(s, instructor=True),
            "AICOURSE_EXCHANGE_ROOT": str(s.exchange_root),
            "PATH": server_environment(s)["PATH"],
        },
        "oauth_no_confirm": True,  # instructors go straight in, no "Authorize" page
    },
    {
        # Stops servers idle for cull_idle_after seconds, checking every cull_every seconds.
        "name": "idle-culler",
        "command": [
            python,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={s.cull_idle_after}",
            f"--cull-every={s.cull_every}",
        ],
    },
]
