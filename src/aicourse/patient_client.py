"""A Jupyter kernel client that never waits for ever on a message that has already arrived.

nbclient (which nbconvert, nbgrader and Voila use to run notebooks) waits for a kernel's
messages with ``channel.get_msg(timeout=None)``, an asyncio poll on a ZeroMQ socket with no
time limit. Under load that poll can miss its wake-up: the message is in the socket but
nothing looks at it again, so the kernel sits idle and the run hangs (reported as
jupyter/nbclient#312 and jupyter/nbconvert#2029; seen here in Voila, nbconvert and nbgrader).
A poll with a time limit does look again when it expires, so this client polls in short
slices until the caller's own limit: a missed wake-up costs half a second, not the run.

Use it with any kernel manager through configuration, for example
``--AsyncKernelManager.client_class=aicourse.patient_client.PatientKernelClient``; the
course's ``nbgrader_config.py`` sets it for grading.
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from traitlets import Type

#: Seconds between looks at a socket while waiting for a message.
SLICE = 0.5


class PatientChannel(AsyncZMQSocketChannel):
    """A channel whose ``get_msg`` polls in :data:`SLICE`-second steps up to its timeout."""

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:  # type: ignore[override]
        """The next message; waits up to ``timeout`` seconds (None: as long as it takes)."""
        assert self.socket is not None
        deadline = None if timeout is None else time.monotonic() + max(0.0, timeout)
        while True:
            left = SLICE if deadline is None else min(SLICE, deadline - time.monotonic())
            if await self.socket.poll(max(0, int(left * 1000))):
                return await self._recv()
            if deadline is not None and time.monotonic() >= deadline:
                raise Empty


class PatientKernelClient(AsyncKernelClient):
    """``AsyncKernelClient`` whose message channels use :class:`PatientChannel`."""

    shell_channel_class = Type(PatientChannel)  # type: ignore[assignment]
    iopub_channel_class = Type(PatientChannel)  # type: ignore[assignment]
    stdin_channel_class = Type(PatientChannel)  # type: ignore[assignment]
    control_channel_class = Type(PatientChannel)  # type: ignore[assignment]
