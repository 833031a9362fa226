#!/usr/bin/env python3
"""The course's two core training loops in PyTorch: the peer that `gan-notebooks bench --peer` times side by side
with the same loops in TorchSharp (bench/loops.csx). Keep both in step: shapes, batch, optimiser, losses, data.

  gan2d  the 2-D GAN of chapters 03 and 05: G 2->128->128->2, D 2->128->128->1 (ReLU), batch 256, a ring of
         8 Gaussians, Adam(1e-3, betas (0.5, 0.999)), the non-saturating loss.
  dcgan  the MNIST DCGAN of chapters 06 and 07, layer for layer the course library's DcganGenerator
         (z 64 -> 1x28x28, width 32) and DcganEncoder (1x28x28 -> 1 logit, width 32), batch 64 of the shipped
         digits in [-1, 1], Adam(2e-4, betas (0.5, 0.999)), the non-saturating loss.

Usage:
  python3 bench/peer.py --info
  python3 bench/peer.py --loop gan2d --threads 1 --warmup 100 --seconds 2 --rounds 3
Prints one JSON object. Needs PyTorch and NumPy (Debian: apt install python3-torch).
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def info():
    """PyTorch's version and build (its BLAS and parallel backend), as `bench` reports them."""
    config = torch.__config__.show()
    settings = {}
    for line in config.splitlines():
        if "Build settings:" in line:
            for item in line.split("Build settings:", 1)[1].split(", "):
                key, _, value = item.strip().partition("=")
                settings[key] = value.strip(", ")
    blas = [f"{k}={settings[k]}" for k in ("BLAS_INFO", "LAPACK_INFO", "USE_MKLDNN") if k in settings]
    blas += [line.strip(" -") for line in config.splitlines() if "MKL" in line and "Build settings" not in line]
    return {
        "version": torch.__version__,
        "blas": blas,
        "blasLibrary": blas_library(),
        "parallel": torch.__config__.parallel_info().splitlines()[-1].strip(),
        "config": config,
    }


def blas_library():
    """The BLAS shared library this process has loaded (Debian's PyTorch uses whatever libblas.so.3 points to)."""
    torch.ones(2, 2) @ torch.ones(2, 2)
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return sorted(os.path.realpath(p) for p in paths)


class Gan:
    """A GAN with its optimisers and its data; step() is one discriminator and one generator update."""

    def step(self):
        real = self.real_batch()
        fake = self.g(self.noise())
        ones = torch.ones(self.batch, 1)
        zeros = torch.zeros(self.batch, 1)

        self.opt_d.zero_grad()
        loss_d = (F.binary_cross_entropy_with_logits(self.d(real), ones)
                  + F.binary_cross_entropy_with_logits(self.d(fake.detach()), zeros))
        loss_d.backward()
        self.opt_d.step()

        self.opt_g.zero_grad()
        loss_g = F.binary_cross_entropy_with_logits(self.d(fake), ones)  # -log D(G(z))
        loss_g.backward()
        self.opt_g.step()
        return loss_d.item(), loss_g.item()


def mlp(inputs, outputs):
    return nn.Sequential(nn.Linear(inputs, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, outputs))


class Gan2d(Gan):
    def __init__(self):
        torch.manual_seed(0)
        self.batch = 256
        self.g, self.d = mlp(2, 2), mlp(2, 1)
        self.opt_g = torch.optim.Adam(self.g.parameters(), 1e-3, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.d.parameters(), 1e-3, betas=(0.5, 0.999))
        angles = torch.arange(8, dtype=torch.float32) * (2 * np.pi / 8)
        self.centres = torch.stack([2 * torch.cos(angles), 2 * torch.sin(angles)], 1)

    def real_batch(self):
        return self.centres.index_select(0, torch.randint(0, 8, (self.batch,))) + 0.02 * torch.randn(self.batch, 2)

    def noise(self):
        return torch.randn(self.batch, 2)


