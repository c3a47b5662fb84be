#!/usr/bin/python3
"""An independent reader of our exports, for the tests: it shares no code with the studio.

    export_reader.py gguf FILE.gguf 5,17,42      # GGUF as llama.cpp reads it
    export_reader.py hf FOLDER 5,17,42           # a Hugging Face folder as transformers reads it
    ... MESSAGES.json                               # also render the file's chat template for these messages
    export_reader.py tfevents FILE                 # a TensorBoard event file: every record, CRCs checked

Parses the file(s) from the format's specification (GGUF v3: header, key-values, tensor table,
alignment, data; safetensors: header size, JSON header, data offsets), checks what the specification
requires, then runs a Llama forward pass in numpy (float64) over the given token ids with the
conventions of the reading program: llama.cpp rotates adjacent pairs of a head's dimensions,
transformers pairs dimension i with i + head_dim/2. Prints JSON: the key-values or config, the tensor
table, each tensor's sum of squares, the logits at every position, and the chat template rendered
with Jinja as transformers renders it (llama.cpp's renderer follows the same rules). Exits non-zero with a message
on anything malformed.
"""
import json
import struct
import sys

import numpy as np


class Malformed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Malformed(message)


# --- GGUF ---------------------------------------------------------------------------------------

GGUF_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
GGML_TYPES = {0: (np.float32, 4), 1: (np.float16, 2)}  # F32, F16: the only ones the studio writes


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, fmt):
        size = struct.calcsize(fmt)
        expect(self.pos + size <= len(self.data), "file ends inside a value at byte %d" % self.pos)
        (value,) = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += size
        return value

    def string(self):
        length = self.take("<Q")
        expect(self.pos + length <= len(self.data), "string runs past the end at byte %d" % self.pos)
        raw = self.data[self.pos:self.pos + length]
        self.pos += length
        return raw.decode("utf-8")  # GGUF strings are UTF-8; a decode error is a malformed file

    def value(self, kind):
        if kind == 8:
            return self.string()
        if kind == 9:
            element, count = self.take("<I"), self.take("<Q")
            return [self.value(element) for _ in range(count)]
        expect(kind in GGUF_SCALARS, "unknown value type %d" % kind)
        return self.take(GGUF_SCALARS[kind])


def read_gguf(path):
    data = open(path, "rb").read()
    r = Reader(data)
    expect(data[:4] == b"GGUF", "magic is %r, not GGUF" % data[:4])
    r.pos = 4
    version = r.take("<I")
    expect(version == 3, "version %d, not 3" % version)
    tensor_count, kv_count = r.take("<Q"), r.take("<Q")
    kv, kv_types = {}, {}
    for _ in range(kv_count):
        key = r.string()
        expect(key not in kv, "key %s appears twice" % key)
        kind = r.take("<I")
        kv_types[key] = kind if kind != 9 else [9, struct.unpack_from("<I", data, r.pos)[0]]
        kv[key] = r.value(kind)
    alignment = kv.get("general.alignment", 32)
    tensors = []
    for _ in range(tensor_count):
        name = r.string()
        n_dims = r.take("<I")
        dims = [r.take("<Q") for _ in range(n_dims)]
        kind, offset = r.take("<I"), r.take("<Q")
        expect(kind in GGML_TYPES, "tensor %s has type %d, which the studio never writes" % (name, kind))
        expect(offset % alignment == 0, "tensor %s starts at offset %d, not a multiple of %d" % (name, offset, alignment))
        tensors.append({"name": name, "dims": dims, "type": kind, "offset": offset})
    data_start = (r.pos + alignment - 1) // alignment * alignment
    expect(all(b == 0 for b in data[r.pos:data_start]), "padding before the data is not zeros")
    weights, end = {}, data_start
    for t in sorted(tensors, key=lambda t: t["offset"]):
        dtype, size = GGML_TYPES[t["type"]]
        count = int(np.prod(t["dims"]))
        begin = data_start + t["offset"]
        expect(begin >= end, "tensor %s overlaps the one before it" % t["name"])
        expect(begin + count * size <= len(data), "tensor %s runs past the end of the file" % t["name"])
        # ne[0] varies fastest: numpy's shape is the dimensions reversed, (out, in) for a matrix.
        weights[t["name"]] = np.frombuffer(data, dtype, count, begin).reshape(list(reversed(t["dims"]))).astype(np.float64)
        end = begin + count * size
    expect(len(data) - end < alignment, "%d bytes after the last tensor" % (len(data) - end))
    return kv, kv_types, tensors, weights, data_start


def gguf_model(kv, weights):
    a = "llama"
    expect(kv["general.architecture"] == a, "architecture %s" % kv["general.architecture"])
    config = {"layers": kv[a + ".block_count"], "heads": kv[a + ".attention.head_count"],
              "kv_heads": kv[a + ".attention.head_count_kv"], "eps": kv[a + ".attention.layer_norm_rms_epsilon"],
              "theta": kv[a + ".rope.freq_base"], "rope": "adjacent"}
    w = lambda name: weights[name]
    layers = [{k: w("blk.%d.%s.weight" % (i, k)) for k in
               ("attn_norm", "attn_q", "attn_k", "attn_v", "attn_output", "ffn_norm", "ffn_gate", "ffn_up", "ffn_down")}
              for i in range(config["layers"])]
    embedding = w("token_embd.weight")
    output = weights.get("output.weight", embedding)  # llama.cpp ties a missing output to the embedding
    return config, embedding, layers, w("output_norm.weight"), output


