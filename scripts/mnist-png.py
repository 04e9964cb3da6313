#!/usr/bin/env python3
"""Writes MNIST images (an IDX file, e.g. data/mnist/t10k-images-idx3-ubyte) as 8-bit grey PNGs, 00000.png, 00001.png ...
into a folder: the input of the folder-run measurements in docs/BENCHMARKS.md. Standard library only.

    python3 scripts/mnist-png.py data/mnist/t10k-images-idx3-ubyte /tmp/mnist-png [--count N]
"""
import argparse
import gzip
import os
import struct
import sys
import zlib


def png(width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + r for r in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("idx")
    p.add_argument("out")
    p.add_argument("--count", type=int, default=None)
    a = p.parse_args()
    if a.count is not None and a.count < 0:
        fail("--count must be at least 0")
    opener = gzip.open if a.idx.endswith(".gz") else open
    try:
        with opener(a.idx, "rb") as f:
            data = f.read()
    except (OSError, EOFError) as e:
        fail(f"cannot read {a.idx}: {e}")
    if len(data) < 16:
        fail(f"{a.idx}: not an IDX image file (only {len(data)} bytes)")
    magic, n, h, w = struct.unpack(">IIII", data[:16])
    if magic != 2051:
        fail(f"{a.idx}: not an IDX image file (magic {magic})")
    if len(data) != 16 + n * h * w:
        fail(f"{a.idx}: the header declares {n} images of {h} x {w}, the file holds {len(data) - 16} bytes of pixels")
    n = n if a.count is None else min(n, a.count)
    try:
        os.makedirs(a.out, exist_ok=True)
        for i in range(n):
            start = 16 + i * h * w
            rows = [data[start + r * w:start + (r + 1) * w] for r in range(h)]
            # written under a temporary name, then renamed: an interrupted run leaves no half-written PNG
            path = os.path.join(a.out, f"{i:05d}.png")
            with open(path + ".part", "wb") as f:
                f.write(png(w, h, rows))
            os.replace(path + ".part", path)
    except OSError as e:
        fail(f"cannot write into {a.out}: {e}")
    print(f"wrote {n} images to {a.out}")


def fail(message):
    print(f"mnist-png: {message}", file=sys.stderr)
    raise SystemExit(2)


if __name__ == "__main__":
    main()
