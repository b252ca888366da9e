"""How many CPUs this process may run on: its affinity, not the machine's CPU count.

`os.cpu_count()` counts the machine's CPUs; a process confined to fewer (a container's cpuset,
`taskset -c 0`) that starts a pool or threads of that size only makes them take turns. A CPU
quota (`docker --cpus`) limits time, not CPUs, and is not counted here.
"""

from __future__ import annotations

import os


def usable_cpus() -> int:
    """The CPUs this process may run on (at least 1)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
