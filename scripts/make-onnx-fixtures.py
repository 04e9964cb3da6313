#!/usr/bin/env python3
"""Exports the ONNX test fixtures of explain-recognition with random seeded weights.

Needs Debian's python3-torch, python3-torchvision and python3-onnx (apt-get install ...), run with
/usr/bin/python3. Writes small networks that cover every supported operator into
explain-core/src/test/resources/onnx/ (committed), and, with --full DIR, torchvision's VGG16
and ResNet-18 (random weights, 528 MB and 45 MB: not committed) for
'bin/explain recognition check-onnx --model DIR/vgg16.onnx'.
"""
import argparse
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(1234)


class TinyVgg(nn.Module):
    """Conv, Relu, MaxPool, AveragePool (kernel 1, as torchvision's adaptive pool at 7x7), Flatten, Gemm, Dropout."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.avgpool = nn.AvgPool2d(1)
        self.classifier = nn.Sequential(nn.Linear(16 * 4 * 4, 32), nn.ReLU(), nn.Dropout(), nn.Linear(32, 10))

    def forward(self, x):
        x = self.avgpool(self.features(x))
        return self.classifier(torch.flatten(x, 1))


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None if stride == 1 and cin == cout else nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.down is None else self.down(x)))


class TinyResNet(nn.Module):
    """Conv, BatchNormalization (also unfused, after a ReLU), MaxPool with padding, Add, GlobalAveragePool, Flatten, Gemm."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer1 = Block(8, 8, 1)
        self.layer2 = Block(8, 16, 2)
        self.post = nn.BatchNorm2d(16)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.maxpool(F.relu(self.bn1(self.conv1(x))))
        x = self.post(self.layer2(self.layer1(x)))
        x = F.adaptive_avg_pool2d(x, 1)
        return self.fc(torch.flatten(x, 1))


class TinyMixed(nn.Module):
    """Concat, Clip (ReLU6), MatMul, Reshape, Sigmoid, Mul, Softmax output."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 4, 3, padding=1)
        self.b = nn.Conv2d(3, 4, 1)
        self.pool = nn.AvgPool2d(2, 2, padding=1, count_include_pad=False)
        self.w = nn.Parameter(torch.randn(8 * 5 * 5, 6) * 0.1)

    def forward(self, x):
        y = torch.cat([F.relu6(self.a(x)), torch.sigmoid(self.b(x)) * x.mean(1, keepdim=True)], 1)
        y = self.pool(y)
        y = y.reshape(-1, 8 * 5 * 5)
        return torch.softmax(y @ self.w, 1)


class TinyDilated(nn.Module):
    """Dilated Conv (2x2, then 1x3 with its padding), which explain4j writes out as a plain convolution with zeros."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 4, 3, padding=2, dilation=2)
        self.b = nn.Conv2d(4, 4, 3, padding=(1, 3), dilation=(1, 3))
        self.fc = nn.Linear(4 * 10 * 10, 5)

    def forward(self, x):
        return self.fc(torch.flatten(F.relu(self.b(F.relu(self.a(x)))), 1))


class TinyAvgPad(nn.Module):
    """Average pooling over zero padding, counted in the divisor (PyTorch's default, count_include_pad=True)."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 4, 3, padding=1)
        self.pool = nn.AvgPool2d(3, 1, padding=1)
        self.fc = nn.Linear(4 * 6 * 6, 5)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(F.relu(self.a(x))), 1))


def randomise_bn(model):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)


def export(model, shape, path):
    model.eval()
    randomise_bn(model)
    torch.onnx.export(model, torch.rand(1, *shape), path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=13)
    print("wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "explain-core", "src", "test", "resources", "onnx"))
    p.add_argument("--full", help="also export torchvision VGG16 and ResNet-18 (random weights) into this folder")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    export(TinyVgg(), (3, 16, 16), os.path.join(a.out, "tiny-vgg.onnx"))
    export(TinyResNet(), (3, 32, 32), os.path.join(a.out, "tiny-resnet.onnx"))
    export(TinyMixed(), (3, 8, 8), os.path.join(a.out, "tiny-mixed.onnx"))
    # Last, so that adding it left the seeded weights of the fixtures above unchanged.
    export(TinyDilated(), (3, 10, 10), os.path.join(a.out, "tiny-dilated.onnx"))
    export(TinyAvgPad(), (3, 6, 6), os.path.join(a.out, "tiny-avgpad.onnx"))
    if a.full:
        import torchvision
        os.makedirs(a.full, exist_ok=True)
        export(torchvision.models.vgg16(), (3, 224, 224), os.path.join(a.full, "vgg16.onnx"))
        export(torchvision.models.resnet18(), (3, 224, 224), os.path.join(a.full, "resnet18.onnx"))
