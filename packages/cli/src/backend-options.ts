import { type Command, Option } from 'commander';

/** The options that choose where the model runs, shared by `s1 generate` and `s1 eval`. */
export function addBackendOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--runtime <runtime>',
        'where the model runs: an OpenAI-compatible server, or in-process',
      )
        .choices(['openai', 'onnxruntime', 'transformers', 'llama-cpp'])
        .default('openai'),
    )
    .option('--base-url <url>', 'the API root, e.g. http://localhost:8000/v1 (--runtime openai)')
    .option('--model <name>', 'the model the server serves (--runtime openai)')
    .option(
      '--model-path <path>',
      'a model folder (onnxruntime, transformers) or a GGUF file (llama-cpp)',
    )
    .option('--api-key <key>', 'API key (default: $S1_API_KEY or $OPENAI_API_KEY)')
    .addOption(
      new Option('--server <kind>', 'the server, which decides the fields sent')
        .choices(['vllm', 'sglang', 'llama.cpp', 'ollama', 'openai'])
        .default('vllm'),
    )
    .option(
      '--context-length <tokens>',
      "tokens the model holds, prompt and generation together (default: asked of vLLM, SGLang and llama.cpp servers; the model's config.json in-process)",
    );
}
