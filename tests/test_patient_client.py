"""The patient kernel client: a missed wake-up costs a moment, and timeouts still hold."""

from __future__ import annotations

import asyncio
import time
from queue import Empty

import pytest

from aicourse.patient_client import SLICE, PatientChannel, PatientKernelClient


class FlakySocket:
    """A socket whose first ``misses`` polls come back empty although a message is waiting."""

    def __init__(self, misses: int, has_message: bool = True) -> None:
        self.misses = misses
        self.has_message = has_message
        self.polls: list[int | None] = []

    async def poll(self, timeout: int | None = None) -> int:
        self.polls.append(timeout)
        if self.misses > 0:
            self.misses -= 1
            await asyncio.sleep((timeout or 0) / 1000)
            return 0
        if not self.has_message:
            await asyncio.sleep((timeout or 0) / 1000)
            return 0
        return 1


def _channel(socket: FlakySocket) -> PatientChannel:
    channel = PatientChannel.__new__(PatientChannel)
    channel.socket = socket  # type: ignore[assignment]

    async def recv() -> dict:
        return {"msg_type": "execute_reply"}

    channel._recv = recv  # type: ignore[method-assign]
    return channel


def test_a_missed_wake_up_is_looked_at_again_when_waiting_for_ever() -> None:
    socket = FlakySocket(misses=2)
    msg = asyncio.run(_channel(socket).get_msg(timeout=None))
    assert msg == {"msg_type": "execute_reply"}
    assert socket.polls == [int(SLICE * 1000)] * 3  # never a poll without a time limit


def test_a_timeout_still_ends_the_wait() -> None:
    socket = FlakySocket(misses=0, has_message=False)
    start = time.monotonic()
    with pytest.raises(Empty):
        asyncio.run(_channel(socket).get_msg(timeout=1.2))
    assert 1.1 <= time.monotonic() - start < 3
    assert all(p is not None and p <= SLICE * 1000 for p in socket.polls)


def test_the_client_uses_the_patient_channel_everywhere_but_the_heartbeat() -> None:
    for name in ("shell", "iopub", "stdin", "control"):
        assert getattr(PatientKernelClient, f"{name}_channel_class").default_value is PatientChannel


def test_it_runs_a_real_kernel() -> None:
    from jupyter_client.manager import AsyncKernelManager

    async def run() -> str:
        km = AsyncKernelManager(client_class="aicourse.patient_client.PatientKernelClient")
        await km.start_kernel()
        kc = km.client()
        assert isinstance(kc, PatientKernelClient)
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=60)
            reply = await kc.execute_interactive("x = 6 * 7", timeout=60)
            return reply["content"]["status"]
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

    assert asyncio.run(run()) == "ok"
