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
