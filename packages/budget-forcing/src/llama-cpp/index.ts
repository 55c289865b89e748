/**
 * The in-process backend on llama.cpp, through node-llama-cpp (an optional peer), for GGUF models.
 *
 * @module @s1/budget-forcing/llama-cpp
 */
export { createLlamaCppBackend, type LlamaCppBackendOptions } from './create-llama-cpp-backend';
export type { NodeLlamaCppModule } from './node-llama-cpp-module';
