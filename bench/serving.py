"""Serving: gunicorn with one worker per core on a loopback port, loaded from a second process.

The load comes from wrk when it is installed (``apt-get install wrk``), otherwise from
``bench.load``; either way it is bounded in time and only ever talks to 127.0.0.1.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.database import REPOSITORY
from bench.measure import process_peak_rss_mb

LOOPBACK = "127.0.0.1"
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(workers: int, log_path: Path):
    """A gunicorn serving the project on a free loopback port; yields (base URL, master process)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        f"--workers={workers}",
        f"--bind={LOOPBACK}:{port}",
        "--log-level=warning",
        "--timeout=30",
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        master = subprocess.Popen(command, cwd=REPOSITORY, env=os.environ.copy(), stdout=log, stderr=log)
        try:
            base = f"http://{LOOPBACK}:{port}"
            _wait_until_serving(f"{base}/api/timeline/?page_size=1", master, log_path)
            yield base, master
        finally:
            master.terminate()
            try:
                master.wait(timeout=15)
            except subprocess.TimeoutExpired:
                master.kill()
                master.wait()


def _wait_until_serving(url: str, master: subprocess.Popen, log_path: Path):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if master.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {master.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within {STARTUP_SECONDS} s; see {log_path}")


def worker_pids(master_pid: int) -> list[int]:
    """The processes whose parent is the gunicorn master: its workers."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name may hold spaces; the parent pid is the second field after its ")".
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            pids.append(int(stat.parent.name))
    return pids


def workers_peak_rss_mb(master_pid: int) -> list[float]:
    return [process_peak_rss_mb(pid) for pid in worker_pids(master_pid)]


def load(url: str, *, seconds: int, connections: int) -> dict:
    """Requests/s and latency of ``url`` under ``connections`` concurrent keep-alive clients."""
    if shutil.which("wrk"):
        return _wrk(url, seconds=seconds, connections=connections)
    command = [sys.executable, "-m", "bench.load", url, f"--seconds={seconds}", f"--connections={connections}"]
    finished = subprocess.run(command, cwd=REPOSITORY, capture_output=True, text=True, timeout=seconds + 60)
    if finished.returncode != 0:
        raise RuntimeError(f"bench.load failed: {finished.stderr.strip()}")
    return json.loads(finished.stdout)


def _wrk(url: str, *, seconds: int, connections: int) -> dict:
    command = [
        "wrk",
        "--threads=1",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        "--latency",
        "--header=Accept: application/json",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {
        "tool": "wrk",
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _wrk_milliseconds(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99_ms": _wrk_milliseconds(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
    }


def _wrk_milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]
