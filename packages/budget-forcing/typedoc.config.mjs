import { packageTypedocOptions } from '../../tooling/typedoc-entry-points.mjs';

export default packageTypedocOptions(import.meta.url, {
  // Structural stand-ins for the types of optional peers (node-llama-cpp, transformers.js, the AI
  // SDK's V2 and V3 specifications), declared so the package depends on none of them: their own
  // documentation is the peer's, and the reference names them without a page. Also the zod shape
  // behind `thinkingOptionsSchema`, whose fields are documented as `ThinkingOptions`.
  intentionallyNotExported: [
    'src/ai-sdk/budget-forcing-middleware.ts:MiddlewareV2',
    'src/ai-sdk/budget-forcing-middleware.ts:MiddlewareV3',
    'src/ai-sdk/language-model.ts:CallOptions',
    'src/ai-sdk/language-model.ts:ModelGenerateResult',
    'src/ai-sdk/language-model.ts:ModelStreamResult',
    'src/ai-sdk/language-model.ts:ModelWarning',
    'src/controller/options.ts:thinkingShape',
    'src/llama-cpp/node-llama-cpp-module.ts:LlamaModelLike',
    'src/transformers/transformers-module.ts:TransformersCausalLM',
    'src/transformers/transformers-module.ts:TransformersTensor',
  ],
});
