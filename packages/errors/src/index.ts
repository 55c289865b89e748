export { InvalidArgumentError } from './invalid-argument-error';
export { OutputExistsError } from './output-exists-error';
export { S1Error } from './s1-error';
export { validate } from './validate';
export {
  type FileWriter,
  type WriteFileAtomicallyOptions,
  writeFileAtomically,
} from './write-file-atomically';
export { writeFolderAtomically } from './write-folder-atomically';
