"""Benchmark: how much memory a learner's server and kernels use, for sizing the hub.

Usage: python benchmarks/kernel_memory.py [--json results.json] [notebooks ...]

For each lesson notebook (default: every notebook under ``notebooks/``), runs
``jupyter nbconvert --to notebook --execute`` into a temporary file, in a fresh kernel, and
samples the kernel process every 50 ms with psutil. Reports per notebook: the peak resident
memory (RSS) seen in the samples, the kernel's own high-water mark (``VmHWM`` in
``/proc/<pid>/status``, which catches peaks between samples), and the run time. Then starts
an idle Jupyter server (JupyterLab, as a learner's server runs) and reports its RSS once the
Lab page has loaded. The Kubernetes sizing in ``deploy/kubernetes/README.md`` comes from
these numbers; re-run it when the lessons change.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MB = 1024 * 1024


def _hwm(pid: int) -> int:
    """The process's peak resident memory so far, in bytes (Linux ``VmHWM``)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measure_notebook(path: Path) -> dict[str, float]:
    """Execute one notebook in a fresh kernel; peak kernel memory in MB and seconds taken."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            str(BIN / "jupyter"),
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.timeout=600",
            # as make execute runs it: a client that cannot hang on a missed message
            "--AsyncKernelManager.client_class=aicourse.patient_client.PatientKernelClient",
            f"--output-dir={tmp}",
            str(path),
        ]
        env = {**os.environ, "MPLBACKEND": "Agg"}
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=path.parent, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)  # fmt: skip
        peak = {"rss": 0, "hwm": 0}
        stop = threading.Event()

        def sample() -> None:
            parent = psutil.Process(proc.pid)
            while not stop.is_set():
                try:
                    kernels = parent.children(recursive=True)
                    rss = sum(k.memory_info().rss for k in kernels)
                    hwm = sum(_hwm(k.pid) for k in kernels)
                except psutil.Error:
                    rss = hwm = 0
                peak["rss"] = max(peak["rss"], rss)
                peak["hwm"] = max(peak["hwm"], hwm)
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, err = proc.communicate(timeout=1800)
        stop.set()
        sampler.join()
        if proc.returncode != 0:
            raise RuntimeError(f"{path} failed to run:\n{err.decode()[-2000:]}")
    return {
        "kernel_peak_rss_mb": round(peak["rss"] / MB, 1),
        "kernel_peak_hwm_mb": round(peak["hwm"] / MB, 1),
        "seconds": round(time.monotonic() - start, 1),
    }


def measure_server() -> dict[str, float]:
    """RSS of an idle JupyterLab server (what each learner's server costs without kernels)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as home:
        cmd = [str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}",
               "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=bench",
               f"--ServerApp.root_dir={ROOT}", "--allow-root"]  # fmt: skip
        env = {**os.environ, "HOME": home}
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    req = urllib.request.Request(
                        f"http://127.0.0.1:{port}/lab", headers={"Authorization": "token bench"}
                    )
                    urllib.request.urlopen(req, timeout=5).read()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("JupyterLab did not start") from None
                    time.sleep(0.5)
            time.sleep(2)  # let start-up work settle before reading memory
            rss = psutil.Process(proc.pid).memory_info().rss
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    return {"server_rss_mb": round(rss / MB, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    notebooks = args.notebooks or sorted((ROOT / "notebooks").rglob("*.ipynb"))
    results: dict[str, object] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "notebooks": {},
    }
    for nb in notebooks:
        row = measure_notebook(nb.resolve())
        results["notebooks"][str(nb.relative_to(ROOT) if nb.is_absolute() else nb)] = row
        print(f"{nb.name:45} kernel peak RSS {row['kernel_peak_rss_mb']:7.1f} MB, "
              f"high-water {row['kernel_peak_hwm_mb']:7.1f} MB, {row['seconds']:6.1f} s",
              flush=True)  # fmt: skip
    results["server"] = measure_server()
    print(f"{'idle JupyterLab server':45} RSS {results['server']['server_rss_mb']:7.1f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
