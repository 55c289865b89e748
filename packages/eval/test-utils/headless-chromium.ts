import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = '/usr/bin/chromium';

/**
 * Debian's Chromium, installed with apt-get when missing (CI runs as root with Debian's
 * packages reachable). Returns the binary, or why it is not there.
 */
export function headlessChromium(): { path: string } | { missing: string } {
  if (existsSync(chromium)) return { path: chromium };
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 240_000,
  });
  if (existsSync(chromium)) return { path: chromium };
  return {
    missing: `apt-get install chromium failed: ${install.error?.message ?? install.stderr.slice(-300)}`,
  };
}

/** Loads a page headless and returns its DOM and Chromium's console log. */
export function loadPage(path: string, url: string): { dom: string; log: string } {
  const run = spawnSync(
    path,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--enable-logging=stderr',
      '--v=0',
      '--dump-dom',
      url,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return { dom: run.stdout, log: run.stderr };
}
