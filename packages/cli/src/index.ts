export { type CliIO, processIO } from './cli-io';
export { createProgram } from './program';
export { runCli } from './run-cli';