# --- Hugging Face folder --------------------------------------------------------------------------

SAFETENSORS_TYPES = {"F32": np.float32, "F16": np.float16, "BF16": None, "F64": np.float64}


def read_safetensors(path):
    data = open(path, "rb").read()
    expect(len(data) >= 8, "shorter than 8 bytes")
    (size,) = struct.unpack_from("<Q", data, 0)
    expect(8 + size <= len(data), "header runs past the end")
    header = json.loads(data[8:8 + size].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    weights, spans = {}, []
    for name, entry in header.items():
        dtype = SAFETENSORS_TYPES.get(entry["dtype"])
        expect(dtype is not None, "tensor %s has dtype %s" % (name, entry["dtype"]))
        begin, end = entry["data_offsets"]
        count = int(np.prod(entry["shape"])) if entry["shape"] else 1
        expect(end - begin == count * np.dtype(dtype).itemsize, "tensor %s: offsets do not match its shape" % name)
        expect(8 + size + end <= len(data), "tensor %s runs past the end" % name)
        weights[name] = np.frombuffer(data, dtype, count, 8 + size + begin).reshape(entry["shape"]).astype(np.float64)
        spans.append((begin, end))
    spans.sort()
    for (b0, e0), (b1, e1) in zip(spans, spans[1:]):
        expect(e0 <= b1, "tensors overlap")
    return metadata, weights


def hf_model(folder):
    config = json.load(open(folder + "/config.json"))
    expect(config["architectures"] == ["LlamaForCausalLM"], "architectures %s" % config["architectures"])
    metadata, weights = read_safetensors(folder + "/model.safetensors")
    expect(metadata.get("format") == "pt", "metadata format %s (transformers wants pt)" % metadata.get("format"))
    names = {"attn_norm": "input_layernorm", "attn_q": "self_attn.q_proj", "attn_k": "self_attn.k_proj",
             "attn_v": "self_attn.v_proj", "attn_output": "self_attn.o_proj", "ffn_norm": "post_attention_layernorm",
             "ffn_gate": "mlp.gate_proj", "ffn_up": "mlp.up_proj", "ffn_down": "mlp.down_proj"}
    layers = [{ours: weights["model.layers.%d.%s.weight" % (i, theirs)] for ours, theirs in names.items()}
              for i in range(config["num_hidden_layers"])]
    embedding = weights["model.embed_tokens.weight"]
    if config.get("tie_word_embeddings", False):
        output = embedding
    else:
        output = weights["lm_head.weight"]
    model = {"layers": config["num_hidden_layers"], "heads": config["num_attention_heads"],
             "kv_heads": config.get("num_key_value_heads", config["num_attention_heads"]), "eps": config["rms_norm_eps"],
             "theta": config.get("rope_theta", 10000.0), "rope": "half"}
    return config, weights, (model, embedding, layers, weights["model.norm.weight"], output)


# --- TensorBoard events ---------------------------------------------------------------------------

def masked_crc(data):
    import crc32c  # Debian's python3-crc32c: an implementation that is not ours
    crc = crc32c.crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def protobuf_fields(data):
    """(field number, wire type, value) of a protobuf message: the wire format, nothing more."""
    pos, fields = 0, []
    def varint():
        nonlocal pos
        value, shift = 0, 0
        while True:
            expect(pos < len(data), "varint runs past the end")
            b = data[pos]
            pos += 1
            value |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return value
    while pos < len(data):
        key = varint()
        field, wire = key >> 3, key & 7
        if wire == 0:
            fields.append((field, wire, varint()))
        elif wire == 1:
            fields.append((field, wire, data[pos:pos + 8])); pos += 8
        elif wire == 5:
            fields.append((field, wire, data[pos:pos + 4])); pos += 4
        elif wire == 2:
            length = varint()
            expect(pos + length <= len(data), "field %d runs past the end" % field)
            fields.append((field, wire, data[pos:pos + length])); pos += length
        else:
            raise Malformed("wire type %d" % wire)
    return fields


def read_tfevents(path):
    data, pos, events = open(path, "rb").read(), 0, []
    while pos < len(data):
        expect(pos + 12 <= len(data), "record header cut short at byte %d" % pos)
        header = data[pos:pos + 8]
        (length,) = struct.unpack("<Q", header)
        (header_crc,) = struct.unpack_from("<I", data, pos + 8)
        expect(header_crc == masked_crc(header), "length CRC wrong at byte %d" % pos)
        expect(pos + 12 + length + 4 <= len(data), "record runs past the end at byte %d" % pos)
        body = data[pos + 12:pos + 12 + length]
        (body_crc,) = struct.unpack_from("<I", data, pos + 12 + length)
        expect(body_crc == masked_crc(body), "event CRC wrong at byte %d" % pos)
        pos += 12 + length + 4
        event = {}
        for field, wire, value in protobuf_fields(body):
            if field == 1:
                (event["wall_time"],) = struct.unpack("<d", value)
            elif field == 2:
                event["step"] = value
            elif field == 3:
                event["file_version"] = value.decode()
            elif field == 6:
                event["session_log_status"] = dict((f, v) for f, _, v in protobuf_fields(value)).get(1, 0)
            elif field == 5:
                for f, _, v in protobuf_fields(value):
                    expect(f == 1, "summary field %d" % f)
                    parts = {vf: vv for vf, _, vv in protobuf_fields(v)}
                    event["tag"] = parts[1].decode()
                    (event["value"],) = struct.unpack("<f", parts[2])
        events.append(event)
    return events


# --- The forward pass -----------------------------------------------------------------------------

def rms_norm(x, weight, eps):
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + eps) * weight


