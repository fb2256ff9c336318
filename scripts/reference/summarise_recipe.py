#!/usr/bin/env python3
"""Summarises recipe_torch.py runs: test accuracy per epoch per preset, mean and spread over seeds.

Reads every run JSON given (or bench-results/recipe/*.json), groups them by preset and recipe, and
writes one small JSON (committed, for the README table) plus the table in Markdown on stdout. Runs
that stopped before their last epoch are listed as incomplete and left out of the statistics.

    python3 summarise_recipe.py [--out scripts/reference/results/alexnet-mini-5-epochs.json] [runs...]
"""

import argparse
import glob
import json
import statistics
import sys


def load(paths):
    runs = []
    for path in paths:
        with open(path) as f:
            run = json.load(f)
        if run.get("tool") == "scripts/reference/recipe_torch.py":
            run["path"] = path
            # Runs from before --batch existed trained at their batchSize and did not record it.
            run["recipe"].setdefault("batch", run["batchSize"])
            runs.append(run)
    return runs


def summarise(runs, epochs):
    groups = {}
    for run in runs:
        key = json.dumps({"preset": run["preset"], "recipe": run["recipe"]}, sort_keys=True)
        groups.setdefault(key, []).append(run)
    out = []
    for key, members in sorted(groups.items()):
        done = [r for r in members if len(r["epochs"]) >= epochs]
        rows = []
        for e in range(epochs):
            acc = [r["epochs"][e]["testAccuracy"] for r in done]
            rows.append({
                "epoch": e + 1,
                "testAccuracy": acc,
                "mean": statistics.mean(acc) if acc else None,
                "min": min(acc) if acc else None,
                "max": max(acc) if acc else None,
                "stdev": statistics.stdev(acc) if len(acc) > 1 else None,
            })
        out.append({
            **json.loads(key),
            "seeds": [r["seed"] for r in done],
            "incomplete": [{"seed": r["seed"], "epochs": len(r["epochs"])}
                           for r in members if len(r["epochs"]) < epochs],
            "trainSecondsPerEpoch": statistics.mean(
                [e["trainSeconds"] for r in done for e in r["epochs"]]) if done else None,
            "epochs": rows,
        })
    return out


def label(g):
    r = g["recipe"]
    if r["schedule"] == "constant":
        words = [f"Adam {r['lr']}"]
    elif r["schedule"] == "cosine":
        words = [f"cosine from {r['lr']}"]
    else:
        words = [f"one-cycle to {r['lr']}, warm-up {r['warmup']}"]
    if r.get("batch", 128) != 128:
        words.append(f"batch {r['batch']}")
    if r["weight_decay"]:
        words.append(f"wd {r['weight_decay']}")
    if r["label_smoothing"]:
        words.append(f"smoothing {r['label_smoothing']}")
    words += [k for k in ("flips", "shifts") if r[k]]
    return f"{g['preset']} ({', '.join(words)})"


def markdown(groups):
    lines = ["| Preset (recipe) | Seeds | " + " | ".join(
        f"Epoch {row['epoch']}" for row in groups[0]["epochs"]) + " |"]
    lines.append("|---|---|" + "---|" * len(groups[0]["epochs"]))
    for g in groups:
        cells = []
        for row in g["epochs"]:
            if row["mean"] is None:
                cells.append("–")
            else:
                cells.append(f"{row['mean']:.4f} ({row['min']:.4f}–{row['max']:.4f})")
        lines.append(f"| {label(g)} | {len(g['seeds'])} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="scripts/reference/results/alexnet-mini-5-epochs.json")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("runs", nargs="*")
    args = parser.parse_args()
    runs = load(args.runs or sorted(glob.glob("bench-results/recipe/*.json")))
    if not runs:
        print("No recipe_torch.py runs found.", file=sys.stderr)
        return 1
    groups = summarise(runs, args.epochs)
    first = runs[0]
    result = {
        "tool": "scripts/reference/summarise_recipe.py",
        "source": "scripts/reference/recipe_torch.py",
        "model": first["model"], "torch": first["torch"], "threads": first["threads"],
        "batchSize": first["batchSize"], "trainImages": first["trainImages"],
        "testImages": 10000, "groups": groups,
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(markdown(groups))
    return 0


if __name__ == "__main__":
    sys.exit(main())
