export { OutputExistsError } from './output-exists-error';
export { S1Error } from './s1-error';
export { writeFolderAtomically } from './write-folder-atomically';
