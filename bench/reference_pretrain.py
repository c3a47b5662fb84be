"""Python PyTorch reference for bench/run_pretrain_bench.sh: trains the same model on the same shards
with the same batch and optimizer settings as `bench_pretrain`, eager mode, and prints tokens/s
(median step) and peak RSS as one JSON line.

    /usr/bin/python3 reference_pretrain.py CONFIG_JSON SHARD_DIR STEPS
"""
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

config_path, shard_dir, steps = sys.argv[1], sys.argv[2], int(sys.argv[3])
cfg = json.load(open(config_path))
model_cfg = cfg["model"]
manifest = json.load(open(os.path.join(shard_dir, "manifest.json")))
dtype = np.uint16 if manifest["bytes_per_token"] == 2 else np.uint32
tokens = np.concatenate([np.memmap(os.path.join(shard_dir, f), dtype=dtype, mode="r") for f in manifest["train"]["files"]])

torch.manual_seed(cfg["seed"])
model = Reference(model_cfg)
params = list(model.parameters())
decay = [p for p in params if p.dim() >= 2]
plain = [p for p in params if p.dim() < 2]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": cfg["weight_decay"]}, {"params": plain, "weight_decay": 0.0}],
                        lr=cfg["learning_rate"], betas=(cfg["beta1"], cfg["beta2"]), eps=cfg["adam_eps"])
B, T = cfg["batch_size"], cfg["seq_len"] or model_cfg["context_length"]
rng = np.random.default_rng(cfg["seed"])
times = []
for step in range(steps):
    start = time.perf_counter()
    starts = rng.integers(0, len(tokens) - T - 1, size=B)
    batch = torch.from_numpy(np.stack([tokens[s:s + T + 1].astype(np.int64) for s in starts]))
    logits = model(batch[:, :-1])
    loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), batch[:, 1:].reshape(-1))
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
print(json.dumps({"engine": "pytorch-eager", "preset": cfg["preset"], "batch": B, "seq": T,
                  "tokens_per_s": round(B * T / median, 1),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "torch": torch.__version__, "threads": torch.get_num_threads()}))
