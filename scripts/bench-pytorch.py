#!/usr/bin/env python3
"""The PyTorch column of scripts/bench-side-by-side.sh: the rows `bin/explain bench --peers` times, on torchvision's
VGG16, ResNet-18 and ResNet-50 (random seeded weights, eval mode, 224x224) with the same thread count:

- forward: the whole network under torch.no_grad();
- Grad-CAM: as pytorch-grad-cam computes it (a forward hook keeping the layer's activation and a tensor hook
  its gradient, the input requiring grad, one forward, the summed target logits' full autograd backward, weights
  the spatial mean of the gradient, relu of the weighted sum, upsampled to the input and min-max normalised per
  image); one target per image, so batch 8 is one forward and one backward of 8 rows;
- 10 contrasts: "why P rather than Q" for 10 classes Q about one image, run the way pytorch-grad-cam runs 10
  targets: a batch of 10 copies, cross-entropy to each copy's Q, one backward;
- vanilla gradient: d logit_P / d input, P found beforehand.

Layers: VGG16 features[29] (relu5_3), the ResNets' layer4. Medians after warm-up (torchbench.median_seconds).
Needs Debian's python3-torch and python3-torchvision (apt-get install python3-torch python3-torchvision).
Usage: scripts/bench-pytorch.py [--threads N] [--warmup N] [--reps N] [--seed N]
"""
import argparse
import os
import platform

import torch
import torch.nn.functional as F
import torchvision

from torchbench import median_seconds

CONTRASTS = 10


class HookedGradCam:
    """Grad-CAM the way pytorch-grad-cam's BaseCAM computes it: hooks on the layer, autograd for the gradient."""

    def __init__(self, model, layer):
        self.model = model
        self.activation = None
        self.gradient = None
        layer.register_forward_hook(self._keep)

    def _keep(self, module, inputs, output):
        self.activation = output
        if not output.requires_grad:  # a no_grad forward (pytorch-grad-cam skips these too)
            return

        def keep_gradient(g):
            self.gradient = g

        output.register_hook(keep_gradient)

    def __call__(self, x, loss_of):
        x = x.clone().requires_grad_(True)
        out = self.model(x)
        self.model.zero_grad()
        loss_of(out).backward()
        w = self.gradient.mean(dim=(2, 3), keepdim=True)
        cam = torch.relu((w * self.activation).sum(dim=1, keepdim=True)).detach()
        cam = F.interpolate(cam, size=x.shape[2:], mode="bilinear", align_corners=False)
        lo = cam.amin(dim=(2, 3), keepdim=True)
        hi = cam.amax(dim=(2, 3), keepdim=True)
        return (cam - lo) / (hi - lo + 1e-7)


def networks():
    vgg = torchvision.models.vgg16(weights=None)
    for m in vgg.modules():
        if isinstance(m, torch.nn.ReLU):
            m.inplace = False  # a tensor hook on an in-place ReLU's output is rejected by autograd
    yield "VGG16", vgg, vgg.features[29]
    r18 = torchvision.models.resnet18(weights=None)
    yield "ResNet-18", r18, r18.layer4
    r50 = torchvision.models.resnet50(weights=None)
    yield "ResNet-50", r50, r50.layer4


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    print(f"scripts/bench-pytorch.py --threads {args.threads} --warmup {args.warmup} --reps {args.reps} --seed {args.seed}; "
          f"torch {torch.__version__}, torchvision {torchvision.__version__}; {platform.machine()}, {os.cpu_count()} cores\n")
    print("| network | batch | task | seconds, median |")
    print("|---|---:|---|---:|")

    def row(name, batch, task, fn):
        print(f"| {name} | {batch} | {task} | {median_seconds(fn, args.warmup, args.reps):.4f} |", flush=True)

    for name, model, layer in networks():
        model.eval()
        cam = HookedGradCam(model, layer)
        for batch in (1, 8):
            x = torch.randn(batch, 3, 224, 224)
            with torch.no_grad():
                predicted = model(x).argmax(1)

            def forward():
                with torch.no_grad():
                    model(x)

            row(name, batch, "forward", forward)
            row(name, batch, "Grad-CAM", lambda: cam(x, lambda out: out.gather(1, predicted.view(-1, 1)).sum()))
            if batch == 1:
                p = int(predicted[0])
                rather = torch.tensor([(p + 1 + k) % 1000 for k in range(CONTRASTS)])
                copies = x.repeat(CONTRASTS, 1, 1, 1)
                row(name, 1, f"{CONTRASTS} contrasts", lambda: cam(copies, lambda out: F.cross_entropy(out, rather, reduction="sum")))

                def vanilla():
                    xi = x.clone().requires_grad_(True)
                    model(xi)[0, p].backward()
                    return xi.grad

                row(name, 1, "vanilla gradient", vanilla)


if __name__ == "__main__":
    main()
