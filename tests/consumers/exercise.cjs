// Calls every package and subpath of the SDK as an application would, and returns what the
// calls gave for packed-packages.test.ts to check. The consumer projects load the packages (ESM
// with `import`, CommonJS with `require`) and pass them in, so both run exactly these calls.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const thoughts = ['\nFirst, 17 × 3 = 51.\n', ' Check: 50 + 1 = 51.\n', ' Sure.\n'];
const messages = [{ role: 'user', content: 'What is 17 × 3?' }];

/** The error a promise rejects with, or undefined. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

const described = (error) => ({
  s1Error: Boolean(error?.name?.startsWith('S1_')),
  name: error?.name,
  message: String(error?.message),
});

module.exports = async function exercise(m, { tokenizerFolder, workFolder }) {
  const out = {};

  // @s1/errors and @s1/chat-template
  const unknownPreset = await rejection(
    (async () => m.chatTemplate.createChatTemplate({ preset: 'nope' }))(),
  );
  out.errors = {
    crossPackage: m.errors.S1Error.isInstance(unknownPreset),
    own: m.errors.S1Error.isInstance(new m.errors.S1Error({ name: 'S1_Test', message: 'test' })),
  };
  const template = m.chatTemplate.createChatTemplate({ preset: 's1' });
  const prompt = template.render(messages, { addGenerationPrompt: true, start_thinking: true });
  const tokenizer = await m.chatTemplate.loadTokenizer(tokenizerFolder);
  out.chatTemplate = {
    prompt,
    promptTokens: tokenizer.encode(prompt).length,
    split: m.chatTemplate.splitReasoning(
      '<|im_start|>think\n17 × 3 = 51.\n<|im_start|>answer\nAnswer: 51',
      's1',
    ),
  };

  // @s1/budget-forcing over HTTP: the OpenAI-compatible backend against the loopback vLLM server.
  const model = m.testing.createThinkingScript({
    tokenizer,
    thoughts,
    answer: 'The answer is 51.',
  });
  const server = await m.testing.startVllmCompatibleServer({ model, tokenizer });
  try {
    const backend = m.openai.createOpenAICompatibleBackend({
      baseURL: server.baseURL,
      model: 's1',
      tokenizer,
    });
    const controller = m.budgetForcing.createBudgetForcing({
      backend,
      thinking: { max: 200, ignoreEnd: 1 },
    });
    const result = await controller.generate({ messages });
    out.budgetForcing = {
      answer: result.answer,
      thinking: result.thinking,
      ignoredEnds: result.ignoredEnds,
      rounds: result.rounds,
      thinkingEnd: result.thinkingEnd,
    };
    const samples = await m.budgetForcing.sampleN({
      n: 4,
      concurrency: 2,
      run: (index) => controller.generate({ messages, sampling: { temperature: 1, seed: index } }),
    });
    out.sampleN = samples.map((sample) => sample.answer);

    // @s1/server: an OpenAI-compatible server over the same backend, asked as a client would.
    const served = await m.server
      .createBudgetForcingServer({ backend, model: 's1', thinking: { max: 200 } })
      .listen();
    try {
      const response = await fetch(`${served.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 's1', messages, num_ignore: 1 }),
      });
      const body = await response.json();
      out.server = {
        status: response.status,
        reasoning: body.choices[0].message.reasoning_content,
        content: body.choices[0].message.content,
        reasoningTokens: body.usage.completion_tokens_details.reasoning_tokens,
      };
    } finally {
      await served.close();
    }
  } finally {
    await server.close();
  }

  // The in-process runtimes are optional peers, loaded on first use: without them, a clear error.
  const runtimes = {
    onnxruntime: () => m.onnxruntime.createOnnxRuntimeBackend({ model: workFolder }),
    llamaCpp: () => m.llamaCpp.createLlamaCppBackend({ model: join(workFolder, 'model.gguf') }),
    transformers: () => m.transformers.createTransformersBackend({ model: workFolder }),
  };
  out.runtimes = {};
  for (const [name, create] of Object.entries(runtimes)) {
    out.runtimes[name] = described(await rejection(create()));
  }
  const middleware = m.aiSdk.budgetForcingMiddleware({ tokenizer });
  out.aiSdk = {
    wrapGenerate: typeof middleware.wrapGenerate,
    wrapStream: typeof middleware.wrapStream,
  };

  // @s1/sft-data: tokenization in worker threads (tinypool loads the built worker file).
  const records = Array.from({ length: 6 }, (_, index) => ({
    question: `What is ${index} × 7?`,
    thinking: `${index} × 7 = ${index * 7}.`,
    answer: String(index * 7),
  }));
  const inWorkers = await m.sftData.tokenizeRecords(records, {
    tokenizer: tokenizerFolder,
    workers: 2,
    chunkSize: 2,
  });
  const inThread = await m.sftData.tokenizeRecords(records, {
    tokenizer: tokenizerFolder,
    workers: 1,
  });
  out.sftData = {
    examples: inWorkers.length,
    sameAsInThread: JSON.stringify(inWorkers) === JSON.stringify(inThread),
    trainedTokens: inWorkers[0].labels.filter((label) => label !== -100).length,
  };

  // @s1/model-io: a tiny random Qwen2 as a Hugging Face folder with its ONNX export.
  const tiny = m.modelIo.createTinyQwen2({ layers: 1, hidden: 16, heads: 2, kvHeads: 1, seed: 0 });
  const modelFolder = join(workFolder, 'tiny-qwen2');
  await m.modelIo.writeModelFolder({ folder: modelFolder, ...tiny });
  out.modelIo = {
    files: ['config.json', 'model.safetensors', 'tokenizer.json', 'onnx/model.onnx'].filter(
      (file) => existsSync(join(modelFolder, file)),
    ),
    layers: tiny.architecture.layers,
  };

  // @s1/trainer-cuda: the looped training graph of that model and an FSDP plan; training itself
  // needs onnxruntime-node, an optional peer these projects leave out, and says so.
  const compiled = m.trainer.compileTrainingGraph({
    architecture: tiny.architecture,
    rows: 1,
    positions: 8,
    accumulation: 2,
    steps: 2,
    optimizer: { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 1e-4, maxGradNorm: 1 },
  });
  const example = {
    input_ids: [151644, 872, 198, 16, 151645],
    labels: [-100, -100, 198, 16, 151645],
  };
  const plan = await m.trainer.writeFsdpPlan({
    out: join(workFolder, 'fsdp-plan'),
    model: modelFolder,
    data: [example],
    gpusPerNode: 2,
  });
  const trainingData = join(workFolder, 'train.jsonl');
  require('node:fs').writeFileSync(trainingData, JSON.stringify(example));
  const training = await rejection(
    m.trainer.train({ model: modelFolder, data: trainingData, outDir: join(workFolder, 'run') }),
  );
  out.trainer = {
    parameters: compiled.parameters.length,
    loops: compiled.model.graph.node.filter((node) => node.opType === 'Loop').length,
    planFiles: ['train_fsdp.py', 'accelerate_fsdp.yaml', 'plan.json', 'README.md'].filter((file) =>
      existsSync(join(workFolder, 'fsdp-plan', file)),
    ),
    planSteps: plan.plan.steps.total,
    training: described(training),
  };

  // @s1/selection: quality, decontamination and the s1 sampler on a few records.
  const question = (index) =>
    `Question ${index}: ${Array.from({ length: 10 }, (_, word) => `w${index * 31 + word * 7}`).join(' ')}?`;
  const pool = [
    ...Array.from({ length: 6 }, (_, index) => ({
      question: question(index),
      solution: 'worked solution',
      source_type: 'qfq/openaimath/Counting',
      thinking_trajectories: ['x'.repeat(100 + index)],
      domain: index % 2 === 0 ? 'Combinatorics' : 'Geometry',
    })),
    {
      question: 'Find the area. [asy] draw(unitsquare); [/asy]',
      solution: '1',
      source_type: 'qfq/openaimath/Geometry',
      thinking_trajectories: ['t'],
      domain: 'Geometry',
    },
  ];
  const selection = m.selection.createSelection({
    accessors: m.selection.s1KAccessors,
    stages: [
      m.selection.qualityStage(),
      m.selection.decontaminationStage({
        evalSets: [{ name: 'bench', questions: [`Restated: ${question(5)}`] }],
      }),
      m.selection.domainStage(),
      m.selection.samplingStage({ n: 3, seed: 0 }),
    ],
  });
  const selected = await selection.run(pool);
  out.selection = {
    counts: selected.report.counts.map(({ records }) => records),
    dropped: selected.dropped.map(({ stage }) => stage),
    ngrams: m.selectionBlocks.wordNgrams('One, two  THREE four', 2),
  };

  // @s1/eval: a sweep through the scripted backend, graded offline, and a report with its plot.
  const problems = [0, 1, 2].map((index) => ({
    id: `p${index}`,
    prompt: `What is 17 × 3? (${index})`,
    answer: '51',
    kind: 'math',
  }));
  const boxed = m.testing.createThinkingScript({
    tokenizer,
    thoughts,
    answer: 'The answer is $\\boxed{51}$.',
  });
  const { records: evalRecords } = await m.evaluation.runEval({
    problems,
    backend: m.testing.createScriptedBackend({ model: boxed, tokenizer }),
    sweep: m.evaluation.budgetSweep({ max: [8, 64] }),
    output: join(workFolder, 'eval', 'results.jsonl'),
    grade: (problem, text) => m.evaluation.gradeAnswer(problem, text),
  });
  const summary = m.evaluation.summarizeResults(evalRecords, { tokenizer });
  const report = await m.evaluation.writeReport(join(workFolder, 'eval', 'report'), summary, {
    title: 'consumer',
  });
  out.evaluation = {
    records: evalRecords.length,
    accuracy: summary.configs.map((config) => config.accuracy),
    equal: m.evaluation.mathEqual('\\frac{1}{2}', '0.5'),
    svg: readFileSync(report.svg, 'utf8').startsWith('<svg'),
    png: readFileSync(report.png).subarray(1, 4).toString('latin1'),
  };

  // @s1/cli as a library: the program, run in-process.
  let stdout = '';
  const io = {
    stdout: { write: (text) => (stdout += text) },
    stderr: { write: () => undefined },
    stdin: undefined,
    color: false,
    env: {},
  };
  out.cli = { code: await m.cli.runCli(['--help'], io), stdout: stdout.trim() };

  return out;
};
