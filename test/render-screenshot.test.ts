import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers/paths.js';
import { runProcess } from './helpers/run.js';
import { describeOrSkip } from './helpers/skip.js';

const CHROMIUM = '/usr/bin/chromium';
const noChromium = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is absent (apt-get install chromium)`;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describeOrSkip('preview page in headless Chromium', noChromium, () => {
  test('npm run preview renders the summaries and Chromium takes a non-trivial screenshot', async () => {
    const outDir = join(ROOT, 'preview');
    mkdirSync(outDir, { recursive: true });
    const preview = await runProcess(process.execPath, [join(ROOT, 'scripts', 'preview.mjs'), outDir]);
    expect(preview.stderr).not.toMatch(/Error/);
    expect(preview.code).toBe(0);
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(html).toContain('markdown-alert-caution');
    expect(html).toContain('<table>');
    expect(html).not.toMatch(/<img|<script>alert/);

    const profile = mkdtempSync(join(tmpdir(), 'bisect-report-chromium-'));
    const png = join(outDir, 'screenshot.png');
    rmSync(png, { force: true });
    try {
      const shot = await runProcess(CHROMIUM, [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        `--screenshot=${png}`,
        '--window-size=1100,1600',
        pathToFileURL(join(outDir, 'index.html')).href,
      ]);
      expect(existsSync(png)).toBe(true);
      const data = readFileSync(png);
      expect(data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(pngSize(data)).toEqual({ width: 1100, height: 1600 });
      // A blank or error page compresses to a few kilobytes; the rendered summary does not.
      expect(data.length).toBeGreaterThan(50_000);
      expect(shot.code).toBe(0);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
