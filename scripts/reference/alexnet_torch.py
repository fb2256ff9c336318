#!/usr/bin/env python3
"""Times this project's AlexNet in PyTorch on the machine's CUDA GPU: the denominator of the
"WebGPU images/s divided by PyTorch's on the same GPU" ratio the GPU kit reports.

Same network as src/model/architecture.ts (D2L's AlexNet: 1x224x224 in, 46,764,746 parameters),
batch 128, Adam 0.001, softmax cross-entropy, dropout on. Data: random 28x28 bytes on the GPU,
resized to 224x224 bilinearly with half-pixel centres inside the step, as the app does; the
images' content does not change the arithmetic. Two settings: 'fp32' (TF32 off for matrix products
and convolutions, i.e. the arithmetic WebGPU does) and 'default' (PyTorch's defaults, which let
cuDNN use TF32). Each: warm-up steps, then a fixed number of timed steps between two
synchronisations. Writes one JSON file; never fails for want of PyTorch or CUDA, it says so there.

    python3 alexnet_torch.py --out torch.json [--batch 128] [--warmup 10] [--steps 100] [--budget 90]
"""

import argparse
import json
import os
import sys
import time


def write(path, result):
    with open(path + ".tmp", "w") as f:
        json.dump(result, f, indent=2)
    os.replace(path + ".tmp", path)


def alexnet(nn):
    # conv1 has no padding here, as in this project's spec; D2L pads by 1. Both give 54x54.
    return nn.Sequential(
        nn.Conv2d(1, 96, kernel_size=11, stride=4), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(96, 256, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(256, 384, kernel_size=3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 384, kernel_size=3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Flatten(),
        nn.Linear(6400, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 10),
    )


def set_tf32(torch, allowed):
    """Returns the settings in effect. allowed=None keeps PyTorch's defaults."""
    if allowed is not None:
        torch.backends.cuda.matmul.allow_tf32 = allowed
        torch.backends.cudnn.allow_tf32 = allowed
    return {
        "matmulTf32": bool(torch.backends.cuda.matmul.allow_tf32),
        "cudnnTf32": bool(torch.backends.cudnn.allow_tf32),
        "cudnnBenchmark": bool(torch.backends.cudnn.benchmark),
    }


def time_mode(torch, nn, name, tf32, args, deadline):
    torch.manual_seed(42)
    settings = set_tf32(torch, tf32)
    device = torch.device("cuda")
    net = alexnet(nn).to(device)
    optimizer = torch.optim.Adam(net.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()
    pool = torch.randint(0, 256, (4, args.batch, 1, 28, 28), dtype=torch.uint8, device=device)
    labels = torch.randint(0, 10, (4, args.batch), device=device)
    torch.cuda.reset_peak_memory_stats()

    def step(i):
        x = nn.functional.interpolate(
            pool[i % 4].float() / 255, size=(224, 224), mode="bilinear", align_corners=False
        )
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), labels[i % 4])
        loss.backward()
        optimizer.step()

    start = time.perf_counter()
    step(0)
    torch.cuda.synchronize()
    first_ms = (time.perf_counter() - start) * 1000
    for i in range(1, args.warmup):
        step(i)
    torch.cuda.synchronize()
    start = time.perf_counter()
    steps = 0
    while steps < args.steps and time.perf_counter() < deadline:
        step(steps)
        steps += 1
    torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    result = {
        "mode": name,
        "settings": settings,
        "batchSize": args.batch,
        "warmupSteps": args.warmup,
        "steps": steps,
        "firstStepMs": first_ms,
        "msPerStep": seconds * 1000 / steps if steps else None,
        "imagesPerSec": steps * args.batch / seconds if steps else None,
        "peakBytes": torch.cuda.max_memory_allocated(),
    }
    del net, optimizer, pool, labels
    torch.cuda.empty_cache()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--budget", type=float, default=120, help="seconds for both settings")
    args = parser.parse_args()
    started = time.perf_counter()
    result = {"tool": "scripts/reference/alexnet_torch.py", "available": False, "modes": []}
    try:
        import torch
        import torch.nn as nn
    except Exception as error:  # no PyTorch here: say so, do not fail the kit
        result["reason"] = f"PyTorch is not importable: {error}"
        write(args.out, result)
        return 0
    result["torch"] = torch.__version__
    if not torch.cuda.is_available():
        result["reason"] = f"PyTorch {torch.__version__} sees no CUDA GPU"
        write(args.out, result)
        return 0
    result["available"] = True
    result["gpu"] = torch.cuda.get_device_name(0)
    result["cuda"] = torch.version.cuda
    result["cudnn"] = torch.backends.cudnn.version()
    for index, (name, tf32) in enumerate([("fp32", False), ("default", None)]):
        # Each setting gets half of what is left, so the second is not starved by the first.
        left = args.budget - (time.perf_counter() - started)
        deadline = time.perf_counter() + left / (2 - index)
        try:
            result["modes"].append(time_mode(torch, nn, name, tf32, args, deadline))
        except Exception as error:  # keep the other setting's numbers
            result["modes"].append({"mode": name, "error": f"{type(error).__name__}: {error}"})
        write(args.out, result)
        print(json.dumps(result["modes"][-1]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
