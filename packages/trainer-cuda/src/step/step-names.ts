/** ONNX opset of the training graphs (the reductions take their axes as an input). */
export const trainingOpset = 18;

/** Names of the training graphs' inputs and outputs. */
export const stepNames = {
  /** A parameter's input: `param.<name>`. */
  parameter: (name: string) => `param.${name}`,
  /** Adam's first moment of a parameter: `adam_m.<name>`. */
  firstMoment: (name: string) => `adam_m.${name}`,
  /** Adam's second moment of a parameter: `adam_v.<name>`. */
  secondMoment: (name: string) => `adam_v.${name}`,
  /** The value an input has after the step(s). */
  next: (input: string) => `next.${input}`,
  /** A parameter's gradient output (checks only): `grad.<name>`. */
  gradient: (name: string) => `grad.${name}`,
  /** The batch inputs, in order. */
  batch: ['input_ids', 'position_ids', 'segment_ids', 'labels'] as const,
};
