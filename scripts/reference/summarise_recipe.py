#!/usr/bin/env python3
"""Summarises recipe_torch.py runs: test accuracy per epoch per recipe, mean and spread over seeds.

Reads every run JSON given (or bench-results/recipe/*.json) and, with --merge, the per-seed
accuracies of an earlier summary's groups (whose runs may be gone), groups them by recipe, and
writes one small JSON (committed, for the README table) plus the table in Markdown on stdout. A run
file and a merged group naming the same recipe and seed count once, as the run file has it. Runs
from before --dropout read as dropout 0.5 (the network's rate then). Runs that stopped before their
last epoch are listed as incomplete and left out of the statistics. A recipe that is one of the
app's presets (recipe_presets.py) is named so.

    python3 summarise_recipe.py [--merge scripts/reference/results/alexnet-mini-5-epochs.json]
        [--out scripts/reference/results/alexnet-mini-5-epochs.json] [runs...]

then `npx prettier --write` the JSON written (`npm run format:check` covers it).
"""

import argparse
import glob
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recipe_presets import PRESETS  # noqa: E402

# What a recipe field was before the option existed.
OLD_DEFAULTS = {"dropout": 0.5}


def with_defaults(recipe, batch):
    # Runs from before --batch existed trained at their batchSize and did not record it.
    return {**OLD_DEFAULTS, "batch": batch, **recipe}


def load(paths):
    runs = []
    for path in paths:
        with open(path) as f:
            run = json.load(f)
        if run.get("tool") == "scripts/reference/recipe_torch.py":
            run["path"] = path
            run["recipe"] = with_defaults(run["recipe"], run["batchSize"])
            runs.append(run)
    return runs


def merged_runs(path):
    """The runs behind an earlier summary, one per seed: test accuracy per epoch, and the group's
    mean seconds per epoch (all that survives of them)."""
    with open(path) as f:
        summary = json.load(f)
    runs = []
    for group in summary["groups"]:
        recipe = with_defaults(group["recipe"], summary["batchSize"])
        for i, seed in enumerate(group["seeds"]):
            runs.append({
                "path": path, "model": summary["model"], "torch": summary["torch"],
                "threads": summary["threads"], "batchSize": recipe["batch"],
                "trainImages": summary["trainImages"], "recipe": recipe, "seed": seed,
                "epochs": [{"epoch": row["epoch"], "testAccuracy": row["testAccuracy"][i],
                            "trainSeconds": group["trainSecondsPerEpoch"]}
                           for row in group["epochs"]],
            })
    return runs


def recipe_key(recipe):
    return json.dumps(recipe, sort_keys=True)


def preset_of(recipe):
    return next((name for name, preset in PRESETS.items() if preset == recipe), None)


def summarise(runs, epochs):
    # One run per recipe and seed, the later in `runs` winning (run files come after merged ones).
    unique = {(recipe_key(r["recipe"]), r["seed"]): r for r in runs}
    groups = {}
    for (key, _), run in sorted(unique.items(), key=lambda item: item[0]):
        groups.setdefault(key, []).append(run)
    out = []
    for key, members in groups.items():
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
        recipe = json.loads(key)
        out.append({
            "preset": preset_of(recipe),
            "recipe": recipe,
            "seeds": [r["seed"] for r in done],
            "incomplete": [{"seed": r["seed"], "epochs": len(r["epochs"])}
                           for r in members if len(r["epochs"]) < epochs],
            "trainSecondsPerEpoch": statistics.mean(
                [e["trainSeconds"] for r in done for e in r["epochs"][:epochs]]) if done else None,
            "epochs": rows,
        })
    # The presets first, in the app's order, then the other candidates by recipe.
    order = list(PRESETS)
    out.sort(key=lambda g: (order.index(g["preset"]) if g["preset"] else len(order), label(g)))
    return out


def recipe_words(r):
    if r["schedule"] == "constant":
        words = [f"Adam {r['lr']}"]
    elif r["schedule"] == "cosine":
        words = [f"cosine from {r['lr']}"]
    else:
        words = [f"one-cycle to {r['lr']}, warm-up {r['warmup']}"]
    if r["batch"] != 128:
        words.append(f"batch {r['batch']}")
    if r["weight_decay"]:
        words.append(f"wd {r['weight_decay']}")
    if r["label_smoothing"]:
        words.append(f"smoothing {r['label_smoothing']}")
    words += [k for k in ("flips", "shifts") if r[k]]
    words.append(f"dropout {r['dropout']:g}")
    if "epsilon" in r:
        words.append(f"Adam epsilon {r['epsilon']:g}")
    return ", ".join(words)


def label(g):
    words = recipe_words(g["recipe"])
    return f"**{g['preset']}** preset: {words}" if g["preset"] else words


def spread_cell(values):
    """Test accuracies as a table cell: the mean, and for several seeds (lowest–highest)."""
    mean = statistics.mean(values)
    if len(values) == 1:
        return f"{mean:.4f}"
    return f"{mean:.4f} ({min(values):.4f}–{max(values):.4f})"


def markdown(groups):
    lines = ["| Recipe | Seeds | " + " | ".join(
        f"Epoch {row['epoch']}" for row in groups[0]["epochs"]) + " |"]
    lines.append("|---|---|" + "---|" * len(groups[0]["epochs"]))
    for g in groups:
        cells = [spread_cell(row["testAccuracy"]) if row["testAccuracy"] else "–" for row in g["epochs"]]
        lines.append(f"| {label(g)} | {len(g['seeds'])} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="scripts/reference/results/alexnet-mini-5-epochs.json")
    parser.add_argument("--merge", action="append", default=[],
                        help="an earlier summary JSON whose groups' seeds count as runs")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("runs", nargs="*")
    args = parser.parse_args()
    merged = [run for path in args.merge for run in merged_runs(path)]
    runs = merged + load(args.runs or sorted(glob.glob("bench-results/recipe/*.json")))
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
