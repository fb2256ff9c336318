#!/usr/bin/env python3
"""Trains this project's networks in PyTorch with the app's training recipes: the evidence behind
the "Beat the reference" preset (issue 18). CPU or CUDA; one run per call, one JSON file out.

Same network as src/model/architecture.ts, same initialisation as src/model/models.ts (alexnet-mini:
He uniform kernels before a ReLU, Glorot uniform logits, biases uniform(+-1/sqrt(fan_in))), same data
(Fashion-MNIST pixels in [0, 1], no normalisation), same epoch (a fresh shuffle, whole batches of
128: the ragged tail is dropped), same recipe options as src/protocol/recipe.ts:

  --schedule constant|cosine|onecycle  per optimizer step: CosineAnnealingLR(T_max = all steps) or
                                       OneCycleLR(anneal 'cos', pct_start = --warmup,
                                       div_factor 25, final_div_factor 1e4, cycle_momentum off:
                                       the app's fused Adam keeps beta1 fixed)
  --lr (peak) --weight-decay (AdamW, decoupled, on every weight as torch does)
  --label-smoothing --flips --shifts (random horizontal flip; shift of up to 2 pixels, zero fill)
  --dropout                            rate of the two dense dropout layers (the network's is 0.5)

Left as PyTorch has them: Adam's epsilon (1e-8 where tfjs has 1e-7; --epsilon 1e-7 takes tfjs's, and
is recorded in the run's recipe) and the flatten order (channels first; tfjs flattens channels last,
a permutation of random weights).

    python3 recipe_torch.py --preset beat-the-reference --seed 1 --out run.json
"""

import argparse
import gzip
import json
import math
import os
import sys
import time

import numpy as np
import torch
from torch import nn

from recipe_presets import PRESETS  # beside this file; mirrors src/protocol/recipe.ts

