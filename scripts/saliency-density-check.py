#!/usr/bin/env python3
"""The MIT benchmark's antonioGaussian.m written out in numpy (numpy.fft, not the Java transform), applied to one
fixation at (32, 32) of a 64x64 map with fc = 8: the values FixationDensityTest expects. Run once; tests never need it."""
import numpy as np


def antonio_gaussian(img, fc):
    sn, sm = img.shape
    n = max(sn, sm)
    n = n + n % 2
    n = int(2 ** np.ceil(np.log2(n)))
    padded = np.zeros((2 * n, 2 * n))
    padded[n:n + sn, n:n + sm] = img
    n2 = 2 * n
    fx, fy = np.meshgrid(np.arange(n), np.arange(n))
    fx = fx - n / 2
    fy = fy - n / 2
    s = round(n2 / n) * fc / np.sqrt(np.log(2))
    gf = np.exp(-(fx ** 2 + fy ** 2) / s ** 2)
    gf2 = np.zeros((n2, n2))
    gf2[n2 // 2 - n // 2:n2 // 2 + n // 2, n2 // 2 - n // 2:n2 // 2 + n // 2] = gf
    gf2 = np.fft.fftshift(gf2)
    out = np.real(np.fft.ifft2(np.fft.fft2(padded) * gf2))
    return out[n:n + sn, n:n + sm]


fix = np.zeros((64, 64))
fix[32, 32] = 1
d = antonio_gaussian(fix, 8)
print(repr(d.sum()), repr(d[32, 32]), repr(d[32, 31]), repr(d[30, 33]))
