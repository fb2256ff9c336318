#!/usr/bin/env python3
"""Puts the project's own trainer (npm run train reports) beside PyTorch's seeds (the summary that
summarise_recipe.py writes): test accuracy per epoch, per preset, as the Markdown table in README's
"The project's own trainer beside PyTorch". For each epoch: every own seed, the own mean with the
lowest and highest, PyTorch's, and the difference of the means with its 95% confidence interval
(Welch's: standard error sqrt(s_own^2 / n_own + s_torch^2 / n_torch), Student's t at the
Welch-Satterthwaite degrees of freedom, rounded down). An interval that holds 0 is a difference
seeds alone would give. Runs stopped before an epoch count only for the epochs they finished.

    python3 scripts/reference/compare_own.py [--own scripts/reference/results/own-trainer]
        [--torch scripts/reference/results/alexnet-mini-5-epochs.json]
"""

import argparse
import glob
import json
import math
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from summarise_recipe import spread_cell  # noqa: E402


def own_runs(directory):
    """preset -> {seed: [test accuracy per finished epoch]}"""
    runs = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        with open(path) as f:
            report = json.load(f)
        config = report["config"]
        accuracies = [e["testAccuracy"] for e in report["epochs"]]
        runs.setdefault(config["preset"], {})[config["seed"]] = accuracies
    return runs


def torch_groups(path):
    """preset -> [[test accuracy of each seed] per epoch], for the groups that are presets."""
    with open(path) as f:
        summary = json.load(f)
    return {g["preset"]: [row["testAccuracy"] for row in g["epochs"]]
            for g in summary["groups"] if g["preset"]}


# Student's t, two-sided 95% (the 0.975 quantile), by degrees of freedom; 30 and more: 2.042.
T_975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
         10: 2.228, 12: 2.179, 15: 2.131, 20: 2.086, 30: 2.042}


def t_975(df):
    return T_975[max(k for k in T_975 if k <= max(1, math.floor(df)))]


def difference(own, torch):
    d = statistics.mean(own) - statistics.mean(torch)
    if len(own) < 2 or len(torch) < 2:
        return f"{d:+.4f}"
    a, b = statistics.variance(own) / len(own), statistics.variance(torch) / len(torch)
    df = (a + b) ** 2 / (a * a / (len(own) - 1) + b * b / (len(torch) - 1))
    margin = t_975(df) * math.sqrt(a + b)
    verdict = "" if abs(d) <= margin else " (differs)"
    return f"{d:+.4f} ({d - margin:+.4f} to {d + margin:+.4f}){verdict}"


def table(preset, seeds, torch):
    names = sorted(seeds)
    lines = [f"**{preset}**", "",
             "| Epoch | " + " | ".join(f"own seed {s}" for s in names) +
             " | own mean | PyTorch | own − PyTorch (95% interval) |",
             "|---|" + "---|" * (len(names) + 3)]
    for e, torch_acc in enumerate(torch):
        own = [seeds[s][e] for s in names if len(seeds[s]) > e]
        cells = [f"{seeds[s][e]:.4f}" if len(seeds[s]) > e else "–" for s in names]
        lines.append(f"| {e + 1} | " + " | ".join(cells) +
                     f" | {spread_cell(own)} | {spread_cell(torch_acc)} | {difference(own, torch_acc)} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--own", default=os.path.join(HERE, "results", "own-trainer"))
    parser.add_argument("--torch", default=os.path.join(HERE, "results", "alexnet-mini-5-epochs.json"))
    args = parser.parse_args()
    own, torch = own_runs(args.own), torch_groups(args.torch)
    for preset in torch:
        if preset in own:
            print(table(preset, own[preset], torch[preset]), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
