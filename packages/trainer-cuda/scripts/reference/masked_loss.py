"""The masked causal-LM loss of a Qwen2 checkpoint in float64 NumPy: an independent reference for
the training step's forward pass and loss, written from the documented math, not from the
TypeScript under test.

Sources followed:
- The Qwen2 forward pass of Hugging Face transformers (src/transformers/models/qwen2/
  modeling_qwen2.py): RMSNorm, rotary embeddings (rotate_half, inv_freq = 1 / theta^(2i/d)),
  grouped-query attention with q/k/v biases and scores scaled by head_dim^-0.5, SiLU-gated MLP,
  final norm, lm_head (or the embeddings when tie_word_embeddings). The layer math is the one of
  packages/model-io/scripts/qwen2_reference.py (its load_safetensors, rms_norm and rotate_half
  are imported); the forward is re-written here because that one takes neither positions nor an
  attention mask.
- The causal-LM loss of transformers (src/transformers/loss/loss_utils.py, ForCausalLMLoss and
  fixed_cross_entropy): labels padded on the right with -100 and shifted by one in each row, so
  the logits at position t predict labels[t + 1] and the last position predicts nothing; then
  torch.nn.functional.cross_entropy with ignore_index=-100 (the negative log-softmax of the
  label's logit), summed over the whole batch. Hugging Face's Trainer divides that sum by the
  number of trained tokens (num_items_in_batch); this script prints both.

Attention: a token attends to the earlier tokens (and itself) of the same segment. Without
segment_ids, a row is one segment made of its tokens with attention_mask 1 (the padding mask of
transformers: padding keys are never attended to); with segment_ids, segment k > 0 is the k-th
sequence packed in the row and 0 is padding. Padding tokens have no defined output: their logits
are written as NaN, and a trained label whose predicting position is padding is an error.
Positions: position_ids when given; otherwise, with segment_ids, the index of the token inside its
segment (restarting at 0 in each sequence); otherwise 0..T-1 (transformers' default). Note that,
as in transformers, the shift crosses segment boundaries: the last token of one packed sequence
predicts the first label of the next one unless that label is -100 (DataCollatorWithFlattening
sets it to -100).

Usage:
  python3 masked_loss.py < request.json
  python3 masked_loss.py --self-test

Request (JSON on stdin):
  {"model_dir": folder with config.json and model.safetensors (F32),
   "input_ids": [[...]] (B rows of T ids), "labels": [[...]] (same shape, -100 = not trained),
   "attention_mask": [[1 or 0]] (optional, right padding),
   "position_ids": [[...]] (optional), "segment_ids": [[...]] (optional, 0 = padding),
   "return_logits": true (optional) with "logits_file": path}
Response (JSON on stdout):
  {"loss_sum", "trained_tokens", "loss_mean" (null when nothing is trained),
   "per_row_loss_sum": [B], "per_row_trained_tokens": [B],
   "logits_file" (only with return_logits): float32 little-endian [B, T, V], NaN at padding}
"""

import json
import math
import os
import struct
import sys
import tempfile

import numpy as np

# Importing the model-io reference must not leave a __pycache__ folder in that package.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "model-io", "scripts"))
import qwen2_reference  # noqa: E402
from qwen2_reference import load_safetensors, rms_norm, rotate_half  # noqa: E402

IGNORE_INDEX = -100


def check_config(config):
    if config.get("hidden_act", "silu") != "silu":
        raise ValueError(f"hidden_act {config['hidden_act']!r} is not supported (silu only)")
    if config.get("use_sliding_window"):
        raise ValueError("use_sliding_window is not supported")
    scaling = config.get("rope_scaling")
    if scaling not in (None, {}) and scaling.get("rope_type", scaling.get("type")) not in (None, "default"):
        raise ValueError(f"rope_scaling {scaling!r} is not supported")


