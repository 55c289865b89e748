"""Optimizer steps in float64 NumPy as PyTorch and Hugging Face's Trainer take them: gradient
clipping, the learning-rate schedule and AdamW. An independent reference for the training
step's update, written from the documents below, not from the TypeScript under test.

Sources followed (each formula is quoted in the function that implements it):
- torch.nn.utils.clip_grad_norm_ (PyTorch documentation, https://docs.pytorch.org/docs/stable/
  generated/torch.nn.utils.clip_grad_norm_.html, and its source torch/nn/utils/clip_grad.py):
  "The norm is computed over the norms of the individual gradients of all parameters, as if the
  norms of the individual gradients were concatenated into a single vector";
  clip_coef = max_norm / (total_norm + 1e-6); clip_coef_clamped = torch.clamp(clip_coef,
  max=1.0); every gradient is multiplied by clip_coef_clamped; it returns total_norm (before
  clipping).
- Hugging Face transformers, src/transformers/optimization.py,
  _get_cosine_schedule_with_warmup_lr_lambda (get_cosine_schedule_with_warmup, num_cycles=0.5),
  _get_constant_lambda (get_constant_schedule) and _get_constant_schedule_with_warmup_lr_lambda,
  wrapped in torch.optim.lr_scheduler.LambdaLR: lr = base_lr * lr_lambda(scheduler step), the
  scheduler step being 0 when the scheduler is built.
- Hugging Face's Trainer (src/transformers/trainer.py, the training loop): clip_grad_norm_ when
  args.max_grad_norm is not None and > 0, then optimizer.step(), then lr_scheduler.step(); so
  optimizer step s (0-based) runs with lr_lambda(s) and the first one with lr_lambda(0), which is
  0 under warm-up (the Adam moments and the step count still advance).
- torch.optim.AdamW (PyTorch documentation, https://docs.pytorch.org/docs/stable/generated/
  torch.optim.AdamW.html, the algorithm in its docstring, torch/optim/adamw.py), amsgrad=False,
  maximize=False: for t = 1, 2, ...: theta_t = theta_{t-1} - gamma*lambda*theta_{t-1};
  m_t = beta1*m_{t-1} + (1 - beta1)*g_t; v_t = beta2*v_{t-1} + (1 - beta2)*g_t^2;
  m_hat = m_t/(1 - beta1^t); v_hat = v_t/(1 - beta2^t); theta_t = theta_t - gamma*m_hat/(sqrt(v_hat)
  + epsilon). Parameters named in "no_decay" sit in a group with weight_decay 0 (as the Trainer's
  get_decay_parameter_names groups biases and norm weights).

Usage:
  python3 adamw_steps.py < request.json
  python3 adamw_steps.py --self-test

Request (JSON on stdin); every data file is raw little-endian float32, C order:
  {"params": {name: {"shape": [...], "data_file": path}},
   "steps": [{"grads": {name: path}}, ...]   (gradients of the mean loss, one entry per optimizer
                                             step; every parameter needs a gradient each step),
   "hyper": {"lr": peak lr, "warmup_steps": W, "total_steps": T,
             "schedule": "cosine" | "constant" | "constant_with_warmup",
             "beta1", "beta2", "eps", "weight_decay", "no_decay": [names],
             "max_grad_norm": number or null (null or <= 0: no clipping)},
   "out": {name: path}                       (the final parameters),
   "state": {"step": t0, "exp_avg": {name: path}, "exp_avg_sq": {name: path}}   (optional: resume
             from t0 optimizer steps; the schedule continues at t0 as a restored scheduler does),
   "state_out": {"exp_avg": {name: path}, "exp_avg_sq": {name: path}}}          (optional)
"constant" is Hugging Face's get_constant_schedule, which ignores warmup_steps;
"constant_with_warmup" is get_constant_schedule_with_warmup.
Response (JSON on stdout):
  {"lr_per_step": [...], "grad_norm_per_step": [...] (total 2-norm before clipping),
   "clip_coef_per_step": [...] (max_norm / (norm + 1e-6), null without clipping),
   "clip_coef_clamped_per_step": [...] (the factor applied to the gradients, 1 without clipping),
   "final_step": t0 + number of steps}
"""

import json
import math
import os
import sys
import tempfile

import numpy as np


