#!/usr/bin/env python3
"""Puts the project's own trainer (npm run train reports) beside PyTorch's seeds (the summary that
summarise_recipe.py writes): test accuracy per epoch, per preset, as the Markdown table in README's
"The project's own trainer beside PyTorch". For each epoch: every own seed, the own mean with the
lowest and highest, PyTorch's, and the difference of the means with its 95% confidence interval
(Welch's: standard error sqrt(s_own^2 / n_own + s_torch^2 / n_torch), Student's t at the
Welch-Satterthwaite degrees of freedom, rounded down). An interval that holds 0 is a difference
seeds alone would give. Runs stopped before an epoch count only for the epochs they finished.

Then the issue's run-by-run test, put to PyTorch itself: is a run inside the lowest and highest of 3
PyTorch seeds at every epoch? Each PyTorch seed is held out against every 3 of the others (5 seeds:
20 trials), and each own run against every 3 of PyTorch's seeds (10 trials a run); then the same
with 4. One epoch alone passes a fixed share of the held-out trials whatever the numbers (a run
lands outside the lowest and highest of n others in 2 of their n + 1 places: half the trials for
3, two in five for 4); every epoch at once is what the numbers decide.

    python3 scripts/reference/compare_own.py [--own scripts/reference/results/own-trainer]
        [--torch scripts/reference/results/alexnet-mini-5-epochs.json]
"""

import argparse
import glob
import itertools
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


def inside(run, group, epochs):
    """Whether `run` is within the lowest and highest of `group` (runs) at each of `epochs`."""
    return [min(g[e] for g in group) <= run[e] <= max(g[e] for g in group) for e in epochs]


def range_test(preset, seeds, torch, size=3):
    """The issue's test (inside `size` PyTorch seeds at every epoch) for held-out PyTorch seeds and
    for the own runs, as Markdown: trials passed at every epoch, then epoch by epoch."""
    epochs = range(len(torch))
    runs = [[torch[e][s] for e in epochs] for s in range(len(torch[0]))]
    held_out = [inside(run, group, epochs) for i, run in enumerate(runs)
                for group in itertools.combinations(runs[:i] + runs[i + 1:], size)]
    own = [inside(run, group, epochs) for run in seeds.values() if len(run) == len(torch)
           for group in itertools.combinations(runs, size)]

    def row(name, trials):
        cells = [f"{sum(t[e] for t in trials)}/{len(trials)}" for e in epochs]
        return f"| {name} | {sum(all(t) for t in trials)}/{len(trials)} | " + " | ".join(cells) + " |"

    return "\n".join([
        f"**{preset}**: inside {size} PyTorch seeds' lowest to highest", "",
        "| Run | every epoch | " + " | ".join(f"epoch {e + 1}" for e in epochs) + " |",
        "|---|---|" + "---|" * len(torch),
        row("a held-out PyTorch seed", held_out), row("an own run", own)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--own", default=os.path.join(HERE, "results", "own-trainer"))
    parser.add_argument("--torch", default=os.path.join(HERE, "results", "alexnet-mini-5-epochs.json"))
    args = parser.parse_args()
    own, torch = own_runs(args.own), torch_groups(args.torch)
    for preset in torch:
        if preset in own:
            print(table(preset, own[preset], torch[preset]), end="\n\n")
    for preset in torch:
        if preset in own:
            for size in (3, 4):
                print(range_test(preset, own[preset], torch[preset], size), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
