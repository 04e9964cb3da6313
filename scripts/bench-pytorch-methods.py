#!/usr/bin/env python3
"""The PyTorch side of `bin/explain bench --methods`: the same networks (torchvision VGG16 and ResNet-18,
random seeded weights), the same input size (224x224, batch 1) and thread count, the same timing (each
method timed alternately with a plain forward pass after warm-up; ratios are medians of per-repetition
ratios). Methods as Captum computes them, written with plain autograd and hooks (Captum is not packaged
in Debian): vanilla gradient, guided backprop (ReLU backward hooks clamping the gradient), SmoothGrad with
n noisy copies and Integrated Gradients with n Gauss-Legendre points, both batched like Captum's
internal_batch_size.

Needs Debian's python3-torch and python3-torchvision (apt-get install python3-torch python3-torchvision).
Usage: scripts/bench-pytorch-methods.py [--threads N] [--warmup N] [--reps N] [--samples N] [--batch N]
"""
import argparse
import os
import platform

import numpy as np
import torch
import torchvision

from torchbench import paired


def input_gradient(model, x, p):
    x = x.clone().requires_grad_(True)
    out = model(x)
    out[:, p].sum().backward()
    return x.grad


def guided_hooks(model):
    handles = []
    for m in model.modules():
        if isinstance(m, torch.nn.ReLU):
            m.inplace = False
            handles.append(m.register_full_backward_hook(lambda mod, gin, gout: (torch.clamp(gin[0], min=0.0),)))
    return handles


def smoothgrad(model, x, p, n, batch, sigma=0.15):
    g = torch.Generator().manual_seed(1)
    s = sigma * (x.max() - x.min())
    total = torch.zeros_like(x)
    done = 0
    while done < n:
        k = min(batch, n - done)
        noisy = x.repeat(k, 1, 1, 1) + s * torch.randn((k,) + tuple(x.shape[1:]), generator=g)
        total += input_gradient(model, noisy, p).sum(0, keepdim=True)
        done += k
    return total / n


def integrated_gradients(model, x, p, n, batch):
    nodes, weights = np.polynomial.legendre.leggauss(n)
    alphas = torch.tensor((nodes + 1) / 2, dtype=x.dtype)
    w = torch.tensor(weights / 2, dtype=x.dtype)
    total = torch.zeros_like(x)
    for start in range(0, n, batch):
        a = alphas[start:start + batch].view(-1, 1, 1, 1)
        points = a * x
        total += (input_gradient(model, points, p) * w[start:start + batch].view(-1, 1, 1, 1)).sum(0, keepdim=True)
    return x * total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--batch", type=int, default=25)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    print(f"bench-pytorch-methods.py --threads {args.threads} --warmup {args.warmup} --reps {args.reps} --samples {args.samples} "
          f"--batch {args.batch}; torch {torch.__version__}; {platform.machine()}, {os.cpu_count()} cores\n")
    print("| network | method | explain, median (s) | forward, median (s) | ratio to forward | ratio to n x vanilla |")
    print("|---|---|---:|---:|---:|---:|")
    for name, build in (("VGG16", torchvision.models.vgg16), ("ResNet-18", torchvision.models.resnet18)):
        model = build(weights=None).eval()
        x = torch.randn(1, 3, 224, 224)
        with torch.no_grad():
            p = int(model(x).argmax())

        def forward():
            with torch.no_grad():
                model(x)

        rows = []
        vt, vb, vr = paired(lambda: input_gradient(model, x, p), forward, args.warmup, args.reps)
        rows.append(("vanilla", vt, vb, vr, None))
        handles = guided_hooks(model)
        gt, gb, gr = paired(lambda: input_gradient(model, x, p), forward, args.warmup, args.reps)
        for h in handles:
            h.remove()
        rows.append(("guided-backprop", gt, gb, gr, None))
        st, sb, sr = paired(lambda: smoothgrad(model, x, p, args.samples, args.batch), forward, args.warmup, args.reps)
        rows.append((f"smoothgrad (n = {args.samples})", st, sb, sr, st / (args.samples * vt)))
        it, ib, ir = paired(lambda: integrated_gradients(model, x, p, args.samples, args.batch), forward, args.warmup, args.reps)
        rows.append((f"integrated-gradients (n = {args.samples})", it, ib, ir, it / (args.samples * vt)))
        for method, t, b, r, per in rows:
            print(f"| {name} | {method} | {t:.4f} | {b:.4f} | {r:.2f} | {'-' if per is None else f'{per:.2f}'} |", flush=True)


if __name__ == "__main__":
    main()
