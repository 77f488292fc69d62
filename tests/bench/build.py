#!/usr/bin/env python3
"""tests/bench/build.py BROADSIDE DOCS OUTBASE [COLD_RUNS [WARM_RUNS]] — times
`broadside build -j J -o OUTBASE/jJ DOCS` for J = 1 and 2: cold (OUT removed before each
run, outside the timing) and warm (again, nothing changed), and prints a table: median wall
and CPU time (user + system of build and its children) and the peak resident memory (the
largest of build's processes: wait4's ru_maxrss), then each run's last line on stderr (the
build's summary) and whether the -j 1 and -j 2 outputs are byte-identical.  Measured,
never asserted; a failed run shows its exit status."""
import filecmp
import os
import shutil
import statistics
import sys
import time


def once(cmd, log):
    """(wall s, CPU s, peak KiB, exit status) of CMD, its output in LOG."""
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
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code


def last_line(log):
    with open(log, errors="replace") as f:
        lines = [line.rstrip() for line in f if line.strip()]
    return lines[-1] if lines else "(nothing printed)"


def series(cmd, out, log, runs, cold):
    results = []
    for _ in range(runs):
        if cold:
            shutil.rmtree(out, ignore_errors=True)
        results.append(once(cmd, log))
    return results, last_line(log)


def differing(a, b):
    """How many files differ between trees A and B (missing on one side counts)."""
    cmp = filecmp.dircmp(a, b)
    n = len(cmp.left_only) + len(cmp.right_only) + len(cmp.funny_files)
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    n += len(mismatch) + len(errors)
    return n + sum(differing(os.path.join(a, d), os.path.join(b, d)) for d in cmp.common_dirs)


def main():
    bin_, docs, base = sys.argv[1:4]
    cold_runs = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    warm_runs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    os.makedirs(base, exist_ok=True)
    n_docs = sum(name.endswith(".xml") for _, _, names in os.walk(docs) for name in names)
    print(f"broadside build, {n_docs} documents ({docs})")
    print(f"{'':24} {'-j':>3} {'runs':>4} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}  exit")
    summaries = []
    for j in (1, 2):
        out = os.path.join(base, f"j{j}")
        cmd = [bin_, "build", "-j", str(j), "-o", out, docs]
        for label, runs, cold in (("cold (empty OUT)", cold_runs, True),
                                  ("warm (nothing changed)", warm_runs, False)):
            log = os.path.join(base, f"build-j{j}-{'cold' if cold else 'warm'}.log")
            results, summary = series(cmd, out, log, runs, cold)
            codes = sorted({r[3] for r in results})
            print(f"{label:24} {j:3d} {runs:4d} {statistics.median(r[0] for r in results):8.2f} "
                  f"{statistics.median(r[1] for r in results):8.2f} "
                  f"{max(r[2] for r in results) / 1024:9.1f}  {','.join(map(str, codes))}")
            summaries.append(f"  -j {j} {label.split()[0]}: {summary}")
    print("\n".join(summaries))
    a, b = os.path.join(base, "j1"), os.path.join(base, "j2")
    if os.path.isdir(a) and os.path.isdir(b):
        n = differing(a, b)
        print("outputs of -j 1 and -j 2: " + ("byte-identical" if n == 0 else f"{n} files differ"))


if __name__ == "__main__":
    main()
