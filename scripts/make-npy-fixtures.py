#!/usr/bin/env python3
"""Writes the .npy fixtures of explain-core's NpyFilesTest with NumPy itself (run once; tests never need Python).

Each file holds a = arange(24).reshape(2,3,4) * 0.5 - 3 in another dtype, byte order, memory order or format
version, so the Java reader is checked against NumPy's own writer, not against itself.
    python3 scripts/make-npy-fixtures.py explain-core/src/test/resources/npy
"""
import sys
from pathlib import Path

import numpy as np
from numpy.lib import format as npf

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
a = np.arange(24, dtype=np.float64).reshape(2, 3, 4) * 0.5 - 3

def save(name, arr, version=None):
    with open(out / name, "wb") as f:
        npf.write_array(f, arr, version=version)

save("f8.npy", a)
save("f4.npy", a.astype("<f4"))
save("f4-big-endian.npy", a.astype(">f4"))
save("f8-big-endian.npy", a.astype(">f8"))
save("f2.npy", a.astype("<f2"))
save("f4-fortran.npy", np.asfortranarray(a.astype("<f4")))
save("f4-v2.npy", a.astype("<f4"), version=(2, 0))
save("f4-v3.npy", a.astype("<f4"), version=(3, 0))
save("i2.npy", (a * 2).astype("<i2"))
save("u1.npy", (a * 2 + 6).astype("u1"))
save("i8-big-endian.npy", (a * 2).astype(">i8"))
save("bool.npy", a > 0)
save("c8.npy", a.astype(np.complex64))
save("object.npy", np.array([1, "x", None], dtype=object))
save("unicode.npy", np.array(["ab", "cd"]))
save("structured.npy", np.zeros(3, dtype=[("x", "<f4"), ("y", "<i4")]))
