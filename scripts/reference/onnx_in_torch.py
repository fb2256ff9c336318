#!/usr/bin/env python3
"""Runs an alexnet.onnx or alexnet-mini.onnx from the app's Export ONNX in PyTorch, with no converter:
each node of the file's graph (Resize, Conv, Relu, MaxPool, Transpose, Flatten, Gemm, Softmax: the
ops the export writes) becomes the torch.nn.functional call that computes it, with the file's own
weights. Needs only PyTorch and the onnx package (Debian: python3-torch, python3-onnx).

    python3 onnx_in_torch.py alexnet-mini.onnx [--images images.f32 --count N]
        prints the predicted class of each image (raw float32 [N, 1, 28, 28], pixels / 255),
        or of one black image when no images are given.

As a module: run_onnx(onnx.load(path), images) returns (probabilities, logits) as torch tensors.
"""

import argparse
import json
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import helper, numpy_helper


def _attributes(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _pair(values, default):
    return tuple(values) if values else default


def _run_node(node, args, attrs):
    op = node.op_type
    if op == "Resize":
        if attrs.get("mode", b"nearest") != b"linear" or attrs.get(
            "coordinate_transformation_mode"
        ) != b"half_pixel":
            raise ValueError(f"{node.name}: only linear, half_pixel Resize is supported")
        scales = args[2].tolist()
        return F.interpolate(args[0], scale_factor=scales[2:], mode="bilinear", align_corners=False)
    if op == "Conv":
        pads = attrs.get("pads", [0, 0, 0, 0])
        if pads[:2] != pads[2:]:
            raise ValueError(f"{node.name}: asymmetric padding is not supported")
        bias = args[2] if len(args) > 2 else None
        return F.conv2d(args[0], args[1], bias, stride=_pair(attrs.get("strides"), (1, 1)),
                        padding=tuple(pads[:2]))
    if op == "Relu":
        return F.relu(args[0])
    if op == "MaxPool":
        return F.max_pool2d(args[0], tuple(attrs["kernel_shape"]),
                            stride=_pair(attrs.get("strides"), (1, 1)))
    if op == "Transpose":
        return args[0].permute(*attrs["perm"])
    if op == "Flatten":
        return torch.flatten(args[0], attrs.get("axis", 1))
    if op == "Gemm":
        if attrs.get("transA", 0) or attrs.get("transB", 0):
            raise ValueError(f"{node.name}: transposed Gemm is not supported")
        return args[0] @ args[1] + args[2]
    if op == "Softmax":
        return F.softmax(args[0], dim=attrs.get("axis", -1))
    raise ValueError(f"{node.name}: op {op} is not one the app exports")


def run_onnx(model, images):
    """(probabilities, logits) of float32 images [N, 1, 28, 28] through the file's graph."""
    values = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy())
              for t in model.graph.initializer}
    values[model.graph.input[0].name] = images
    with torch.no_grad():
        for node in model.graph.node:
            args = [values[name] if name else None for name in node.input]
            values[node.output[0]] = _run_node(node, args, _attributes(node))
    return tuple(values[output.name] for output in model.graph.output)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model")
    parser.add_argument("--images", help="raw float32 [N, 1, 28, 28] file")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--out", help="write the probabilities as JSON here")
    args = parser.parse_args()
    model = onnx.load(args.model)
    classes = json.loads({p.key: p.value for p in model.metadata_props}["class_names"])
    if args.images:
        pixels = np.fromfile(args.images, dtype=np.float32)[: args.count * 784]
        images = torch.from_numpy(pixels.reshape(args.count, 1, 28, 28).copy())
    else:
        images = torch.zeros(1, 1, 28, 28)
    probabilities, _ = run_onnx(model, images)
    for row in probabilities:
        print(classes[int(row.argmax())])
    if args.out:
        with open(args.out, "w") as f:
            json.dump(probabilities.reshape(-1).tolist(), f)


if __name__ == "__main__":
    sys.exit(main())
