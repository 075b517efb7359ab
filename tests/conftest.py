"""Test-session settings shared by every test module.

Charts are drawn off-screen. The package tests keep their expensive fixtures in their own
modules (module-scoped), so they do not depend on anything here for correctness.
"""

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402


def pytest_configure(config):
    # Used by tests/test_nbgrader_roundtrip.py; registered so pytest does not warn about it.
    config.addinivalue_line("markers", "nbgrader: runs nbgrader's whole workflow (slow)")
    config.addinivalue_line(
        "markers", "hub: runs a real JupyterHub with real local accounts (root)"
    )


@pytest.fixture(scope="session", autouse=True)
def _one_blas_thread_per_process():
    """Model training in this process uses one BLAS/OpenMP thread.

    The suite runs with ``-n 2`` on two cores; two threads per worker would oversubscribe
    them and spend the time spinning (measured: three times the CPU time under load).
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        yield


#: Test files whose tests are parametrized by assignment, each with its own costly cycle.
PER_ASSIGNMENT = ("tests/test_nbgrader_roundtrip.py",)
#: The slowest test files (minutes each), started first so that both workers finish together.
SLOW_FIRST = (
    "tests/test_nbgrader_roundtrip.py",
    "tests/test_hub.py",
    "tests/test_grading_cohort.py",
    "tests/test_bench.py",
)


def pytest_collection_modifyitems(config, items):
    """Put the slowest files first (each keeps its own order); the rest follow as collected."""

    def rank(item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return SLOW_FIRST.index(path) if path in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)


def pytest_xdist_make_scheduler(config, log):
    """Schedule ``-n 2 --dist loadscope`` (how ``make test`` runs) by file, and by week.

    As with plain loadscope, each file's tests stay on one worker, so module-scoped fixtures
    are built once and a notebook's cells run in order in one kernel under nbval. The nbgrader
    round trip is split by assignment (``test_x[week-2]`` goes with the other week-2 tests),
    so the weeks' grading cycles share both workers. (``--dist loadgroup`` would do this with
    marks, but pytest-xdist 3.8 cannot rename nodes under pytest 9.)
    """
    if config.getoption("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByFileAndWeek(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if path in PER_ASSIGNMENT and nodeid.endswith("]"):
                return path + nodeid[nodeid.rindex("[") :]
            return super()._split_scope(nodeid)

    return ByFileAndWeek(config, log)
