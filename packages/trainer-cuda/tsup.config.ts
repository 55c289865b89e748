import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tooling/tsup-library.ts';

// onnxruntime-node is the user's (CPU, or CUDA where they installed it), loaded on first use.
export default defineConfig(libraryBuild(['src/index.ts'], { external: ['onnxruntime-node'] }));
