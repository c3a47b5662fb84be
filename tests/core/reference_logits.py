"""Checks the C++ model against bench/reference_model.py, an independent Python implementation.
DIR holds model.safetensors (weights), config.json (model config) and io.safetensors (tokens and
the C++ logits). Exit 0 when the logits agree; prints the largest difference either way."""
import json
import os
import sys

import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "bench"))
from reference_model import Reference, read_safetensors  # noqa: E402

folder = sys.argv[1]
config = json.load(open(os.path.join(folder, "config.json")))
model = Reference(config)
weights = read_safetensors(os.path.join(folder, "model.safetensors"))
missing = set(model.p.keys()) ^ set(weights.keys())
if missing:
    print("tensor names differ:", sorted(missing))
    sys.exit(1)
with torch.no_grad():
    for name, tensor in weights.items():
        model.p[name].copy_(tensor)
    io = read_safetensors(os.path.join(folder, "io.safetensors"))
    ours = model(io["tokens"])
diff = (ours - io["logits"]).abs().max().item()
print(f"max |logits difference| = {diff:.3g}")
sys.exit(0 if diff < 1e-4 else 1)
