/**
 * Test doubles: scripted models, a deterministic in-memory backend over them, and a loopback
 * vLLM-compatible server with seeded faults. Needs no test runner.
 *
 * @module @s1/budget-forcing/testing
 */
export {
  createScriptedBackend,
  type ScriptedBackendOptions,
  type ScriptedCall,
} from './scripted-backend';
export {
  createCyclicModel,
  createThinkingScript,
  type ScriptedModel,
  type ScriptedThought,
  type ThinkingScriptOptions,
} from './scripted-model';
export {
  type Fault,
  type RecordedRequest,
  startVllmCompatibleServer,
  type VllmCompatibleServerOptions,
} from './vllm-compatible-server';
