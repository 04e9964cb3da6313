#!/usr/bin/env python3
"""torchvision's ResNet-18 (random weights, seed 42) as ONNX, for scripts/ProfileResNetForward.java and
`bin/explain core --model`: eval mode, opset 13, input 'input' [1, 3, 224, 224], output 'logits'. PyTorch's
exporter folds each inference batch norm into the convolution before it, so the file has no BatchNormalization.
Needs Debian's python3-torch and python3-torchvision. Usage: scripts/export-resnet18-onnx.py OUT.onnx"""
import sys

import torch
import torchvision

torch.manual_seed(42)
model = torchvision.models.resnet18().eval()
torch.onnx.export(model, torch.randn(1, 3, 224, 224), sys.argv[1], input_names=["input"], output_names=["logits"],
                  opset_version=13)
