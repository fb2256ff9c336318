#!/usr/bin/env python3
"""Replays a trace of the app's Trainer (npm run twin) in PyTorch: the same initial weights, the same
batches in the same order, the same learning rate at every step, tfjs's Adam epsilon. If the two
trainers compute the same thing, their losses part only as float32 rounding makes any two runs part.
To show how fast that is, it also runs PyTorch against copies of itself whose initial weights are
each one float32 ulp away: the first copy with every weight moved up, the others with each weight
moved up or down at random (seeded), since one copy's gap at a step is one draw of a noisy quantity.
It also evaluates the app's final weights in PyTorch on the test set, and checks the learning rate
of every step of the run against PyTorch's own scheduler.

    npm run twin -- --model alexnet-mini --preset beat-the-reference --seed 1 --max-steps 100 --out trace.json
    python3 scripts/reference/twin_torch.py trace.json --out twin.json

then `npx prettier --write` the JSON written, if it is to be committed (`npm run format:check`).
"""

import argparse
import json
import math
import os
import sys

import numpy as np
import torch

from recipe_torch import alexnet_mini, evaluate, load, scheduler_for  # beside this file

LAYERS = ["conv1", "conv2", "conv3", "conv4", "conv5", "fc1", "fc2", "fc3"]
LOOK_AT = [0, 1, 2, 5, 10, 20, 50, 100, 200, 300, 400]  # steps whose losses the summary lists


def recipe_of(config):
    """The trace's TrainConfig as recipe_torch.py names the settings."""
    schedule = {"constant": "constant", "cosine": "cosine", "one-cycle": "onecycle"}[config["schedule"]]
    return dict(batch=config["batchSize"], schedule=schedule, lr=config["learningRate"],
                warmup=config["warmupShare"], weight_decay=config["weightDecay"],
                label_smoothing=config["labelSmoothing"], dropout=config["dropout"])


def torch_layout(weights, name, fc1_side):
    """tfjs [kh, kw, in, out] / [in, out] as PyTorch's [out, in, kh, kw] / [out, in]. tfjs flattens
    the last pool's output channels last (h, w, c); PyTorch channels first (c, h, w)."""
    kernel, bias = weights[f"{name}/kernel"], weights[f"{name}/bias"]
    k = np.array(kernel["data"], dtype=np.float32).reshape(kernel["shape"])
    if k.ndim == 4:
        k = k.transpose(3, 2, 0, 1)
    else:
        k = k.T
        if name == "fc1":
            out, size = k.shape
            channels = size // (fc1_side * fc1_side)
            k = k.reshape(out, fc1_side, fc1_side, channels).transpose(0, 3, 1, 2).reshape(out, size)
    return torch.from_numpy(np.ascontiguousarray(k)), torch.from_numpy(np.array(bias["data"], np.float32))


def network(trace, weights):
    net = alexnet_mini(trace["config"]["dropout"])
    layers = [m for m in net if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))]
    with torch.no_grad():
        for layer, name in zip(layers, LAYERS):
            k, b = torch_layout(weights, name, fc1_side=2)
            layer.weight.copy_(k)
            layer.bias.copy_(b)
    return net


def one_ulp_away(net, copy):
    """Copy 0: every weight one ulp up. Copy k > 0: each weight one ulp up or down, signs seeded by k."""
    signs = np.random.default_rng(copy) if copy > 0 else None
    with torch.no_grad():
        for p in net.parameters():
            w = p.numpy()
            up = np.ones(w.shape, bool) if signs is None else signs.random(w.shape) < 0.5
            away = np.where(up, np.nextafter(w, np.float32(np.inf)), np.nextafter(w, np.float32(-np.inf)))
            p.copy_(torch.from_numpy(away.astype(np.float32)))
    return net


def replay(trace, net, train_x, train_y):
    """The trace's steps in PyTorch; each batch's loss before its step."""
    recipe = recipe_of(trace["config"])
    optimizer = torch.optim.AdamW(net.parameters(), lr=recipe["lr"], eps=trace["epsilon"],
                                  weight_decay=recipe["weight_decay"])
    scheduler = scheduler_for(optimizer, recipe, len(trace["learningRates"]))
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=recipe["label_smoothing"])
    indices = torch.tensor(trace["indices"])
    batch, losses = recipe["batch"], []
    for step in range(len(trace["losses"])):
        rows = indices[step * batch:(step + 1) * batch]
        loss = loss_fn(net(train_x[rows]), train_y[rows])
        losses.append(loss.item())
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if scheduler:
            scheduler.step()
    return np.array(losses)


