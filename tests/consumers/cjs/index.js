// The CommonJS consumer: requires every entry point of the packed packages (Node's require(esm)),
// then runs exercise.cjs. Usage: node index.js <work folder> <result file>
const { writeFileSync } = require('node:fs');

const modules = {
  errors: require('@s1/errors'),
  chatTemplate: require('@s1/chat-template'),
  budgetForcing: require('@s1/budget-forcing'),
  openai: require('@s1/budget-forcing/openai'),
  testing: require('@s1/budget-forcing/testing'),
  onnxruntime: require('@s1/budget-forcing/onnxruntime'),
  llamaCpp: require('@s1/budget-forcing/llama-cpp'),
  transformers: require('@s1/budget-forcing/transformers'),
  aiSdk: require('@s1/budget-forcing/ai-sdk'),
  modelIo: require('@s1/model-io'),
  sftData: require('@s1/sft-data'),
  trainer: require('@s1/trainer-cuda'),
  selection: require('@s1/selection'),
  selectionBlocks: require('@s1/selection/building-blocks'),
  evaluation: require('@s1/eval'),
  server: require('@s1/server'),
  cli: require('@s1/cli'),
};

// The conformance suite imports vitest, an optional peer this project does not install: only
// its own subpath needs it.
let conformance;
try {
  require('@s1/budget-forcing/testing/vitest');
  conformance = 'loaded';
} catch (error) {
  conformance = `${error.code}: ${String(error.message).split('\n')[0]}`;
}

const [workFolder, resultFile] = process.argv.slice(2);
const tokenizerFolder = modules.errors.resolveQwen25TokenizerFolder(__filename);
require('./exercise.cjs')(modules, { tokenizerFolder, workFolder }).then(
  (result) => {
    const output = { module: 'commonjs', node: process.version, conformance, ...result };
    writeFileSync(resultFile, JSON.stringify(output));
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
