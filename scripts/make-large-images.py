#!/usr/bin/env python3
"""Writes the large test images of docs/HARDENING.md's memory measurements (NumPy only, no imaging library).

    python3 scripts/make-large-images.py /tmp/mem     # big4096.png and big8000.png: gradients plus seeded noise
"""
import struct
import sys
import zlib
from pathlib import Path

import numpy as np


def png(path, img):
    h, w, _ = img.shape
    raw = b"".join(b"\x00" + img[y].tobytes() for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(3)
for n in (4096, 8000):
    y, x = np.mgrid[0:n, 0:n]
    img = np.stack([(x * 255 // n), (y * 255 // n), ((x + y) * 97 // n) % 256], -1).astype(np.int32)
    img = np.clip(img + rng.integers(-20, 20, img.shape), 0, 255).astype(np.uint8)
    png(out / f"big{n}.png", img)
