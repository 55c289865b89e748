import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Node.js versions the tests run on, one per supported release line: 22.12.0, the lowest
 * version the packages' `engines` allow (`>=22.12`), and the newest 24. Binaries come from the
 * npm registry (the `node-<os>-<cpu>` packages hold `bin/node`), so `npm test` needs nothing
 * outside the registry; `S1_TEST_NODE_22=/path/to/node` (and `_24`) use a local binary instead.
 */
export const testNodeVersions = { 22: '22.12.0', 24: '24.21.0' } as const;

export type TestNodeMajor = keyof typeof testNodeVersions;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheFolder = join(root, 'node_modules', '.cache', 's1-test-node');
const npm = platform() === 'win32' ? 'npm.cmd' : 'npm';

/** The path of the pinned Node.js binary of a release line, downloaded once into node_modules/.cache. */
export function testNode(major: TestNodeMajor): string {
  const override = process.env[`S1_TEST_NODE_${major}`];
  if (override) return override;
  const version = testNodeVersions[major];
  const os = platform() === 'win32' ? 'win' : platform();
  const folder = join(cacheFolder, `v${version}-${os}-${arch()}`);
  const binary = join(folder, 'bin', os === 'win' ? 'node.exe' : 'node');
  if (existsSync(binary)) return binary;

  const spec = `node-${os}-${arch()}@${version}`;
  mkdirSync(cacheFolder, { recursive: true });
  const scratch = mkdtempSync(join(cacheFolder, 'download-'));
  try {
    // npm pack checks the tarball against the registry's integrity hash and keeps it in the npm cache.
    const pack = spawnSync(
      npm,
      ['pack', spec, '--pack-destination', scratch, '--prefer-offline', '--silent'],
      { cwd: scratch, encoding: 'utf8', shell: platform() === 'win32' },
    );
    const tarball = pack.stdout.trim().split('\n').at(-1);
    if (pack.status !== 0 || !tarball) {
      throw new Error(
        `could not download Node.js ${version} as ${spec} from the npm registry: ${pack.stderr}\n` +
          `Set S1_TEST_NODE_${major} to the path of a Node.js ${major} binary to use one you have.`,
      );
    }
    const untar = spawnSync('tar', ['-xzf', tarball, '-C', scratch], {
      cwd: scratch,
      encoding: 'utf8',
    });
    if (untar.status !== 0) throw new Error(`could not unpack ${tarball}: ${untar.stderr}`);
    try {
      renameSync(join(scratch, 'package'), folder);
    } catch (error) {
      // Another process unpacked the same version first.
      if (!existsSync(binary)) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return binary;
}

/** Every pinned binary, downloaded, as the environment variables `testNode` reads. */
export function testNodeEnvironment(): Record<string, string> {
  return Object.fromEntries(
    Object.keys(testNodeVersions).map((major) => [
      `S1_TEST_NODE_${major}`,
      testNode(Number(major) as TestNodeMajor),
    ]),
  );
}

// `tsx tooling/test-node.ts <major> <command> [args…]`: runs the command with that Node.js first
// on PATH (so `#!/usr/bin/env node` scripts, such as node_modules/.bin/vitest, and child processes
// started as `node` or with process.execPath use it), with every pinned binary named in the
// environment for tests that run code on each. Scratch files of the run (os.tmpdir() in the tests
// and their child processes) go to one folder, removed when the command ends, so no test, however
// it ends, leaves its temporary models and datasets behind.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [major, command, ...args] = process.argv.slice(2);
  if (!(major && major in testNodeVersions) || !command) {
    console.error(
      `usage: tsx tooling/test-node.ts <${Object.keys(testNodeVersions).join('|')}> <command> [args…]`,
    );
    process.exit(2);
  }
  const environment = testNodeEnvironment();
  const binary = testNode(Number(major) as TestNodeMajor);
  const bins = join(root, 'node_modules', '.bin');
  const scratch = mkdtempSync(join(tmpdir(), 's1-test-run-'));
  const child = spawn(command, args, {
    stdio: 'inherit',
    shell: platform() === 'win32',
    env: {
      ...process.env,
      ...environment,
      PATH: [dirname(binary), bins, process.env.PATH].join(delimiter),
      TMPDIR: scratch,
      TMP: scratch,
      TEMP: scratch,
    },
  });
  child.on('exit', (code, signal) => {
    rmSync(scratch, { recursive: true, force: true });
    if (signal) process.kill(process.pid, signal);
    process.exit(code ?? 1);
  });
}
