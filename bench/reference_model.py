"""The ChatTrain model written independently in Python PyTorch: the reference for benchmarks
(same model, same batch, same optimizer) and for golden tests of the C++ engine.

Llama-style decoder: RMSNorm, rotary embeddings in the "rotate half" layout, SwiGLU, no biases,
tied embeddings optional, grouped-query attention. Parameter names are ChatTrain's (llama.cpp's).
"""
import json
import math
import struct

import numpy as np
import torch
import torch.nn.functional as F


class Reference(torch.nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        V, C, F_, L = c["vocab_size"], c["d_model"], c["ffn_hidden"], c["n_layers"]
        H, KV = c["n_heads"], c["n_kv_heads"]
        hd = C // H
        p = {}  # ChatTrain name → parameter (registered below under names without dots)
        p["token_embd.weight"] = torch.nn.Parameter(torch.randn(V, C) * 0.02)
        for i in range(L):
            b = f"blk.{i}."
            p[b + "attn_norm.weight"] = torch.nn.Parameter(torch.ones(C))
            p[b + "attn_q.weight"] = torch.nn.Parameter(torch.randn(H * hd, C) * 0.02)
            p[b + "attn_k.weight"] = torch.nn.Parameter(torch.randn(KV * hd, C) * 0.02)
            p[b + "attn_v.weight"] = torch.nn.Parameter(torch.randn(KV * hd, C) * 0.02)
            p[b + "attn_output.weight"] = torch.nn.Parameter(torch.randn(C, H * hd) * 0.02 / math.sqrt(2 * L))
            p[b + "ffn_norm.weight"] = torch.nn.Parameter(torch.ones(C))
            p[b + "ffn_gate.weight"] = torch.nn.Parameter(torch.randn(F_, C) * 0.02)
            p[b + "ffn_up.weight"] = torch.nn.Parameter(torch.randn(F_, C) * 0.02)
            p[b + "ffn_down.weight"] = torch.nn.Parameter(torch.randn(C, F_) * 0.02 / math.sqrt(2 * L))
        p["output_norm.weight"] = torch.nn.Parameter(torch.ones(C))
        if not c["tie_embeddings"]:
            p["output.weight"] = torch.nn.Parameter(torch.randn(V, C) * 0.02)
        self.p = p
        for name, param in p.items():
            self.register_parameter(name.replace(".", "_"), param)
        inv = c["rope_theta"] ** (-torch.arange(0, hd, 2, dtype=torch.float64) / hd)
        ang = torch.outer(torch.arange(c["context_length"], dtype=torch.float64), inv)
        self.register_buffer("cos", ang.cos().float())
        self.register_buffer("sin", ang.sin().float())

    def norm(self, x, w):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.c["norm_eps"]) * w

    def rope(self, x):
        T, half = x.shape[2], x.shape[3] // 2
        cos, sin = self.cos[:T], self.sin[:T]
        x1, x2 = x[..., :half], x[..., half:]
        return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], -1)

    def forward(self, idx):
        c, p = self.c, self.p
        B, T = idx.shape
        H, KV = c["n_heads"], c["n_kv_heads"]
        hd = c["d_model"] // H
        x = F.embedding(idx, p["token_embd.weight"])
        mask = torch.ones(T, T, dtype=torch.bool).triu(1)
        for i in range(c["n_layers"]):
            b = f"blk.{i}."
            h = self.norm(x, p[b + "attn_norm.weight"])
            q = F.linear(h, p[b + "attn_q.weight"]).view(B, T, H, hd).transpose(1, 2)
            k = F.linear(h, p[b + "attn_k.weight"]).view(B, T, KV, hd).transpose(1, 2)
            v = F.linear(h, p[b + "attn_v.weight"]).view(B, T, KV, hd).transpose(1, 2)
            q, k = self.rope(q), self.rope(k)
            if KV != H:
                k, v = k.repeat_interleave(H // KV, 1), v.repeat_interleave(H // KV, 1)
            if getattr(self, "fused_attention", False):  # as the engine on LibTorch >= 2.0
                y = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(B, T, H * hd)
            else:
                att = (q @ k.transpose(-2, -1)) / math.sqrt(hd)
                att = att.masked_fill(mask.to(att.device), float("-inf")).softmax(-1)
                y = (att @ v).transpose(1, 2).reshape(B, T, H * hd)
            x = x + F.linear(y, p[b + "attn_output.weight"])
            h = self.norm(x, p[b + "ffn_norm.weight"])
            x = x + F.linear(F.silu(F.linear(h, p[b + "ffn_gate.weight"])) * F.linear(h, p[b + "ffn_up.weight"]),
                             p[b + "ffn_down.weight"])
        x = self.norm(x, p["output_norm.weight"])
        head = p["token_embd.weight"] if c["tie_embeddings"] else p["output.weight"]
        return F.linear(x, head)


def read_safetensors(path):
    """An independent reader: 8-byte header size, JSON header, raw little-endian data."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    types = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        a, b = e["data_offsets"]
        arr = np.frombuffer(data[8 + n + a:8 + n + b], dtype=types[e["dtype"]]).reshape(e["shape"])
        out[name] = torch.from_numpy(arr.copy())
    return out
