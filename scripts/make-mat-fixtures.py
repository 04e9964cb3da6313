#!/usr/bin/env python3
"""Writes the MATLAB .mat fixtures of datasets' MatFileTest with SciPy (run once; tests never need Python), and
the matrices as .npy, so the Java reader is checked against SciPy's writer.

    python3 scripts/make-mat-fixtures.py datasets/src/test/resources/mat
"""
import sys
from pathlib import Path

import numpy as np
from scipy.io import savemat

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(99)
patch = np.tanh(rng.standard_normal((9, 7)))                     # small non-square: rows and columns cannot be confused
savemat(out / "double.mat", {"img": patch})
savemat(out / "double-compressed.mat", {"img": patch}, do_compression=True)
savemat(out / "single.mat", {"img": patch.astype(np.float32)})
savemat(out / "uint8.mat", {"img": np.round((patch + 1) * 127.5).astype(np.uint8)})
savemat(out / "int16-after-a-string.mat", {"a_note": "horizon", "img": np.round(patch * 1000).astype(np.int16)})
np.save(out / "patch.npy", patch.astype(np.float32))
np.save(out / "patch-uint8.npy", np.round((patch + 1) * 127.5).astype(np.float32))
np.save(out / "patch-int16.npy", np.round(patch * 1000).astype(np.float32))
