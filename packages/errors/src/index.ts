export { FileNotFoundError } from './file-not-found-error';
export { InvalidArgumentError } from './invalid-argument-error';
export { InvalidFileError } from './invalid-file-error';
export { InvalidStateError } from './invalid-state-error';
export { functionSchema, type OptionsOf, objectSchema, type StrictSchema } from './option-schemas';
export { OutputExistsError } from './output-exists-error';
export { resolveQwen25TokenizerFolder } from './qwen25-tokenizer-folder';
export { S1Error } from './s1-error';
export { createSeededRandom, type SeededRandom } from './seeded-random';
export { validate } from './validate';
export { type WorkerPoolOptions, workerPoolOptions } from './worker-pool-options';
export {
  type FileWriter,
  type WriteFileAtomicallyOptions,
  writeFileAtomically,
} from './write-file-atomically';
export {
  type WriteFolderAtomicallyOptions,
  writeFolderAtomically,
} from './write-folder-atomically';
