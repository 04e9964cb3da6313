#!/usr/bin/env python3
"""Aggregates a ONEDNN_VERBOSE=1 log of scripts/ProfilePrimitives.java: per primitive kind and propagation, the sum over
one run of each primitive's median time (the medians keep out the few-millisecond stalls that a 2-core machine adds
to single primitives) and of its mean; then, with --shapes, the median of every convolution shape."""
import collections
import statistics
import sys


def main(path, shapes):
    text = open(path).read()
    if '=====MARK' not in text:
        sys.exit(f'{path}: no =====MARK line; not a ProfilePrimitives log')
    after = text.split('=====MARK', 1)[1].splitlines()
    runs = sum(1 for l in after if l.startswith('=====TIME'))
    times = sorted(float(l.split()[1]) for l in after if l.startswith('=====TIME'))
    calls = collections.defaultdict(list)
    for line in after:
        if line.startswith('onednn_verbose,exec'):
            p = line.split(',')
            calls[(p[3], p[5], p[4], p[-2])].append(float(p[-1]))
    if not calls or not runs:
        sys.exit(f'{path}: no oneDNN primitive after the mark (was ONEDNN_VERBOSE=1 set?)')
    median_sum = collections.defaultdict(float)
    mean_sum = collections.defaultdict(float)
    for (kind, prop, impl, shape), v in calls.items():
        median_sum[(kind, prop)] += statistics.median(v) * len(v) / runs
        mean_sum[(kind, prop)] += sum(v) / runs
    print(f'{runs} runs, wall time median {statistics.median(times) * 1000:.2f} ms')
    print('| primitive | median-sum (ms) | mean-sum (ms) |')
    print('|---|---:|---:|')
    for k in sorted(median_sum, key=lambda k: -median_sum[k]):
        print(f'| {k[0]} {k[1]} | {median_sum[k]:.2f} | {mean_sum[k]:.2f} |')
    print(f'| all | {sum(median_sum.values()):.2f} | {sum(mean_sum.values()):.2f} |')
    if shapes:
        print('\n| convolution | kernel | shape | median (ms) |')
        print('|---|---|---|---:|')
        for (kind, prop, impl, shape), v in sorted(calls.items(), key=lambda kv: kv[0][3]):
            if kind == 'convolution':
                print(f'| {prop} | {impl} | {shape} | {statistics.median(v):.3f} |')


if __name__ == '__main__':
    args = [a for a in sys.argv[1:] if a != '--shapes']
    if len(args) != 1:
        sys.exit('usage: onednn-primitive-times.py LOG [--shapes]')
    main(args[0], '--shapes' in sys.argv)
