import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tooling/tsup-library.ts';

// `shims` gives the CommonJS build an import.meta.url (createTinyQwen2 resolves the tokenizer).
export default defineConfig(libraryBuild(['src/index.ts'], { shims: true }));