MAX_SHIFT = 2


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(directory, split):
    images = read_idx(os.path.join(directory, f"{split}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(directory, f"{split}-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(images.astype(np.float32) / 255).unsqueeze(1)
    return x, torch.from_numpy(labels.astype(np.int64))


def alexnet_mini(dropout=0.5):
    def conv(cin, cout, k, p):
        return nn.Conv2d(cin, cout, k, padding=p)
    return nn.Sequential(
        conv(1, 16, 5, 2), nn.ReLU(), nn.MaxPool2d(3, 2),
        conv(16, 32, 5, 2), nn.ReLU(), nn.MaxPool2d(3, 2),
        conv(32, 48, 3, 1), nn.ReLU(), conv(48, 48, 3, 1), nn.ReLU(),
        conv(48, 32, 3, 1), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Flatten(),
        nn.Linear(128, 256), nn.ReLU(), nn.Dropout(dropout),
        nn.Linear(256, 256), nn.ReLU(), nn.Dropout(dropout),
        nn.Linear(256, 10),
    )


def initialise(net):
    """As models.ts: tfjs heUniform (limit sqrt(6 / fan_in)) before a ReLU, glorotUniform
    (sqrt(6 / (fan_in + fan_out))) for the logits, biases uniform(+-1/sqrt(fan_in))."""
    layers = [m for m in net if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        for index, layer in enumerate(layers):
            receptive = layer.weight[0, 0].numel() if layer.weight.dim() == 4 else 1
            fan_in = layer.weight.shape[1] * receptive
            fan_out = layer.weight.shape[0] * receptive
            last = index == len(layers) - 1
            limit = math.sqrt(6 / (fan_in + fan_out)) if last else math.sqrt(6 / fan_in)
            layer.weight.uniform_(-limit, limit)
            layer.bias.uniform_(-1 / math.sqrt(fan_in), 1 / math.sqrt(fan_in))


def augment(x, flips, shifts, generator):
    """The app's augmentation (src/training/augment.ts): per image, a horizontal flip with
    probability 1/2 and a shift of -2..2 pixels on each axis, vacated pixels 0."""
    n = x.shape[0]
    if flips:
        flip = torch.rand(n, generator=generator) < 0.5
        x = torch.where(flip[:, None, None, None], x.flip(3), x)
    if shifts:
        padded = nn.functional.pad(x, (MAX_SHIFT,) * 4)
        d = torch.randint(0, 2 * MAX_SHIFT + 1, (n, 2), generator=generator).tolist()
        x = torch.stack([padded[i, :, dy:dy + 28, dx:dx + 28] for i, (dy, dx) in enumerate(d)])
    return x


def scheduler_for(optimizer, recipe, total_steps):
    if recipe["schedule"] == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps)
    if recipe["schedule"] == "onecycle":
        return torch.optim.lr_scheduler.OneCycleLR(
            optimizer, max_lr=recipe["lr"], total_steps=total_steps, pct_start=recipe["warmup"],
            anneal_strategy="cos", cycle_momentum=False)
    return None


def evaluate(net, x, y):
    net.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(x), 500):
            correct += (net(x[start:start + 500]).argmax(1) == y[start:start + 500]).sum().item()
    net.train()
    return correct / len(x)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=sorted(PRESETS), default="reference")
    parser.add_argument("--batch", type=int)
    parser.add_argument("--schedule", choices=["constant", "cosine", "onecycle"])
    parser.add_argument("--lr", type=float, help="peak learning rate")
    parser.add_argument("--warmup", type=float, help="one-cycle warm-up share of the steps")
    parser.add_argument("--weight-decay", type=float)
    parser.add_argument("--label-smoothing", type=float)
    parser.add_argument("--dropout", type=float, help="rate of the two dense dropout layers")
    parser.add_argument("--flips", action=argparse.BooleanOptionalAction)
    parser.add_argument("--shifts", action=argparse.BooleanOptionalAction)
    parser.add_argument("--epsilon", type=float, default=1e-8,
                        help="Adam's epsilon (PyTorch's 1e-8; tfjs's is 1e-7)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--train-images", type=int, default=60000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--data", default=os.environ.get("FASHION_MNIST_DIR", "/work/shared/fashion-mnist"))
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    recipe = dict(PRESETS[args.preset])
    for key in recipe:
        value = getattr(args, key)
        if value is not None:
            recipe[key] = value
    if args.epsilon != 1e-8:
        recipe["epsilon"] = args.epsilon  # only when changed: runs with PyTorch's group as before
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)

    train_x, train_y = load(args.data, "train")
    test_x, test_y = load(args.data, "t10k")
    train_x, train_y = train_x[:args.train_images], train_y[:args.train_images]
    steps = len(train_x) // recipe['batch']
    net = alexnet_mini(recipe["dropout"])
    initialise(net)
    optimizer = torch.optim.AdamW(net.parameters(), lr=recipe["lr"], eps=args.epsilon,
                                  weight_decay=recipe["weight_decay"])
    scheduler = scheduler_for(optimizer, recipe, steps * args.epochs)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=recipe["label_smoothing"])
    result = {"tool": "scripts/reference/recipe_torch.py", "torch": torch.__version__,
              "model": "alexnet-mini", "preset": args.preset, "recipe": recipe, "seed": args.seed,
              "batchSize": recipe['batch'], "trainImages": steps * recipe['batch'],
              "threads": args.threads, "epochs": []}
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(len(train_x), generator=generator)
        loss_sum, correct = 0.0, 0
        for step in range(steps):
            batch = order[step * recipe['batch']:(step + 1) * recipe['batch']]
            x = augment(train_x[batch], recipe["flips"], recipe["shifts"], generator)
            y = train_y[batch]
            logits = net(x)
            loss = loss_fn(logits, y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            if scheduler:
                scheduler.step()
            loss_sum += loss.item()
            correct += (logits.argmax(1) == y).sum().item()
        seconds = time.perf_counter() - start
        row = {"epoch": epoch, "trainLoss": loss_sum / steps,
               "trainAccuracy": correct / (steps * recipe['batch']),
               "testAccuracy": evaluate(net, test_x, test_y), "trainSeconds": seconds,
               "lastLr": optimizer.param_groups[0]["lr"]}
        result["epochs"].append(row)
        print(json.dumps(row), flush=True)
        with open(args.out + ".tmp", "w") as f:
            json.dump(result, f, indent=2)
        os.replace(args.out + ".tmp", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
