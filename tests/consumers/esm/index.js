// The ESM consumer: imports every entry point of the packed packages, then runs exercise.cjs.
// Usage: node index.js <work folder> <result file>
import { writeFileSync } from 'node:fs';
import * as budgetForcing from '@s1/budget-forcing';
import * as aiSdk from '@s1/budget-forcing/ai-sdk';
import * as llamaCpp from '@s1/budget-forcing/llama-cpp';
import * as onnxruntime from '@s1/budget-forcing/onnxruntime';
import * as openai from '@s1/budget-forcing/openai';
import * as testing from '@s1/budget-forcing/testing';
import * as transformers from '@s1/budget-forcing/transformers';
import * as chatTemplate from '@s1/chat-template';
import * as cli from '@s1/cli';
import * as errors from '@s1/errors';
import * as evaluation from '@s1/eval';
import * as modelIo from '@s1/model-io';
import * as selection from '@s1/selection';
import * as selectionBlocks from '@s1/selection/building-blocks';
import * as server from '@s1/server';
import * as sftData from '@s1/sft-data';
import * as trainer from '@s1/trainer-cuda';
import exercise from './exercise.cjs';

const [workFolder, resultFile] = process.argv.slice(2);
const tokenizerFolder = errors.resolveQwen25TokenizerFolder(import.meta.url);
const modules = {
  errors,
  chatTemplate,
  budgetForcing,
  openai,
  testing,
  onnxruntime,
  llamaCpp,
  transformers,
  aiSdk,
  modelIo,
  sftData,
  trainer,
  selection,
  selectionBlocks,
  evaluation,
  server,
  cli,
};
const result = await exercise(modules, { tokenizerFolder, workFolder });
writeFileSync(resultFile, JSON.stringify({ module: 'esm', node: process.version, ...result }));
