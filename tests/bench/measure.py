#!/usr/bin/env python3
"""tests/bench/measure.py N LOG CMD... — runs CMD N times (its output to LOG) and prints
"wall_s cpu_s maxrss_kib": the median wall time, the median CPU time (user + system, of
the command and its children) and the largest peak resident memory, from wait4's rusage
(microseconds, not /usr/bin/time's hundredths).  Prints "- - -" when a run fails."""
import os
import statistics
import sys
import time


def once(cmd, log):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main():
    n, log, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    runs = []
    for _ in range(n):
        r = once(cmd, log)
        if r is None:
            print("- - -")
            print(f"failed: {' '.join(cmd)} (see {log})", file=sys.stderr)
            return
        runs.append(r)
    print(f"{statistics.median(r[0] for r in runs):.6f} "
          f"{statistics.median(r[1] for r in runs):.6f} {max(r[2] for r in runs)}")


if __name__ == "__main__":
    main()
