export { createLlamaCppBackend, type LlamaCppBackendOptions } from './create-llama-cpp-backend';
export type { NodeLlamaCppModule } from './node-llama-cpp-module';
