/** ONNX opset of the training graphs (the reductions take their axes as an input). */
export const trainingOpset = 18;

/** Names of the training graphs' inputs and outputs. */
export const stepNames = {
  parameter: (name: string) => `param.${name}`,
  firstMoment: (name: string) => `adam_m.${name}`,
  secondMoment: (name: string) => `adam_v.${name}`,
  /** The value an input has after the step(s). */
  next: (input: string) => `next.${input}`,
  gradient: (name: string) => `grad.${name}`,
  batch: ['input_ids', 'position_ids', 'segment_ids', 'labels'] as const,
};
