#!/usr/bin/python3
"""Does GradCON's autoencoder, trained as GradCON trains it, learn MNIST class C in PyTorch?

Why this exists: explain4j's first one-class runs (Adam 1e-3, batch 64, MSE, no warm-up: GradCON's recipe) left
the autoencoders of MNIST classes 2, 4, 5 and 6 at a blank output (training MSE ~0.1 after 20 epochs). This script
trains the same network the same way in PyTorch, independently of explain4j, to tell a port bug from a property of
the recipe, and tries the linear learning-rate warm-up explain4j now uses (docs/NOVELTY.md).

    apt-get install python3-torch        # Debian's PyTorch; runs on the CPU
    scripts/gradcon-collapse-check.py CLASS SEED EPOCHS LR WARMUP_STEPS [MNIST_DIR]

WARMUP_STEPS 1 is no warm-up (GradCON's recipe). Prints the mean training MSE of every epoch. The network is
GradCON's (REFERENCE.md section 2) with PyTorch's default initialisation; the training split is the class's
images, shuffled with SEED, less the first 10% (the validation share of the protocol).
"""
import sys

import numpy as np
import torch
import torch.nn as nn


def idx(path):
    raw = open(path, 'rb').read()
    return np.frombuffer(raw, np.uint8, offset=16 if raw[3] == 3 else 8)


def main():
    cls, seed, epochs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    lr, warmup = float(sys.argv[4]), int(sys.argv[5])
    root = sys.argv[6] if len(sys.argv) > 6 else 'data/mnist'
    torch.set_num_threads(2)
    images = idx(root + '/train-images-idx3-ubyte').reshape(-1, 1, 28, 28).astype(np.float32) / 255
    labels = idx(root + '/train-labels-idx1-ubyte')
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    data = torch.tensor(images[labels == cls])
    data = data[torch.tensor(rng.permutation(len(data)))]
    data = data[len(data) // 10:]
    encoder = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 2), nn.ReLU(), nn.Conv2d(32, 32, 4, 2, 2), nn.ReLU(),
                            nn.Conv2d(32, 64, 4, 2, 2), nn.ReLU(), nn.Conv2d(64, 64, 4, 2, 2), nn.ReLU())
    decoder = nn.Sequential(nn.ConvTranspose2d(64, 64, 4, 2, 2), nn.ReLU(), nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU(),
                            nn.ConvTranspose2d(32, 32, 4, 2, 2), nn.ReLU(), nn.ConvTranspose2d(32, 1, 4, 2, 1), nn.Sigmoid())
    model = nn.Sequential(encoder, decoder)
    optimiser = torch.optim.Adam(model.parameters(), lr)
    step = 0
    for epoch in range(epochs):
        order = torch.randperm(len(data))
        total, batches = 0.0, 0
        for start in range(0, len(data), 64):
            step += 1
            for group in optimiser.param_groups:
                group['lr'] = lr * min(1.0, step / warmup)
            batch = data[order[start:start + 64]]
            optimiser.zero_grad()
            loss = nn.functional.mse_loss(model(batch), batch)
            loss.backward()
            optimiser.step()
            total += loss.item()
            batches += 1
        print(f'class {cls} seed {seed} lr {lr} warm-up {warmup} epoch {epoch + 1} loss {total / batches:.4f}', flush=True)


if __name__ == '__main__':
    main()
