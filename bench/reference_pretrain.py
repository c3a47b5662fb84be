"""Python PyTorch reference for bench/run_pretrain_bench.sh: trains the same model on the same shards
with the same batch and optimizer settings as `bench_pretrain`, and prints tokens/s (median step) and
peak RSS as one JSON line. Eager mode on the CPU by default; on a GPU (bench/gpu_check.sh) with bf16
autocast and fused attention as the engine runs there, optionally through torch.compile.

    python3 reference_pretrain.py CONFIG_JSON SHARD_DIR STEPS [--device cuda] [--bf16] [--compile]
"""
import argparse
import json
import os
import resource
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_model import Reference  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("config")
parser.add_argument("shards")
parser.add_argument("steps", type=int)
parser.add_argument("--device", default="cpu")
parser.add_argument("--bf16", action="store_true", help="matrix products in bf16 (autocast), weights in fp32")
parser.add_argument("--compile", action="store_true", help="torch.compile the model")
args = parser.parse_args()
config_path, shard_dir, steps = args.config, args.shards, args.steps
device = torch.device(args.device)
cfg = json.load(open(config_path))
model_cfg = cfg["model"]
manifest = json.load(open(os.path.join(shard_dir, "manifest.json")))
dtype = np.uint16 if manifest["bytes_per_token"] == 2 else np.uint32
tokens = np.concatenate([np.memmap(os.path.join(shard_dir, f), dtype=dtype, mode="r") for f in manifest["train"]["files"]])

torch.manual_seed(cfg["seed"])
model = Reference(model_cfg).to(device)
model.fused_attention = device.type == "cuda"
params = list(model.parameters())
decay = [p for p in params if p.dim() >= 2]
plain = [p for p in params if p.dim() < 2]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": cfg["weight_decay"]}, {"params": plain, "weight_decay": 0.0}],
                        lr=cfg["learning_rate"], betas=(cfg["beta1"], cfg["beta2"]), eps=cfg["adam_eps"],
                        **({"fused": True} if device.type == "cuda" else {}))
forward = torch.compile(model) if args.compile else model
B, T = cfg["batch_size"], cfg["seq_len"] or model_cfg["context_length"]
rng = np.random.default_rng(cfg["seed"])
times = []
for step in range(steps):
    start = time.perf_counter()
    starts = rng.integers(0, len(tokens) - T - 1, size=B)
    batch = torch.from_numpy(np.stack([tokens[s:s + T + 1].astype(np.int64) for s in starts])).to(device)
    with torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.bf16):
        logits = forward(batch[:, :-1])
    loss = F.cross_entropy(logits.float().reshape(-1, logits.size(-1)), batch[:, 1:].reshape(-1))
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(params, cfg["grad_clip"])
    for g in opt.param_groups:
        g["lr"] = cfg["learning_rate"]
    opt.step()
    loss.item()
    times.append(time.perf_counter() - start)
times = times[2:] if len(times) > 3 else times
median = statistics.median(times)
engine = "pytorch-compile" if args.compile else "pytorch-eager"
peak_gpu = torch.cuda.max_memory_allocated(device) / 2**20 if device.type == "cuda" else 0
print(json.dumps({"engine": engine, "preset": cfg["preset"], "batch": B, "seq": T,
                  "tokens_per_s": round(B * T / median, 1),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "peak_gpu_allocated_mb": round(peak_gpu, 1),
                  "torch": torch.__version__, "threads": torch.get_num_threads()}))
