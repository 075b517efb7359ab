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