def lr_lambda(schedule, step, warmup, total):
    """The LambdaLR factor at scheduler step `step`, as transformers' lr lambdas compute it."""
    if schedule == "constant":
        # _get_constant_lambda: return 1
        return 1.0
    if schedule == "constant_with_warmup":
        # if current_step < num_warmup_steps:
        #     return float(current_step) / float(max(1.0, num_warmup_steps))
        # return 1.0
        if step < warmup:
            return float(step) / float(max(1.0, warmup))
        return 1.0
    if schedule == "cosine":
        # if current_step < num_warmup_steps:
        #     return float(current_step) / float(max(1, num_warmup_steps))
        # progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
        # return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)))
        num_cycles = 0.5
        if step < warmup:
            return float(step) / float(max(1, warmup))
        progress = float(step - warmup) / float(max(1, total - warmup))
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)))
    raise ValueError(f"unknown schedule {schedule!r} (cosine, constant or constant_with_warmup)")


def read_f32(path, shape, what):
    data = np.fromfile(path, dtype="<f4")
    count = int(np.prod(shape, dtype=np.int64))
    if data.size != count:
        raise ValueError(f"{what}: {path} holds {data.size} float32 values, expected {count} for shape {list(shape)}")
    return data.astype(np.float64).reshape(shape)


def write_f32(path, value):
    np.asarray(value, dtype="<f4").tofile(path)


def run(request):
    hyper = request["hyper"]
    lr0, warmup, total = float(hyper["lr"]), int(hyper.get("warmup_steps", 0)), int(hyper["total_steps"])
    schedule = hyper.get("schedule", "cosine")
    beta1, beta2, eps = float(hyper["beta1"]), float(hyper["beta2"]), float(hyper["eps"])
    weight_decay = float(hyper.get("weight_decay", 0.0))
    max_norm = hyper.get("max_grad_norm")
    clipping = max_norm is not None and float(max_norm) > 0
    no_decay = set(hyper.get("no_decay", []))
    names = list(request["params"])
    unknown = no_decay - set(names)
    if unknown:
        raise ValueError(f"no_decay names unknown parameters: {sorted(unknown)}")

    params, shapes = {}, {}
    for name in names:
        spec = request["params"][name]
        shapes[name] = tuple(int(d) for d in spec["shape"])
        params[name] = read_f32(spec["data_file"], shapes[name], f"params[{name!r}]")
    state = request.get("state")
    t0 = int(state["step"]) if state else 0
    exp_avg = {n: read_f32(state["exp_avg"][n], shapes[n], f"state.exp_avg[{n!r}]") if state else np.zeros(shapes[n]) for n in names}
    exp_avg_sq = {n: read_f32(state["exp_avg_sq"][n], shapes[n], f"state.exp_avg_sq[{n!r}]") if state else np.zeros(shapes[n]) for n in names}

    lrs, norms, coefs, clamped = [], [], [], []
    for index, step in enumerate(request["steps"]):
        missing = set(names) - set(step["grads"])
        extra = set(step["grads"]) - set(names)
        if missing or extra:
            raise ValueError(f"steps[{index}].grads: missing {sorted(missing)}, unknown {sorted(extra)}")
        grads = {n: read_f32(step["grads"][n], shapes[n], f"steps[{index}].grads[{n!r}]") for n in names}

        # clip_grad_norm_: total_norm = ||(||g_1||, ..., ||g_n||)||_2.
        total_norm = math.sqrt(math.fsum(float(np.sum(g * g)) for g in grads.values()))
        norms.append(total_norm)
        if clipping:
            clip_coef = float(max_norm) / (total_norm + 1e-6)
            coef = min(clip_coef, 1.0)
            coefs.append(clip_coef)
            clamped.append(coef)
            grads = {n: g * coef for n, g in grads.items()}
        else:
            coefs.append(None)
            clamped.append(1.0)

        s = t0 + index  # scheduler steps taken before this optimizer step
        lr = lr0 * lr_lambda(schedule, s, warmup, total)
        lrs.append(lr)
        t = s + 1  # AdamW's step count after this step
        for n in names:
            decay = 0.0 if n in no_decay else weight_decay
            theta = params[n] * (1.0 - lr * decay)
            exp_avg[n] = beta1 * exp_avg[n] + (1.0 - beta1) * grads[n]
            exp_avg_sq[n] = beta2 * exp_avg_sq[n] + (1.0 - beta2) * grads[n] * grads[n]
            m_hat = exp_avg[n] / (1.0 - beta1**t)
            v_hat = exp_avg_sq[n] / (1.0 - beta2**t)
            params[n] = theta - lr * m_hat / (np.sqrt(v_hat) + eps)

    out = request.get("out", {})
    for n, path in out.items():
        if n not in params:
            raise ValueError(f"out names an unknown parameter {n!r}")
        write_f32(path, params[n])
    state_out = request.get("state_out")
    if state_out:
        for n, path in state_out.get("exp_avg", {}).items():
            write_f32(path, exp_avg[n])
        for n, path in state_out.get("exp_avg_sq", {}).items():
            write_f32(path, exp_avg_sq[n])
    return {
        "lr_per_step": lrs,
        "grad_norm_per_step": norms,
        "clip_coef_per_step": coefs,
        "clip_coef_clamped_per_step": clamped,
        "final_step": t0 + len(request["steps"]),
    }


