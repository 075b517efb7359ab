"""How many threads the numerical libraries use while the course trains a model.

NumPy and SciPy hand their matrix arithmetic to OpenBLAS, which starts a thread per core
and splits even small sums between them. The course's models are small: each sum takes
microseconds, and handing it out and waiting for the other threads takes longer, much
longer on a busy shared machine (a JupyterHub node, a laptop in a video call) where those
threads wait for a free core. On the course's 2-core benchmark machine, training Week 1's
text classifier took 0.9 s with two threads and 0.3 s with one, with the same model. So
the cores train their models with one BLAS thread, inside a context: nothing changes for
the learner's own code.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import threadpool_limits


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the ``with`` block with OpenBLAS (and any other BLAS) limited to one thread."""
    with threadpool_limits(limits=1, user_api="blas"):
        yield
