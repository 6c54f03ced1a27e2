"""Timing and memory figures shared by the benchmarks."""

import resource
import statistics
import time
from pathlib import Path


def time_calls(call, *, repeats: int, warmup: int = 2) -> list[float]:
    """Milliseconds each of ``repeats`` calls took, after ``warmup`` untimed calls fill the caches."""
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(repeats):
        began = time.perf_counter()
        call()
        timings.append((time.perf_counter() - began) * 1000)
    return timings


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_peak_rss_mb(pid: int) -> float:
    """Another live process's peak resident memory, from /proc (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
