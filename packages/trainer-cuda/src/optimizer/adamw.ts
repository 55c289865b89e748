import type { Ops } from '../autodiff/ops';
import type { Tensor } from '../autodiff/tensor';

/** AdamW's hyper-parameters (the learning rate comes with each step). */
export interface AdamWSettings {
  /** Decay of the first moment. */
  beta1: number;
  /** Decay of the second moment. */
  beta2: number;
  /** Added to the second moment's square root. */
  eps: number;
  /** Decoupled weight decay, applied to the parameters that decay. */
  weightDecay: number;
}

/** The step's scalars shared by every parameter: the learning rate and Adam's bias corrections. */
export interface AdamWStep {
  learningRate: Tensor;
  /** 1 − β1^t, t counting optimizer steps from 1. */
  firstCorrection: Tensor;
  /** √(1 − β2^t). */
  secondCorrectionRoot: Tensor;
}

/** Adam's bias corrections at step `t` (a float scalar counting from 1). */
export function adamWStep(
  ops: Ops,
  settings: AdamWSettings,
  learningRate: Tensor,
  t: Tensor,
): AdamWStep {
  const power = (base: number) => {
    const [value] = ops.emitter.node(
      'Pow',
      [ops.scalar(base, t.type), t],
      [{ shape: [], type: t.type }],
    );
    return value as Tensor;
  };
  const one = ops.scalar(1, t.type);
  return {
    learningRate,
    firstCorrection: ops.sub(one, power(settings.beta1)),
    secondCorrectionRoot: ops.sqrt(ops.sub(one, power(settings.beta2))),
  };
}

/**
 * One AdamW update of a parameter, as torch.optim.AdamW computes it: decoupled weight decay
 * (p ← p − lr·λ·p) first, then m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
 * p ← p − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε).
 */
export function adamWUpdate(
  ops: Ops,
  settings: AdamWSettings,
  step: AdamWStep,
  state: { parameter: Tensor; gradient: Tensor; m: Tensor; v: Tensor; decay: boolean },
): { parameter: Tensor; m: Tensor; v: Tensor } {
  const { parameter, gradient, m, v } = state;
  const type = parameter.type;
  const constant = (value: number) => ops.scalar(value, type);
  const decayed =
    state.decay && settings.weightDecay > 0
      ? ops.sub(
          parameter,
          ops.mul(parameter, ops.mul(step.learningRate, constant(settings.weightDecay))),
        )
      : parameter;
  const nextM = ops.add(
    ops.mul(m, constant(settings.beta1)),
    ops.mul(gradient, constant(1 - settings.beta1)),
  );
  const nextV = ops.add(
    ops.mul(v, constant(settings.beta2)),
    ops.mul(ops.mul(gradient, gradient), constant(1 - settings.beta2)),
  );
  const denominator = ops.add(
    ops.div(ops.sqrt(nextV), step.secondCorrectionRoot),
    constant(settings.eps),
  );
  const stepSize = ops.div(step.learningRate, step.firstCorrection);
  return {
    parameter: ops.sub(decayed, ops.mul(stepSize, ops.div(nextM, denominator))),
    m: nextM,
    v: nextV,
  };
}
