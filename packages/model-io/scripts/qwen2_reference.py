"""A NumPy forward pass of a Qwen2 checkpoint, written from the transformers Qwen2 modelling
definition, as an independent reference for the SDK's exporters. No KV cache: every call
recomputes the whole sequence.

Usage: python3 scripts/qwen2_reference.py MODEL_DIR '{"ids": [[...]], "greedy": 0, "logits_file": "…"}'
With "logits_file" (float32, every sequence's logits for every position, concatenated) it prints
the largest absolute difference from the reference instead of the logits themselves.
Prints JSON: {"max_abs_diff" or "logits", "greedy": [[ids]]}.
"""

import json
import struct
import sys

import numpy as np


def load_safetensors(path):
    data = open(path, "rb").read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    base = 8 + length
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        assert entry["dtype"] == "F32", entry["dtype"]
        start, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[base + start : base + end], dtype="<f4").reshape(entry["shape"]).astype(np.float64)
    return tensors


def rms_norm(x, weight, eps):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def forward(config, weights, ids):
    heads, kv_heads = config["num_attention_heads"], config["num_key_value_heads"]
    head_dim = config.get("head_dim", config["hidden_size"] // heads)
    eps, theta = config["rms_norm_eps"], config["rope_theta"]
    length = len(ids)
    hidden = weights["model.embed_tokens.weight"][ids]
    inv_freq = 1.0 / theta ** (np.arange(0, head_dim, 2) / head_dim)
    angles = np.outer(np.arange(length), inv_freq)
    cos, sin = np.cos(np.concatenate([angles, angles], -1)), np.sin(np.concatenate([angles, angles], -1))
    causal = np.triu(np.full((length, length), -np.inf), 1)
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        x = rms_norm(hidden, weights[p + "input_layernorm.weight"], eps)
        proj = lambda n: x @ weights[p + f"self_attn.{n}_proj.weight"].T + weights[p + f"self_attn.{n}_proj.bias"]
        q = proj("q").reshape(length, heads, head_dim).transpose(1, 0, 2)
        k = proj("k").reshape(length, kv_heads, head_dim).transpose(1, 0, 2)
        v = proj("v").reshape(length, kv_heads, head_dim).transpose(1, 0, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        k, v = np.repeat(k, heads // kv_heads, axis=0), np.repeat(v, heads // kv_heads, axis=0)
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(head_dim) + causal
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attention = (scores / scores.sum(-1, keepdims=True)) @ v
        hidden = hidden + attention.transpose(1, 0, 2).reshape(length, heads * head_dim) @ weights[p + "self_attn.o_proj.weight"].T
        x = rms_norm(hidden, weights[p + "post_attention_layernorm.weight"], eps)
        gate, up = x @ weights[p + "mlp.gate_proj.weight"].T, x @ weights[p + "mlp.up_proj.weight"].T
        hidden = hidden + (gate / (1 + np.exp(-gate)) * up) @ weights[p + "mlp.down_proj.weight"].T
    hidden = rms_norm(hidden, weights["model.norm.weight"], eps)
    head = weights["model.embed_tokens.weight"] if config["tie_word_embeddings"] else weights["lm_head.weight"]
    return hidden @ head.T


def main():
    folder, request = sys.argv[1], json.loads(sys.argv[2])
    config = json.load(open(f"{folder}/config.json"))
    weights = load_safetensors(f"{folder}/model.safetensors")
    logits, greedy = [], []
    for ids in request["ids"]:
        logits.append(forward(config, weights, ids))
        sequence = list(ids)
        for _ in range(request.get("greedy", 0)):
            sequence.append(int(np.argmax(forward(config, weights, sequence)[-1])))
        greedy.append(sequence[len(ids) :])
    if "logits_file" in request:
        actual = np.fromfile(request["logits_file"], dtype="<f4")
        expected = np.concatenate([block.reshape(-1) for block in logits])
        assert actual.shape == expected.shape, (actual.shape, expected.shape)
        # NaN in the file marks positions the caller did not compute.
        compared = ~np.isnan(actual)
        print(json.dumps({"max_abs_diff": float(np.max(np.abs(actual[compared] - expected[compared]))), "greedy": greedy}))
    else:
        print(json.dumps({"logits": [block.tolist() for block in logits], "greedy": greedy}))


if __name__ == "__main__":
    main()