def forward_row(config, weights, ids, positions, allowed):
    """Logits [T, V] of one row. positions: [T] rotary positions; allowed: [T, T] booleans,
    allowed[q, k] when query q attends to key k (each row has at least one True)."""
    heads, kv_heads = config["num_attention_heads"], config["num_key_value_heads"]
    head_dim = config.get("head_dim") or config["hidden_size"] // heads
    eps, theta = config["rms_norm_eps"], config.get("rope_theta", 10000.0)
    length = len(ids)
    hidden = weights["model.embed_tokens.weight"][np.asarray(ids, dtype=np.int64)]
    inv_freq = 1.0 / theta ** (np.arange(0, head_dim, 2, dtype=np.float64) / head_dim)
    angles = np.outer(np.asarray(positions, dtype=np.float64), inv_freq)
    emb = np.concatenate([angles, angles], axis=-1)
    cos, sin = np.cos(emb), np.sin(emb)
    additive = np.where(allowed, 0.0, -np.inf)
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        x = rms_norm(hidden, weights[p + "input_layernorm.weight"], eps)

        def proj(name, count):
            out = x @ weights[p + f"self_attn.{name}_proj.weight"].T + weights[p + f"self_attn.{name}_proj.bias"]
            return out.reshape(length, count, head_dim).transpose(1, 0, 2)

        q, k, v = proj("q", heads), proj("k", kv_heads), proj("v", kv_heads)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        k, v = np.repeat(k, heads // kv_heads, axis=0), np.repeat(v, heads // kv_heads, axis=0)
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(head_dim) + additive
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attention = (scores / scores.sum(-1, keepdims=True)) @ v
        merged = attention.transpose(1, 0, 2).reshape(length, heads * head_dim)
        hidden = hidden + merged @ weights[p + "self_attn.o_proj.weight"].T
        x = rms_norm(hidden, weights[p + "post_attention_layernorm.weight"], eps)
        gate, up = x @ weights[p + "mlp.gate_proj.weight"].T, x @ weights[p + "mlp.up_proj.weight"].T
        hidden = hidden + (gate / (1.0 + np.exp(-gate)) * up) @ weights[p + "mlp.down_proj.weight"].T
    hidden = rms_norm(hidden, weights["model.norm.weight"], eps)
    tied = config.get("tie_word_embeddings", False) or "lm_head.weight" not in weights
    head = weights["model.embed_tokens.weight"] if tied else weights["lm_head.weight"]
    return hidden @ head.T


def int_matrix(request, key, rows, length):
    value = np.asarray(request[key], dtype=np.int64)
    if value.shape != (rows, length):
        raise ValueError(f"{key} has shape {list(value.shape)}, expected [{rows}, {length}]")
    return value


def row_layout(segments_row, positions_row):
    """Attention mask [T, T] and positions [T] of one row from its segment ids (0 = padding)."""
    length = len(segments_row)
    index = np.arange(length)
    real = segments_row != 0
    allowed = (index[None, :] <= index[:, None]) & (segments_row[None, :] == segments_row[:, None]) & real[None, :]
    allowed[index, index] = True  # padding queries see themselves only; their outputs are NaN
    if positions_row is None:
        positions_row = np.zeros(length, dtype=np.int64)
        seen = {}
        for t in range(length):
            positions_row[t] = seen.get(segments_row[t], 0)
            seen[segments_row[t]] = positions_row[t] + 1
    return allowed, positions_row, real


def compute(request):
    folder = request["model_dir"]
    with open(os.path.join(folder, "config.json")) as file:
        config = json.load(file)
    check_config(config)
    weights = load_safetensors(os.path.join(folder, "model.safetensors"))
    vocab = config["vocab_size"]

    input_ids = np.asarray(request["input_ids"], dtype=np.int64)
    if input_ids.ndim != 2 or input_ids.shape[1] == 0:
        raise ValueError("input_ids must be B rows of equal length T > 0")
    rows, length = input_ids.shape
    labels = int_matrix(request, "labels", rows, length)
    if ((input_ids < 0) | (input_ids >= vocab)).any():
        raise ValueError(f"input_ids out of range [0, {vocab})")
    bad = (labels != IGNORE_INDEX) & ((labels < 0) | (labels >= vocab))
    if bad.any():
        raise ValueError(f"labels must be -100 or in [0, {vocab}); got {labels[bad][:5].tolist()}")

    mask = np.ones((rows, length), dtype=np.int64)
    if request.get("attention_mask") is not None:
        mask = int_matrix(request, "attention_mask", rows, length)
        if not np.isin(mask, (0, 1)).all():
            raise ValueError("attention_mask holds 0 and 1 only")
        if (np.diff(mask, axis=1) > 0).any():
            raise ValueError("attention_mask must be right padding (no 1 after a 0 in a row)")
    if request.get("segment_ids") is not None:
        segments = int_matrix(request, "segment_ids", rows, length)
        if (segments < 0).any():
            raise ValueError("segment_ids must be >= 0")
        segments = segments * (mask != 0)
        default_positions = None  # restart in each segment
    else:
        segments = mask.copy()
        default_positions = np.arange(length, dtype=np.int64)
    positions = None
    if request.get("position_ids") is not None:
        positions = int_matrix(request, "position_ids", rows, length)

    # Hugging Face's shift: labels padded with one -100 on the right, then labels[:, 1:].
    shifted = np.concatenate([labels[:, 1:], np.full((rows, 1), IGNORE_INDEX, dtype=np.int64)], axis=1)
    trained = shifted != IGNORE_INDEX
    if (trained & (segments == 0)).any():
        b, t = np.argwhere(trained & (segments == 0))[0]
        raise ValueError(f"labels[{b}][{t + 1}] is trained but the position that predicts it ({t}) is padding")

    write_logits = bool(request.get("return_logits"))
    if write_logits and not request.get("logits_file"):
        raise ValueError("return_logits needs logits_file, the path to write them to")
    logits_out = np.empty((rows, length, vocab), dtype="<f4") if write_logits else None

    per_row_loss, per_row_tokens = [], []
    for b in range(rows):
        row_positions = positions[b] if positions is not None else default_positions
        allowed, row_positions, real = row_layout(segments[b], row_positions)
        logits = forward_row(config, weights, input_ids[b], row_positions, allowed)
        peak = logits.max(-1, keepdims=True)
        log_probs = logits - peak - np.log(np.exp(logits - peak).sum(-1, keepdims=True))
        where = np.nonzero(trained[b])[0]
        per_row_loss.append(float(-log_probs[where, shifted[b, where]].sum()))
        per_row_tokens.append(int(len(where)))
        if logits_out is not None:
            logits_out[b] = logits.astype("<f4")
            logits_out[b, ~real] = np.nan
    loss_sum = float(math.fsum(per_row_loss))
    tokens = int(sum(per_row_tokens))
    response = {
        "loss_sum": loss_sum,
        "trained_tokens": tokens,
        "loss_mean": loss_sum / tokens if tokens else None,
        "per_row_loss_sum": per_row_loss,
        "per_row_trained_tokens": per_row_tokens,
    }
    if logits_out is not None:
        logits_out.tofile(request["logits_file"])
        response["logits_file"] = request["logits_file"]
    return response


# ---------------------------------------------------------------------------------------------
# Self-test


def write_model(folder, config, tensors):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as file:
        json.dump(config, file)
    header, blobs, offset = {}, [], 0
    for name, value in tensors.items():
        blob = np.asarray(value, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(np.shape(value)), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    encoded = json.dumps(header).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(os.path.join(folder, "model.safetensors"), "wb") as file:
        file.write(struct.pack("<Q", len(encoded)) + encoded + b"".join(blobs))


def random_model(folder, seed=0):
    config = {
        "vocab_size": 11, "hidden_size": 8, "intermediate_size": 12, "num_hidden_layers": 2,
        "num_attention_heads": 2, "num_key_value_heads": 1, "head_dim": 4, "rms_norm_eps": 1e-6,
        "rope_theta": 10000.0, "tie_word_embeddings": False, "hidden_act": "silu",
    }
    rng = np.random.default_rng(seed)
    hidden, inter, kv = 8, 12, 4
    tensors = {"model.embed_tokens.weight": rng.normal(size=(11, hidden)), "lm_head.weight": rng.normal(size=(11, hidden))}
    for layer in range(2):
        p = f"model.layers.{layer}."
        shapes = {
            "input_layernorm.weight": (hidden,), "post_attention_layernorm.weight": (hidden,),
            "self_attn.q_proj.weight": (hidden, hidden), "self_attn.q_proj.bias": (hidden,),
            "self_attn.k_proj.weight": (kv, hidden), "self_attn.k_proj.bias": (kv,),
            "self_attn.v_proj.weight": (kv, hidden), "self_attn.v_proj.bias": (kv,),
            "self_attn.o_proj.weight": (hidden, hidden),
            "mlp.gate_proj.weight": (inter, hidden), "mlp.up_proj.weight": (inter, hidden),
            "mlp.down_proj.weight": (hidden, inter),
        }
        for name, shape in shapes.items():
            tensors[p + name] = 1 + 0.2 * rng.normal(size=shape) if name.endswith("norm.weight") else 0.5 * rng.normal(size=shape)
    tensors["model.norm.weight"] = 1 + 0.2 * rng.normal(size=(hidden,))
    write_model(folder, config, tensors)


def self_test():
    checks = []

    def check(name, actual, expected, tolerance=1e-12):
        ok = abs(actual - expected) <= tolerance * max(1.0, abs(expected))
        checks.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {actual!r} (expected {expected!r})")

    with tempfile.TemporaryDirectory() as temp:
        # 1. A hand-computed toy: no layers, hidden size 2, vocabulary 3, rms_norm_eps 0.
        # embed(0) = [1, 1] and embed(1) = [1, -1] have RMS 1, so the final norm (weight 1) keeps
        # them, and lm_head = [[1, 0], [0, 1], [0, 0]] gives logits [1, 1, 0] after token 0 and
        # [1, -1, 0] after token 1.
        # Row 0: ids [0, 1], labels [-100, 2]: -log softmax([1, 1, 0])[2] = ln(2e + 1).
        # Row 1: ids [1, 0], labels [-100, 1]: -log softmax([1, -1, 0])[1] = ln(e + 1/e + 1) + 1.
        toy = os.path.join(temp, "toy")
        write_model(toy, {
            "vocab_size": 3, "hidden_size": 2, "intermediate_size": 2, "num_hidden_layers": 0,
            "num_attention_heads": 1, "num_key_value_heads": 1, "rms_norm_eps": 0.0,
            "rope_theta": 10000.0, "tie_word_embeddings": False,
        }, {
            "model.embed_tokens.weight": [[1, 1], [1, -1], [2, 0]],
            "model.norm.weight": [1, 1],
            "lm_head.weight": [[1, 0], [0, 1], [0, 0]],
        })
        row0 = math.log(2 * math.e + 1)  # 1.8619948040582512
        row1 = math.log(math.e + 1 / math.e + 1) + 1  # 2.4076059644443806
        result = compute({"model_dir": toy, "input_ids": [[0, 1], [1, 0]], "labels": [[-100, 2], [-100, 1]]})
        check("toy row 0 = ln(2e + 1)", result["per_row_loss_sum"][0], row0)
        check("toy row 1 = ln(e + 1/e + 1) + 1", result["per_row_loss_sum"][1], row1)
        check("toy loss_sum", result["loss_sum"], row0 + row1)
        check("toy trained_tokens", result["trained_tokens"], 2)
        check("toy loss_mean", result["loss_mean"], (row0 + row1) / 2)
        masked = compute({"model_dir": toy, "input_ids": [[0, 1]], "labels": [[-100, -100]]})
        check("toy all -100: trained_tokens", masked["trained_tokens"], 0)
        check("toy all -100: loss_sum", masked["loss_sum"], 0.0)
        print(f"     toy all -100: loss_mean {masked['loss_mean']!r} (expected None)")
        checks.append(masked["loss_mean"] is None)

        # 2. The forward matches model-io's reference (no mask, positions 0..T-1), GQA 2:1.
        model = os.path.join(temp, "random")
        random_model(model)
        with open(os.path.join(model, "config.json")) as file:
            config = json.load(file)
        weights = load_safetensors(os.path.join(model, "model.safetensors"))
        ids = [3, 1, 4, 1, 5, 9, 2, 6]
        ref = qwen2_reference.forward(config, weights, ids)
        allowed, positions, _ = row_layout(np.ones(len(ids), dtype=np.int64), np.arange(len(ids)))
        mine = forward_row(config, weights, ids, positions, allowed)
        check("forward vs qwen2_reference.forward, max |diff|", float(np.abs(mine - ref).max()), 0.0, 1e-12)

        # 3. Right padding changes nothing; packing two sequences with segment ids equals the two
        # rows on their own (the second's first label -100, as the shift crosses segments).
        a, b = [3, 1, 4, 1, 5], [9, 2, 6]
        la, lb = [-100, -100, 4, 1, 5], [-100, 2, 6]
        alone = compute({"model_dir": model, "input_ids": [a, b + [0, 0]], "labels": [la, lb + [-100, -100]],
                         "attention_mask": [[1] * 5, [1, 1, 1, 0, 0]]})
        unpadded_b = compute({"model_dir": model, "input_ids": [b], "labels": [lb]})
        check("right padding: row loss equals the unpadded row", alone["per_row_loss_sum"][1], unpadded_b["loss_sum"])
        packed = compute({"model_dir": model, "input_ids": [a + b + [7, 7]], "labels": [la + lb + [-100, -100]],
                          "segment_ids": [[1] * 5 + [2] * 3 + [0, 0]], "return_logits": True,
                          "logits_file": os.path.join(temp, "logits.f32")})
        check("packing: loss equals the rows alone", packed["loss_sum"], alone["loss_sum"])
        check("packing: trained tokens", packed["trained_tokens"], alone["trained_tokens"])
        explicit = compute({"model_dir": model, "input_ids": [a + b + [7, 7]], "labels": [la + lb + [-100, -100]],
                            "segment_ids": [[1] * 5 + [2] * 3 + [0, 0]], "position_ids": [[0, 1, 2, 3, 4, 0, 1, 2, 0, 0]]})
        check("packing: explicit restarting position_ids", explicit["loss_sum"], packed["loss_sum"])
        # Rotary embeddings are relative: shifting a whole segment's positions changes nothing
        # (up to rounding), while uneven positions do change the loss.
        shifted_positions = compute({"model_dir": model, "input_ids": [a + b + [7, 7]], "labels": [la + lb + [-100, -100]],
                                     "segment_ids": [[1] * 5 + [2] * 3 + [0, 0]], "position_ids": [list(range(10))]})
        check("packing: positions 0..T-1 (a shift inside segment 2)", shifted_positions["loss_sum"], packed["loss_sum"], 1e-9)
        uneven = compute({"model_dir": model, "input_ids": [a + b + [7, 7]], "labels": [la + lb + [-100, -100]],
                          "segment_ids": [[1] * 5 + [2] * 3 + [0, 0]], "position_ids": [[0, 1, 2, 3, 4, 0, 2, 4, 0, 0]]})
        differs = abs(uneven["loss_sum"] - packed["loss_sum"]) > 1e-6
        checks.append(differs)
        print(f"{'ok  ' if differs else 'FAIL'} packing: uneven position_ids give another loss ({uneven['loss_sum']!r})")
        logits = np.fromfile(os.path.join(temp, "logits.f32"), dtype="<f4").reshape(1, 10, 11)
        nan_ok = bool(np.isnan(logits[0, 8:]).all() and not np.isnan(logits[0, :8]).any())
        checks.append(nan_ok)
        print(f"{'ok  ' if nan_ok else 'FAIL'} logits file: [1, 10, 11] float32, NaN exactly at the padding")
        row_b = np.fromfile(os.path.join(temp, "logits.f32"), dtype="<f4").reshape(10, 11)[5:8]
        alone_b = forward_row(config, weights, b, np.arange(3), np.tril(np.ones((3, 3), dtype=bool)))
        check("logits file: packed second sequence vs alone, max |diff|", float(np.abs(row_b - alone_b).max()), 0.0, 1e-5)

    print(f"{sum(checks)}/{len(checks)} checks passed")
    return all(checks)


def main():
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(0 if self_test() else 1)
    if len(sys.argv) > 1:
        sys.exit("usage: masked_loss.py < request.json, or masked_loss.py --self-test")
    json.dump(compute(json.load(sys.stdin)), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