class DcganGenerator(nn.Module):
    """The library's DcganGenerator(64, 28, 1, width 32, kernel 5): Linear -> 64x7x7 -> BN -> ReLU -> 32x14x14 -> 1x28x28."""

    def __init__(self):
        super().__init__()
        self.project = nn.Linear(64, 64 * 7 * 7)
        self.project_norm = nn.BatchNorm2d(64)
        self.upsample = nn.Sequential(
            nn.ConvTranspose2d(64, 32, 5, stride=2, padding=2, output_padding=1), nn.BatchNorm2d(32), nn.ReLU(),
            nn.ConvTranspose2d(32, 1, 5, stride=2, padding=2, output_padding=1), nn.Tanh())
        dcgan_init(self)

    def forward(self, z):
        return self.upsample(F.relu(self.project_norm(self.project(z).view(-1, 64, 7, 7))))


class DcganEncoder(nn.Module):
    """The library's DcganEncoder(1, 28, 1, width 32, kernel 5): 1x28x28 -> 32x14x14 -> 64x7x7 (BN) -> Linear -> 1."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 5, stride=2, padding=2), nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, 5, stride=2, padding=2), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
            nn.Flatten())
        self.head = nn.Linear(64 * 7 * 7, 1)
        dcgan_init(self)

    def forward(self, x):
        return self.head(self.features(x))


def dcgan_init(module):
    """Weights from N(0, 0.02), biases 0, for convolutions and linear maps (the library's DcganInit)."""
    with torch.no_grad():
        for m in module.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
                nn.init.normal_(m.weight, 0, 0.02)
                nn.init.zeros_(m.bias)


def shipped_digits():
    """The course's shipped digits (data/mnist-small), the first 8,000 (the training part), in [-1, 1]."""
    with gzip.open(os.path.join(REPO, "data", "mnist-small", "images-idx3-ubyte.gz")) as f:
        magic, count, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 0x803:
            raise SystemExit("data/mnist-small/images-idx3-ubyte.gz is not an IDX image file")
        pixels = np.frombuffer(f.read(count * rows * cols), dtype=np.uint8).reshape(count, 1, rows, cols)
    return torch.from_numpy(pixels[:8000].astype(np.float32) / 255) * 2 - 1


class Dcgan(Gan):
    def __init__(self):
        torch.manual_seed(0)
        self.batch = 64
        self.g, self.d = DcganGenerator(), DcganEncoder()
        self.opt_g = torch.optim.Adam(self.g.parameters(), 2e-4, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.d.parameters(), 2e-4, betas=(0.5, 0.999))
        self.images = shipped_digits()

    def real_batch(self):
        return self.images.index_select(0, torch.randint(0, self.images.shape[0], (self.batch,)))

    def noise(self):
        return torch.randn(self.batch, 64)


def steps_for(gan, seconds):
    """The number of steps that takes about the given time, from the pace of a tenth of it (as bench/loops.csx)."""
    start = time.perf_counter()
    steps = 0
    while time.perf_counter() - start < seconds / 10:
        gan.step()
        steps += 1
    return max(1, round(steps * seconds / (time.perf_counter() - start)))


def seconds_per_step(gan, steps):
    start = time.perf_counter()
    for _ in range(steps):
        gan.step()
    return (time.perf_counter() - start) / steps


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--info", action="store_true", help="print the PyTorch version and build, and exit")
    parser.add_argument("--loop", choices=["gan2d", "dcgan"])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=2.0, help="about how long each timed round takes")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.info:
        print(json.dumps(info()))
        return
    if args.loop is None:
        parser.error("--loop is required (gan2d or dcgan)")
    if args.threads < 1 or args.seconds <= 0 or args.rounds < 1 or args.warmup < 0:
        parser.error("--threads and --rounds must be >= 1, --seconds > 0, --warmup >= 0")

    torch.set_num_threads(args.threads)
    gan = Gan2d() if args.loop == "gan2d" else Dcgan()
    for _ in range(args.warmup):
        gan.step()
    steps = steps_for(gan, args.seconds)
    times = [seconds_per_step(gan, steps) for _ in range(args.rounds)]
    print(json.dumps({"loop": args.loop, "threads": torch.get_num_threads(), "steps": steps,
                      "secondsPerStep": times, "version": torch.__version__}))


if __name__ == "__main__":
    main()