# ---------------------------------------------------------------------------------------------
# Self-test


def self_test():
    checks = []

    def check(name, actual, expected, tolerance=1e-12):
        ok = abs(actual - expected) <= tolerance * max(1.0, abs(expected))
        checks.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {actual!r} (expected {expected!r})")

    with tempfile.TemporaryDirectory() as temp:

        def file(name, values):
            path = os.path.join(temp, name)
            write_f32(path, values)
            return path

        # 1. One scalar parameter, two steps, by hand. theta0 = 1, g = 0.5 then -0.25; lr 0.1,
        # warm-up 1 of 3 steps, cosine; betas (0.9, 0.999), eps 1e-8, weight decay 0.1,
        # max_grad_norm 0.4.
        # Step 0: lr = 0.1 * 0/1 = 0. norm 0.5, clip_coef = 0.4/0.500001, g' = 0.5*clip_coef.
        #   m1 = 0.1 g', v1 = 0.001 g'^2; theta1 = 1*(1 - 0*0.1) - 0*... = 1.
        # Step 1: lr = 0.1 * 0.5*(1 + cos(pi * 0)) = 0.1 (progress (1-1)/(3-1) = 0). norm 0.25,
        #   clip_coef = 0.4/0.250001 > 1, so g = -0.25 unchanged.
        #   m2 = 0.9 m1 - 0.025, v2 = 0.999 v1 + 0.001 * 0.0625,
        #   theta2 = 1*(1 - 0.1*0.1) - 0.1 * (m2/(1 - 0.9^2)) / (sqrt(v2/(1 - 0.999^2)) + 1e-8)
        #          = 0.99 - 0.1 * (0.010999928/0.19) / (sqrt(2.22339361e-4/0.001999) + 1e-8)
        #          = 0.99 - 0.1 * 0.0578943579 / 0.333504564 = 0.99 - 0.0173594 = 0.9726406
        g1 = 0.5 * (0.4 / 0.500001)
        m1, v1 = 0.1 * g1, 0.001 * g1 * g1
        m2, v2 = 0.9 * m1 - 0.025, 0.999 * v1 + 0.001 * 0.0625
        theta2 = 0.99 - 0.1 * (m2 / 0.19) / (math.sqrt(v2 / 0.001999) + 1e-8)
        out = os.path.join(temp, "out.f32")
        result = run({
            "params": {"w": {"shape": [], "data_file": file("w.f32", 1.0)}},
            "steps": [{"grads": {"w": file("g1.f32", 0.5)}}, {"grads": {"w": file("g2.f32", -0.25)}}],
            "hyper": {"lr": 0.1, "warmup_steps": 1, "total_steps": 3, "schedule": "cosine", "beta1": 0.9,
                      "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.1, "no_decay": [], "max_grad_norm": 0.4},
            "out": {"w": out},
        })
        check("scalar: lr step 0", result["lr_per_step"][0], 0.0)
        check("scalar: lr step 1", result["lr_per_step"][1], 0.1)
        check("scalar: grad norm step 0", result["grad_norm_per_step"][0], 0.5)
        check("scalar: grad norm step 1", result["grad_norm_per_step"][1], 0.25)
        check("scalar: clip_coef step 0 = 0.4/0.500001", result["clip_coef_per_step"][0], 0.4 / 0.500001)
        check("scalar: clamped step 1", result["clip_coef_clamped_per_step"][1], 1.0)
        final = float(np.fromfile(out, dtype="<f4")[0])
        check("scalar: theta after 2 steps (float32 file)", final, float(np.float32(theta2)), 0.0)
        check("scalar: theta after 2 steps vs 0.9726406", final, 0.9726406, 1e-7)

        # Resuming after step 1 with the saved moments gives the same parameter.
        resumed_state = {"exp_avg": {"w": os.path.join(temp, "m.f32")}, "exp_avg_sq": {"w": os.path.join(temp, "v.f32")}}
        hyper = {"lr": 0.1, "warmup_steps": 1, "total_steps": 3, "schedule": "cosine", "beta1": 0.9,
                 "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.1, "no_decay": [], "max_grad_norm": 0.4}
        run({"params": {"w": {"shape": [], "data_file": file("w0.f32", 1.0)}},
             "steps": [{"grads": {"w": os.path.join(temp, "g1.f32")}}], "hyper": hyper,
             "out": {"w": os.path.join(temp, "w1.f32")}, "state_out": resumed_state})
        second = run({"params": {"w": {"shape": [], "data_file": os.path.join(temp, "w1.f32")}},
                      "steps": [{"grads": {"w": os.path.join(temp, "g2.f32")}}], "hyper": hyper,
                      "out": {"w": os.path.join(temp, "w2.f32")}, "state": {"step": 1, **resumed_state}})
        check("resume: lr of the second step", second["lr_per_step"][0], 0.1)
        check("resume: theta (moments round-tripped through float32)",
              float(np.fromfile(os.path.join(temp, "w2.f32"), dtype="<f4")[0]), final, 1e-6)

        # 2. The schedule alone: warm-up 2 of 6 steps, cosine. Past total_steps transformers'
        # lambda is not clamped to 0: progress > 1 and the cosine rises again (step 7: 5pi/4).
        expected = [0.0, 0.5, 1.0, 0.5 * (1 + math.cos(math.pi / 4)), 0.5, 0.5 * (1 + math.cos(3 * math.pi / 4)), 0.0,
                    0.5 * (1 + math.cos(5 * math.pi / 4))]
        for s, value in enumerate(expected):
            check(f"cosine lambda({s}), warm-up 2, total 6", lr_lambda("cosine", s, 2, 6), value)
        check("constant lambda(0) ignores warm-up", lr_lambda("constant", 0, 2, 6), 1.0)
        check("constant_with_warmup lambda(1)", lr_lambda("constant_with_warmup", 1, 2, 6), 0.5)

        # 3. Two parameters: the norm is global (3-4-5), no_decay skips the decay, no clipping.
        result = run({
            "params": {"a": {"shape": [1], "data_file": file("a.f32", [2.0])},
                       "b": {"shape": [1], "data_file": file("b.f32", [2.0])}},
            "steps": [{"grads": {"a": file("ga.f32", [3.0]), "b": file("gb.f32", [-4.0])}}],
            "hyper": {"lr": 0.01, "warmup_steps": 0, "total_steps": 10, "schedule": "constant", "beta1": 0.9,
                      "beta2": 0.95, "eps": 1e-8, "weight_decay": 0.5, "no_decay": ["b"], "max_grad_norm": None},
            "out": {"a": os.path.join(temp, "a-out.f32"), "b": os.path.join(temp, "b-out.f32")},
        })
        check("two params: global grad norm", result["grad_norm_per_step"][0], 5.0)
        unclipped = result["clip_coef_per_step"][0] is None and result["clip_coef_clamped_per_step"][0] == 1.0
        checks.append(unclipped)
        print(f"{'ok  ' if unclipped else 'FAIL'} two params: max_grad_norm null: clip_coef None, factor 1")
        # t = 1: m_hat = g, v_hat = g^2, so the Adam step is lr * g/(|g| + eps) ~ lr * sign(g).
        a = 2.0 * (1 - 0.01 * 0.5) - 0.01 * 3.0 / (3.0 + 1e-8)
        b = 2.0 + 0.01 * 4.0 / (4.0 + 1e-8)
        check("two params: a decays (2*(1 - 0.005) - 0.01)", float(np.fromfile(os.path.join(temp, "a-out.f32"), "<f4")[0]), float(np.float32(a)), 0.0)
        check("two params: b in no_decay (2 + 0.01)", float(np.fromfile(os.path.join(temp, "b-out.f32"), "<f4")[0]), float(np.float32(b)), 0.0)

    print(f"{sum(checks)}/{len(checks)} checks passed")
    return all(checks)


def main():
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(0 if self_test() else 1)
    if len(sys.argv) > 1:
        sys.exit("usage: adamw_steps.py < request.json, or adamw_steps.py --self-test")
    json.dump(run(json.load(sys.stdin)), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
