#!/usr/bin/python3
"""Writes the SEG-Y fixtures of datasets' SegyFileTest with segyio (Equinor) itself, and what segyio reads back
from them as .npy, so the Java reader is checked against segyio's own behaviour (run once; tests never need Python).

    apt-get install python3-segyio python3-numpy
    /usr/bin/python3 scripts/make-segy-fixtures.py datasets/src/test/resources/segy   (Debian's python, where apt put segyio)
"""
import sys
from pathlib import Path

import numpy as np
import segyio

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)


def make(name, fmt, endian, sorting, iline=189, xline=193, ilines=(10, 11, 12), xlines=(20, 21, 22, 23), samples=7):
    spec = segyio.spec()
    spec.ilines = list(ilines)
    spec.xlines = list(xlines)
    spec.samples = list(range(samples))
    spec.format = fmt
    spec.sorting = sorting
    spec.endian = endian
    spec.iline = iline
    spec.xline = xline
    path = out / name
    rng = np.random.default_rng(len(name))
    with segyio.create(str(path), spec) as f:
        t = 0
        slow, fast = (ilines, xlines) if sorting == segyio.TraceSortingFormat.INLINE_SORTING else (xlines, ilines)
        for s in slow:
            for q in fast:
                il, xl = (s, q) if sorting == segyio.TraceSortingFormat.INLINE_SORTING else (q, s)
                f.header[t] = {iline: il, xline: xl, segyio.TraceField.TRACE_SAMPLE_COUNT: samples}
                values = (rng.standard_normal(samples) * 1000).astype(np.float32)
                if fmt in (2, 3, 8):
                    values = np.round(values / (8 if fmt == 8 else 1)).clip(-127 if fmt == 8 else -30000, 127 if fmt == 8 else 30000)
                f.trace[t] = values.astype(np.float32)
                t += 1
        f.bin.update(hns=samples, hdt=4000)
    with segyio.open(str(path), iline=iline, xline=xline, endian=endian) as f:
        np.save(out / (name + ".iline.npy"), f.iline[f.ilines[1]].astype(np.float32))
        np.save(out / (name + ".xline.npy"), f.xline[f.xlines[2]].astype(np.float32))
        np.save(out / (name + ".depth.npy"), f.depth_slice[3].astype(np.float32))
        np.save(out / (name + ".trace5.npy"), f.trace[5].astype(np.float32))


make("ibm-big.sgy", 1, "big", segyio.TraceSortingFormat.INLINE_SORTING)
make("ieee-little.sgy", 5, "little", segyio.TraceSortingFormat.INLINE_SORTING)
make("ieee-big-xline-sorted.sgy", 5, "big", segyio.TraceSortingFormat.CROSSLINE_SORTING)
make("int32-big-bytes-9-21.sgy", 2, "big", segyio.TraceSortingFormat.INLINE_SORTING, iline=9, xline=21)
