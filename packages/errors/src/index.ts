export { OutputExistsError } from './output-exists-error';
export { S1Error } from './s1-error';
export { writeFileAtomically } from './write-file-atomically';
export { writeFolderAtomically } from './write-folder-atomically';