def scheduler_rates(trace):
    """PyTorch's learning rate at every step of the whole run."""
    recipe = recipe_of(trace["config"])
    optimizer = torch.optim.AdamW([torch.nn.Parameter(torch.zeros(1))], lr=recipe["lr"])
    scheduler = scheduler_for(optimizer, recipe, len(trace["learningRates"]))
    rates = []
    for _ in trace["learningRates"]:
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if scheduler:
            scheduler.step()
    return np.array(rates)


def weight_gaps(a, b):
    """Per layer: the largest difference of two networks' kernels, relative to the largest weight."""
    gaps = {}
    for name, (pa, pb) in zip(LAYERS, zip(a[::2], b[::2])):
        pa, pb = pa.detach().numpy(), pb.detach().numpy()
        gaps[name] = float(np.abs(pa - pb).max() / np.abs(pa).max())
    return gaps


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trace")
    parser.add_argument("--out")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--copies", type=int, default=4, help="PyTorch copies one ulp away (the yardstick)")
    parser.add_argument("--data", default=os.environ.get("FASHION_MNIST_DIR", "/work/shared/fashion-mnist"))
    args = parser.parse_args()
    if args.copies < 1:
        parser.error("--copies must be at least 1: the copies are the yardstick")
    torch.set_num_threads(args.threads)
    with open(args.trace) as f:
        trace = json.load(f)
    config = trace["config"]
    if config["model"] != "alexnet-mini":
        print(f"twin_torch.py replays alexnet-mini traces only (recipe_torch.py's network), not {config['model']}.",
              file=sys.stderr)
        return 2
    train_x, train_y = load(args.data, "train")
    test_x, test_y = load(args.data, "t10k")
    test_x, test_y = test_x[:config["testImages"]], test_y[:config["testImages"]]

    own = np.array(trace["losses"])
    twin_net = network(trace, trace["initialWeights"])
    twin = replay(trace, twin_net, train_x, train_y)
    nudged_nets = [one_ulp_away(network(trace, trace["initialWeights"]), k) for k in range(args.copies)]
    nudged = [replay(trace, net, train_x, train_y) for net in nudged_nets]
    app_gap = np.abs(own - twin)
    copy_gaps = np.abs(np.array(nudged) - twin)  # [copy, step]
    lowest, highest = copy_gaps.min(0), copy_gaps.max(0)  # per step, over the copies
    app_final = network(trace, trace["finalWeights"])
    rates = scheduler_rates(trace)
    steps = len(own)
    look = [s for s in LOOK_AT if s < steps] + ([steps - 1] if steps - 1 not in LOOK_AT else [])
    summary = {
        "tool": "scripts/reference/twin_torch.py", "torch": torch.__version__, "model": config["model"],
        "preset": config.get("preset"), "seed": config["seed"], "steps": steps,
        "appBackend": trace.get("backend"),
        "epsilon": trace["epsilon"], "recipe": recipe_of(config),
        "copies": args.copies,
        "losses": [{"step": s, "app": own[s], "torch": twin[s], "torchOneUlpAway": [float(n[s]) for n in nudged]}
                   for s in look],
        "largestLossGap": {
            "appVsTorch": {"first10Steps": float(app_gap[:10].max()), "all": float(app_gap.max())},
            "torchVsOneUlpAway": [{"first10Steps": float(g[:10].max()), "all": float(g.max())} for g in copy_gaps],
        },
        # Per step, how the app's gap ranks among the copies' gaps: the share of steps where it is
        # below every copy's, inside their range, and above every copy's.
        "appGapAmongCopies": {
            "below": float((app_gap < lowest).mean()),
            "inside": float(((app_gap >= lowest) & (app_gap <= highest)).mean()),
            "above": float((app_gap > highest).mean()),
        },
        "meanLoss": {"app": float(own.mean()), "torch": float(twin.mean()),
                     "torchOneUlpAway": [float(n.mean()) for n in nudged]},
        "finalKernelGap": {"appVsTorch": weight_gaps(list(app_final.parameters()), list(twin_net.parameters())),
                           "torchVsOneUlpAway": [weight_gaps(list(twin_net.parameters()), list(n.parameters()))
                                                 for n in nudged_nets]},
        "testAccuracy": {"appEvaluation": trace["test"]["accuracy"],
                         "appWeightsInTorch": evaluate(app_final, test_x, test_y),
                         "torchWeights": evaluate(twin_net, test_x, test_y), "images": len(test_x)},
        "learningRateGap": float(np.abs(np.array(trace["learningRates"]) - rates).max()),
    }
    print(json.dumps(summary, indent=1))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(summary, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
