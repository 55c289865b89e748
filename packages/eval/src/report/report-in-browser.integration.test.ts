import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headlessChromium, loadPage } from '../../test-utils/headless-chromium';
import { sweepRecords as records } from '../../test-utils/report-records';
import { summarizeResults } from './summarize-results';
import { writeReport } from './write-report';

describe('the HTML report in a browser', () => {
  it('should open in headless Chromium without console errors', async (context) => {
    const chromium = headlessChromium();
    if ('missing' in chromium) return context.skip(chromium.missing);
    const folder = await mkdtemp(join(tmpdir(), 's1-report-'));
    const files = await writeReport(folder, summarizeResults(records), { title: 'scripted sweep' });
    const { dom, log } = loadPage(chromium.path, pathToFileURL(files.html).href);
    expect(dom).toContain('<svg');
    expect(dom).toContain('max=32');
    expect(log).not.toMatch(/CONSOLE|Uncaught/);
  });
});
