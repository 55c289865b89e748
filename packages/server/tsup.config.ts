import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tooling/tsup-library.ts';

export default defineConfig(libraryBuild(['src/index.ts']));
