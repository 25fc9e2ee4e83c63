#!/usr/bin/env python3
"""The fan-out of `serialcluster bench` target 3, run on Dask distributed's LocalCluster (the peer of target 7).

Two measurements on one LocalCluster of WORKERS processes with one thread each, in the same way target 3 measures
the SerialCluster side:
  - empty tasks (each returns its index): per-task overhead P*wall/N, and wall/N;
  - N tasks of about TASK_MS each (a SplitMix64 sum in pure Python): efficiency (T1/P)/wall, where T1 is the same
    tasks run one after another in this process (a tenth of them before and after the cluster run, scaled), and the
    overhead per task (P*wall - T1)/N.
The tasks are Python, SerialCluster's are C#: compare the overheads and the efficiencies, never the kernels' speed.
The kernel is checked against the SplitMix64 vector in docs (seed 1234567), and every task run in this process is
checked against Dask's answer for it. Prints one JSON document on stdout; errors go to stderr with exit status 2
(bad arguments) or 3 (a wrong answer).

  python3 src/SerialCluster.Cli/Bench/dask_fanout.py --empty-tasks 2000 --tasks 10000 --task-ms 1
"""
import argparse
import json
import logging
import os
import platform
import sys
import time

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def splitmix_sum(seed, count):
    """Sum mod 2^64 of SplitMix64 outputs 0..count-1 of seed (docs: /work/shared/DESIGN.md's generator)."""
    state = seed & MASK
    total = 0
    for _ in range(count):
        state = (state + GOLDEN) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        total = (total + (z ^ (z >> 31))) & MASK
    return total


def empty_task(index):
    return index


def fanout_task(index, count):
    return splitmix_sum(index, count)


def positive(name, low, high, kind=int):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} '{text}' is not a number; allowed: {low} to {high}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{name} {text} is out of range; allowed: {low} to {high}")
        return value

    return parse


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--empty-tasks", type=positive("--empty-tasks", 1, 1_000_000), default=2000)
    parser.add_argument("--tasks", type=positive("--tasks", 1, 1_000_000), default=10_000)
    parser.add_argument("--task-ms", type=positive("--task-ms", 0.01, 1000.0, float), default=1.0)
    parser.add_argument("--workers", type=positive("--workers", 1, 64), default=2)
    return parser.parse_args(argv)


def iterations_for(task_ms):
    """SplitMix64 steps that take about task_ms here: the fastest of 5 timed runs of at least 20 ms each, so a burst
    of other programs' load during the calibration does not shrink every task."""
    count = 1000
    while True:
        start = time.perf_counter()
        splitmix_sum(1, count)
        if time.perf_counter() - start >= 0.02:
            break
        count *= 4
    fastest = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        splitmix_sum(1, count)
        fastest = min(fastest, time.perf_counter() - start)
    return max(1, round(count * task_ms / 1000 / fastest))


def serial_sample(indices, count):
    """Mean seconds per task over the given tasks run here one after another, and their answers."""
    start = time.perf_counter()
    answers = {index: fanout_task(index, count) for index in indices}
    return (time.perf_counter() - start) / len(indices), answers


def main(argv):
    arguments = parse_arguments(argv)
    if splitmix_sum(1234567, 1) != 6457827717110365317:
        print("dask_fanout: the SplitMix64 kernel does not give the published first output of seed 1234567", file=sys.stderr)
        return 3

    import dask
    import distributed

    p = arguments.workers
    n = arguments.tasks
    count = iterations_for(arguments.task_ms)
    stride = max(1, n // max(1, min(n, max(20, n // 10))))
    sample = list(range(0, n, stride))
    started = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=p, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    start_seconds = time.perf_counter() - started
    try:
        # Warm-up: the workers import the task functions and the scheduler meets every worker once.
        client.gather(client.map(fanout_task, range(4 * p), [count] * (4 * p), pure=False))

        start = time.perf_counter()
        answers = client.gather(client.map(empty_task, range(arguments.empty_tasks), pure=False))
        empty_wall = time.perf_counter() - start
        if answers != list(range(arguments.empty_tasks)):
            print("dask_fanout: the empty tasks did not return their indices", file=sys.stderr)
            return 3

        before, expected = serial_sample(sample, count)
        start = time.perf_counter()
        results = client.gather(client.map(fanout_task, range(n), [count] * n, pure=False))
        wall = time.perf_counter() - start
        after, _ = serial_sample(sample, count)
    finally:
        client.close()
        cluster.close()

    wrong = [index for index, answer in expected.items() if results[index] != answer]
    if wrong:
        print(f"dask_fanout: Dask's answers differ from this process's for tasks {wrong[:5]}", file=sys.stderr)
        return 3

    t1 = (before + after) / 2 * n
    document = {
        "peer": "dask.distributed LocalCluster",
        "dask": dask.__version__,
        "distributed": distributed.__version__,
        "python": platform.python_version(),
        "pid": os.getpid(),
        "workers": p,
        "threadsPerWorker": 1,
        "startSeconds": start_seconds,
        "empty": {
            "tasks": arguments.empty_tasks,
            "wallSeconds": empty_wall,
            "overheadSecondsPerTask": p * empty_wall / arguments.empty_tasks,
            "wallSecondsPerTask": empty_wall / arguments.empty_tasks,
        },
        "fanout": {
            "tasks": n,
            "taskMilliseconds": arguments.task_ms,
            "iterationsPerTask": count,
            "taskSecondsBefore": before,
            "taskSecondsAfter": after,
            "t1Seconds": t1,
            "wallSeconds": wall,
            "efficiency": t1 / p / wall,
            "overheadSecondsPerTask": max(0.0, p * wall - t1) / n,
            "checkedTasks": len(expected),
        },
    }
    print(json.dumps(document))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
