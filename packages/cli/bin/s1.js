#!/usr/bin/env node
// The `s1` executable. It is committed rather than built so that npm links it when the workspace
// is installed, before anything is built (the root `prepare` script then builds dist/).
const entry = new URL('../dist/bin.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && error.url === entry.href) {
    console.error('s1: the command line is not built yet; run `npm run build` in the repository.');
    process.exit(1);
  }
  throw error;
}
