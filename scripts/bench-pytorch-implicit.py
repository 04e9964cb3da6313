#!/usr/bin/env python3
"""The PyTorch side of `bin/explain bench --implicit`: implicit saliency of one 224x224 image with its
prediction contradicted by the 999 other labels, Grad-CAM pseudo maps (relu of sum_c mean(dL/dA_c) A_c,
L the cross-entropy to the conflicting label), their mean; torchvision VGG16 (at features[29], relu5_3) and
ResNet-18 (at layer4), random seeded weights, timed alternately with a plain forward pass as the Java bench
does. Written as a PyTorch user with no explain4j would batch it: one forward of the whole network keeping
the layer's activation, then the head above the layer run on 999 copies of that activation and one backward
of the 999 losses (each copy's gradient is its own label's).

Needs Debian's python3-torch and python3-torchvision. Usage: scripts/bench-pytorch-implicit.py [--threads N]
[--warmup N] [--reps N]
"""
import argparse
import platform

import torch
import torchvision

from torchbench import paired


def split_vgg(net):
    body = net.features[:30]
    head = torch.nn.Sequential(net.features[30:], net.avgpool, torch.nn.Flatten(1), net.classifier)
    return body, head


def split_resnet(net):
    body = torch.nn.Sequential(net.conv1, net.bn1, net.relu, net.maxpool, net.layer1, net.layer2, net.layer3, net.layer4)
    head = torch.nn.Sequential(net.avgpool, torch.nn.Flatten(1), net.fc)
    return body, head


def implicit(body, head, x):
    with torch.no_grad():
        a = body(x)
        p = head(a).argmax(1).item()
    labels = torch.tensor([c for c in range(1000) if c != p])
    rows = a.repeat(len(labels), 1, 1, 1).requires_grad_(True)
    loss = torch.nn.functional.cross_entropy(head(rows), labels, reduction="sum")
    (g,) = torch.autograd.grad(loss, rows)
    w = g.mean(dim=(2, 3))
    maps = torch.relu(torch.einsum("kc,chw->khw", w, a[0]))
    return maps.mean(0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--reps", type=int, default=9)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    x = torch.randn(1, 3, 224, 224)
    print(f"scripts/bench-pytorch-implicit.py --threads {args.threads} --warmup {args.warmup} --reps {args.reps}; "
          f"torch {torch.__version__}; {platform.machine()}\n")
    print("| network | task | questions | explain, median (s) | forward, median (s) | median ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for name, make, split in (("VGG16", torchvision.models.vgg16, split_vgg), ("ResNet-18", torchvision.models.resnet18, split_resnet)):
        net = make().eval()
        body, head = split(net)

        def forward():
            with torch.no_grad():
                net(x)

        t, b, r = paired(lambda: implicit(body, head, x), forward, args.warmup, args.reps)
        print(f"| {name} | implicit saliency | 999 | {t:.4f} | {b:.4f} | {r:.2f} |")


if __name__ == "__main__":
    main()
