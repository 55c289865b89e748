import { createRequire } from 'node:module';
import { Command, Option } from 'commander';
import { addBackendOptions } from './backend-options';
import type { CliIO } from './cli-io';

// Each command's module, and the libraries it needs (ONNX Runtime, Vega, the tokenizers), loads
// only when that command runs: `s1 --help` and a mistyped flag answer at once.
const commands = {
  demo: () => import('./commands/demo'),
  evaluate: () => import('./commands/eval'),
  format: () => import('./commands/format'),
  generate: () => import('./commands/generate'),
  modelCreateTiny: () => import('./commands/model-create-tiny'),
  select: () => import('./commands/select'),
  serve: () => import('./commands/serve'),
  train: () => import('./commands/train'),
};

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

// Flags that several commands declare alike; commander needs a new Option for each command.
const formatOption = () =>
  new Option('--format <format>', 'how thinking is delimited')
    .choices(['s1', 'think-tags'])
    .default('s1');
const modeOption = (description: string) =>
  new Option('--mode <mode>', description).choices(['exact', 'harness', 'readme']).default('exact');

/** The `s1` command line. */
export function createProgram(io: CliIO): Command {
  const program = new Command('s1')
    .description('s1: simple test-time scaling — budget forcing, data, training and evaluation')
    .version(packageVersion(), '-V, --version', 'print the version of s1')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();

  addBackendOptions(
    program
      .command('generate')
      .description(
        'one budget-forced generation, against an OpenAI-compatible server or in-process (ONNX Runtime, transformers.js, llama.cpp)',
      ),
  )
    .option('--raw', 'send the prompt as is: no chat template, no thinking control')
    .option('--max-tokens <tokens>', 'most tokens with --raw (default 256)')
    .option('--prompt <text>', 'the question (default: read standard input)')
    .option('--system <text>', 'a system message')
    .option('--tokenizer <folder>', 'a folder with tokenizer.json (default: the server /tokenize)')
    .option('--chat-template <path>', 'a model folder or template file (default: the s1 preset)')
    .addOption(formatOption())
    .option('--max-thinking <tokens>', 'thinking budget in tokens, or "auto"')
    .option(
      '--min-thinking <tokens>',
      'fewest thinking tokens: earlier ends are replaced by the continuation',
    )
    .option('--ignore <count>', 'how many ends of thinking to suppress')
    .option(
      '--continuation <text>',
      'appended after a suppressed end (repeat for a list used in turn)',
      collect,
    )
    .option(
      '--on-budget <text>',
      'written after the end delimiter when the budget forced it (default: "Final Answer:")',
    )
    .option(
      '--forced-end-text <text>',
      'written before the end delimiter when the budget forced it',
    )
    .option(
      '--word-boundary',
      'let the model finish its word before a forced end (token-stepping backends)',
    )
    .option(
      '--max-answer <tokens>',
      "most answer tokens (default: 32768, cut to what the model's context leaves)",
    )
    .addOption(
      modeOption('fidelity: exact, harness (the s1 eval harness), readme (the s1 README loop)'),
    )
    .option('--temperature <t>', 'sampling temperature (default: 0, greedy)')
    .option('--top-p <p>', 'nucleus sampling')
    .option('--seed <n>', 'sampling seed')
    .option('--stream', 'print thinking and answer as they are generated')
    .option('--json', 'print the result object as JSON')
    .action(async (options: Record<string, unknown>) =>
      (await commands.generate()).generate(options, io),
    );

  addBackendOptions(
    program
      .command('serve')
      .description(
        'an OpenAI-compatible server with s1 thinking control for any OpenAI client, in front of an upstream server or an in-process model',
      ),
    ['baseUrl', 'apiKey'],
  )
    .option(
      '--upstream <url>',
      'an OpenAI-compatible server to serve, e.g. http://localhost:8000/v1',
    )
    .option(
      '--upstream-api-key <key>',
      "the upstream's API key (default: $S1_API_KEY or $OPENAI_API_KEY)",
    )
    .option(
      '--served-model-name <name>',
      'the model name clients use (default: --model, or the model file)',
    )
    .option('--host <host>', 'the address to listen on (default 127.0.0.1: this machine only)')
    .option('--port <port>', 'the port (default 8080; 0 picks a free one)')
    .option(
      '--api-key <key>',
      'require clients to send this bearer token (default: $S1_SERVE_API_KEY)',
    )
    .option('--tokenizer <folder>', 'a folder with tokenizer.json (default: the server /tokenize)')
    .option('--chat-template <path>', 'a model folder or template file (default: the s1 preset)')
    .addOption(formatOption())
    .addOption(modeOption('budget-forcing fidelity'))
    .option('--max-thinking <tokens>', 'the thinking budget of requests that set none')
    .option('--min-thinking <tokens>', 'the fewest thinking tokens of requests that set none')
    .option('--ignore <count>', 'ends of thinking to suppress, for requests that set none')
    .option('--continuation <text>', 'appended after a suppressed end (repeat for a list)', collect)
    .option(
      '--on-budget <text>',
      'written after a forced end of thinking (default "Final Answer:")',
    )
    .option(
      '--effort-budgets <low,medium,high>',
      'the thinking budgets of reasoning_effort (default 1024,2048,8192, as vLLM)',
    )
    .option(
      '--max-answer <tokens>',
      'the answer limit of requests without max_tokens (default 32768)',
    )
    .option('--concurrency <n>', 'generations at once (default 16 upstream, 1 in-process)')
    .action(async (options: Record<string, unknown>) =>
      (await commands.serve()).serve(options, io),
    );

  const model = program.command('model').description('write and inspect models');
  model
    .command('create-tiny')
    .description(
      'write a tiny random Qwen2 model (Qwen2.5 or byte vocabulary) as safetensors, ONNX and GGUF',
    )
    .requiredOption('--out <folder>', 'the folder to write')
    .option('--layers <n>', 'decoder layers (default 2)')
    .option('--hidden <n>', 'hidden size (default 64)')
    .option('--heads <n>', 'attention heads (default 4)')
    .option('--kv-heads <n>', 'key/value heads (default 2)')
    .option('--intermediate <n>', 'MLP size (default 2 × --hidden)')
    .option('--tie-embeddings', 'share the embeddings with the output head')
    .addOption(
      new Option(
        '--vocabulary <name>',
        'qwen2.5: the real Qwen2.5 tokenizer (151,665 tokens); bytes: the 256 bytes and the s1 special tokens (260 tokens), for models that train fast',
      )
        .choices(['qwen2.5', 'bytes'])
        .default('qwen2.5'),
    )
    .option('--context-length <n>', 'the longest sequence the model takes (default 4096)')
    .option('--seed <n>', 'weight seed (default 0)')
    .addOption(
      new Option('--gguf <type>', 'GGUF matrix type').choices(['F32', 'F16']).default('F32'),
    )
    .option('--force', 'replace the --out folder if it exists')
    .action(async (options: Record<string, unknown>) =>
      (await commands.modelCreateTiny()).modelCreateTiny(options, io),
    );

  program
    .command('demo')
    .description(
      's1 in miniature: select a training set, fine-tune a tiny Qwen2 on the CPU, budget-force it and report how accuracy follows the thinking budget',
    )
    .option('--quick', 'a smaller model, pool and sweep: under a minute')
    .option('--seed <n>', 'the task, the selection, the weights and the order (default 0)')
    .option('--steps <n>', 'optimizer steps of training (default 1000; 600 with --quick)')
    .option('--layers <n>', 'decoder layers (default 2)')
    .option('--hidden <n>', 'hidden size, a multiple of 4 (default 128)')
    .option(
      '--budgets <tokens>',
      'thinking budgets, comma-separated (default 2,4,6,8,12,16,24; 2,6,12,24 with --quick)',
    )
    .option(
      '--ignore <counts>',
      'ends suppressed with "Wait", without a cap (default 1,2; 1 with --quick)',
    )
    .option('--out <folder>', 'results.jsonl and report/ go here', 's1-demo')
    .option(
      '--cache <folder>',
      'trained models, keyed by the settings (default: the user cache, s1/demo)',
    )
    .action(async (options: Record<string, unknown>) => (await commands.demo()).demo(options, io));

  addBackendOptions(program.command('eval'))
    .description('a budget sweep over a benchmark, graded offline, resumable, with a report')
    .argument(
      '<file>',
      'the benchmark file (AIME or MATH-500 JSONL, GPQA CSV, or id/problem/answer JSONL)',
    )
    .addOption(
      new Option('--benchmark <name>', 'how to read the file and grade answers')
        .choices(['aime', 'math500', 'gpqa', 'problems'])
        .makeOptionMandatory(),
    )
    .requiredOption('--out <folder>', 'results.jsonl and the report/ folder go here')
    .option('--tokenizer <folder>', 'a folder with tokenizer.json (default: Qwen2.5)')
    .option('--max <list>', 'thinking budgets to sweep, e.g. 512,1024,2048')
    .option('--ignore <list>', 'ends of thinking to suppress, e.g. 0,1,2,4')
    .option('--continuation <text>', 'continuation strings to sweep (repeat the flag)', collect)
    .option('--samples <k>', 'samples per problem and configuration, for maj@k (default 1)')
    .option('--temperature <t>', 'sampling temperature (default 0, greedy)')
    .option('--seed <n>', 'the seed of sample 0; sample i uses seed + i')
    .option(
      '--max-answer <tokens>',
      "most answer tokens (default: 32768, cut to what the model's context leaves)",
    )
    .option('--concurrency <n>', 'generations in flight (default 8)')
    .addOption(modeOption('budget-forcing fidelity'))
    .addOption(
      new Option(
        '--fidelity <fidelity>',
        'answer extraction: fixed, or reference (the s1 harness without its judge)',
      )
        .choices(['fixed', 'reference'])
        .default('fixed'),
    )
    .option('--limit <n>', 'the first n problems only')
    .option('--resume', 'continue the results file in --out')
    .option('--title <text>', 'the report title')
    .action(async (file: string, options: Record<string, unknown>) =>
      (await commands.evaluate()).evaluate(file, options, io),
    );

  program
    .command('select')
    .description(
      'the s1 selection (quality, decontamination, difficulty, diversity) with a reason for every record dropped',
    )
    .requiredOption(
      '--input <files>',
      'pools: .jsonl, .json or .parquet files or dataset folders, comma-separated',
    )
    .option(
      '--eval-sets <files>',
      'evaluation sets to decontaminate against (fields problem or question)',
    )
    .option(
      '--stages <list>',
      'stages in order (default quality,decontaminate,difficulty,diversity)',
    )
    .option('--n <count>', 'records to select (default 1000)')
    .option('--seed <n>', 'sampling seed (default 0)')
    .addOption(
      new Option('--method <method>', 'the sampler, or a Table 2 ablation')
        .choices(['s1', 'random', 'diverse', 'longest', 'full'])
        .default('s1'),
    )
    .option(
      '--solved-fields <list>',
      'flags that mark a question as too easy (default isqwen7bcorrect,isqwen32bcorrect)',
    )
    .requiredOption('--out <folder>', 'selected.jsonl, dropped.jsonl and report.json go here')
    .option('--tokenizer <folder>', 'trace lengths in its tokens (default Qwen2.5)')
    .option(
      '--id-field <name>',
      'record id (default: id; records without one are keyed by the hash of their question)',
    )
    .option('--question-field <name>', 'default question')
    .option(
      '--trace-field <name>',
      'default thinking_trajectories, or thinking for { question, thinking, answer } records',
    )
    .option(
      '--answer-field <name>',
      'default solution, or answer for { question, thinking, answer } records',
    )
    .option('--source-field <name>', 'default source_type')
    .option('--domain-field <name>', 'default domain')
    .action(async (options: Record<string, unknown>) =>
      (await commands.select()).select(options, io),
    );

  program
    .command('format')
    .description(
      'records (s1K, s1K-1.1 or question/thinking/answer; JSONL, JSON, Parquet or a Hugging Face dataset folder) to a tokenized SFT set with loss masks, and a length report',
    )
    .argument('<input>', 'a .jsonl, .json or .parquet file, or a dataset folder (data/train-*)')
    .requiredOption(
      '--out <file>',
      'the tokenized set: .parquet (Hugging Face datasets, TRL) or .jsonl',
    )
    .option('--tokenizer <folder>', 'a folder with tokenizer.json (default: Qwen2.5, as s1)')
    .addOption(
      new Option('--schema <schema>', 'the row schema')
        .choices(['auto', 's1k', 's1k-1.1', 'sft'])
        .default('auto'),
    )
    .addOption(
      new Option('--traces <traces>', 'which s1K-1.1 traces to train on')
        .choices(['deepseek', 'gemini'])
        .default('deepseek'),
    )
    .addOption(formatOption())
    .option('--system <text>', "a system prompt (default: the template's)")
    .option('--block-size <tokens>', 'longer examples are cut at the end (default 32768)')
    .option(
      '--block-sizes <list>',
      'block sizes the report shows cut-offs for (default 4096,8192,16384,32768)',
    )
    .option('--workers <n>', 'worker threads (default: cores − 1, at most 8; 1 for small sets)')
    .addOption(
      new Option('--on-invalid <action>', 'an invalid row fails the run or is skipped and reported')
        .choices(['fail', 'skip'])
        .default('fail'),
    )
    .option('--limit <n>', 'read at most this many records')
    .option('--stats <file>', 'also write the report as JSON')
    .action(async (input: string, options: Record<string, unknown>) =>
      (await commands.format()).format(input, options, io),
    );

  program
    .command('train')
    .description(
      "s1's supervised fine-tuning on ONNX Runtime (CPU, or CUDA with --ep cuda); --plan fsdp writes a PyTorch FSDP recipe instead",
    )
    .requiredOption(
      '--model <folder>',
      'a Hugging Face model folder (config.json, model.safetensors, tokenizer)',
    )
    .requiredOption('--data <file>', 'the tokenized set s1 format writes (.parquet or .jsonl)')
    .requiredOption(
      '--out <folder>',
      'metrics.jsonl, the loss curve, checkpoints/ and final/ go here',
    )
    .addOption(
      new Option('--plan <plan>', 'train here, or write the FSDP recipe and data for GPUs')
        .choices(['onnxruntime', 'fsdp'])
        .default('onnxruntime'),
    )
    .option('--epochs <n>', 'passes over the data (default 5, as s1)')
    .option('--max-steps <n>', 'stop after this many optimizer steps')
    .option('--batch-size <n>', 'examples per micro-batch (default 1)')
    .option(
      '--grad-accum <n>',
      'micro-batches per optimizer step (default 16: a global batch of 16, as s1)',
    )
    .option('--lr <rate>', 'peak learning rate (default 1e-5)')
    .option('--warmup-ratio <ratio>', 'linear warm-up over this share of the steps (default 0.05)')
    .option('--weight-decay <decay>', 'AdamW weight decay, not on biases and norms (default 1e-4)')
    .option('--max-grad-norm <norm>', 'clip the global gradient norm; 0 turns it off (default 1)')
    .option(
      '--block-size <tokens>',
      "longer examples are cut (default 32768, or the model's context)",
    )
    .option('--seed <n>', 'the order of examples (default 0)')
    .addOption(
      new Option('--ep <provider>', 'ONNX Runtime execution provider')
        .choices(['cpu', 'cuda'])
        .default('cpu'),
    )
    .addOption(
      new Option(
        '--precision <type>',
        "forward and backward pass precision; bfloat16 (s1's mixed precision) needs --ep cuda",
      )
        .choices(['float32', 'bfloat16'])
        .default('float32'),
    )
    .option('--save-every <steps>', 'checkpoint every this many steps (default 50)')
    .option('--steps-per-call <n>', 'optimizer steps per call of the training graph (default 4)')
    .option('--threads <n>', 'CPU threads (default: the physical cores)')
    .option(
      '--recompute',
      "recompute each layer's activations in the backward pass: less memory, more compute",
    )
    .option('--resume', 'continue the run in --out from its newest checkpoint')
    .option('--no-export', 'skip writing the trained model to --out/final')
    .option('--gpus-per-node <n>', 'with --plan fsdp: GPUs per node (default 8)')
    .option('--nodes <n>', 'with --plan fsdp: nodes (default 1)')
    .action(async (options: Record<string, unknown>) =>
      (await commands.train()).train(options, io),
    );

  return program;
}

// The package's own version; package.json sits one folder above both src/ and dist/.
function packageVersion(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}