def rotate(x, theta, layout):  # x: (T, heads, hd)
    T, _, hd = x.shape
    angles = np.arange(T)[:, None] * theta ** (-np.arange(0, hd, 2) / hd)[None, :]  # (T, hd/2)
    cos, sin = np.cos(angles)[:, None, :], np.sin(angles)[:, None, :]
    if layout == "adjacent":  # llama.cpp: (x[2i], x[2i+1])
        a, b = x[..., 0::2], x[..., 1::2]
        out = np.empty_like(x)
        out[..., 0::2], out[..., 1::2] = a * cos - b * sin, a * sin + b * cos
        return out
    a, b = x[..., :hd // 2], x[..., hd // 2:]  # transformers: rotate_half
    return np.concatenate([a * cos - b * sin, b * cos + a * sin], -1)


def forward(config, embedding, layers, final_norm, output, tokens):
    H, KV, eps = config["heads"], config["kv_heads"], config["eps"]
    x = embedding[tokens]  # (T, C)
    T, C = x.shape
    hd = C // H
    causal = np.triu(np.full((T, T), -np.inf), 1)
    for l in layers:
        h = rms_norm(x, l["attn_norm"], eps)
        q = rotate((h @ l["attn_q"].T).reshape(T, H, hd), config["theta"], config["rope"])
        k = rotate((h @ l["attn_k"].T).reshape(T, KV, hd), config["theta"], config["rope"])
        v = (h @ l["attn_v"].T).reshape(T, KV, hd)
        heads = []
        for i in range(H):
            j = i // (H // KV)  # a key/value head serves H/KV consecutive query heads
            scores = q[:, i] @ k[:, j].T / np.sqrt(hd) + causal
            p = np.exp(scores - scores.max(-1, keepdims=True))
            heads.append((p / p.sum(-1, keepdims=True)) @ v[:, j])
        x = x + np.concatenate(heads, -1) @ l["attn_output"].T
        h = rms_norm(x, l["ffn_norm"], eps)
        gate = h @ l["ffn_gate"].T
        x = x + ((gate / (1 + np.exp(-gate))) * (h @ l["ffn_up"].T)) @ l["ffn_down"].T
    return rms_norm(x, final_norm, eps) @ output.T  # (T, V)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "tfevents":
        json.dump({"events": read_tfevents(path)}, sys.stdout)
        return
    token_list = sys.argv[3]
    tokens = [int(t) for t in token_list.split(",")]
    if kind == "gguf":
        kv, kv_types, tensors, weights, data_start = read_gguf(path)
        logits = forward(*gguf_model(kv, weights), tokens)
        result = {"kv": kv, "kv_types": kv_types, "tensors": tensors, "data_start": data_start}
    else:
        config, weights, model = hf_model(path)
        logits = forward(*model, tokens)
        result = {"config": config, "tokenizer_config": json.load(open(path + "/tokenizer_config.json")),
                  "generation_config": json.load(open(path + "/generation_config.json")),
                  "tensors": [{"name": n, "shape": list(w.shape)} for n, w in weights.items()]}
    if len(sys.argv) > 4:
        import jinja2
        if kind == "gguf":
            template = result["kv"]["tokenizer.chat_template"]
            bos_token = result["kv"]["tokenizer.ggml.tokens"][result["kv"]["tokenizer.ggml.bos_token_id"]]
        else:
            template, bos_token = result["tokenizer_config"]["chat_template"], result["tokenizer_config"]["bos_token"]
        environment = jinja2.Environment(trim_blocks=True, lstrip_blocks=True)  # transformers' settings
        messages = json.load(open(sys.argv[4]))
        result["rendered"] = environment.from_string(template).render(messages=messages, bos_token=bos_token,
                                                                    add_generation_prompt=True)
    result["sum_of_squares"] = {n: float((w * w).sum()) for n, w in weights.items()}
    result["logits"] = logits.tolist()
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    try:
        main()
    except (Malformed, KeyError, UnicodeDecodeError, ValueError) as e:
        print("malformed: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        sys.exit(1)
