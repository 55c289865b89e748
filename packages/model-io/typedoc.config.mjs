import { packageTypedocOptions } from '../../tooling/typedoc-entry-points.mjs';

export default packageTypedocOptions(import.meta.url, {
  // The ggml tensor type ids (0 F32, 1 F16) are described where `GgufTensorInfo.type` is; the
  // enum stays internal, since with `tensorTypes: 'any'` the ids go beyond it.
  intentionallyNotExported: ['src/gguf/gguf-format.ts:GgmlType'],
});
