// `npm run bench:live`: frames per second of the viz app's live view (viz/src/live/) in headless
// Chromium, at 1,000 and 10,000 firms (core-cluster with N0 firms, opened as the user's own
// scenario file). The app is built with Vite into a temporary folder and served on 127.0.0.1.
// Per size: the view plays for 4 s at 1 tick/s (nearly every frame a redraw of the map only) and at
// 30 ticks/s (the engine steps in the frames too); frames/s = frames drawn / seconds. Headless
// Chromium paces requestAnimationFrame at 60 Hz, so 60 is the ceiling. The goal is ≥ 30 frames/s
// at 10,000 firms. Also the time of one redraw (median of 20 steps' frames). Only prints.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserSkipReason, launchBrowser, serveStatic } from '../test/support/browser.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const skip = browserSkipReason();
if (skip) {
  console.log(`bench/live.ts: ${skip}`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'clusterlab-bench-live-'));
const { build } = await import('vite');
await build({ configFile: join(root, 'vite.config.ts'), root: join(root, 'viz'), logLevel: 'warn', build: { outDir: join(work, 'viz'), emptyOutDir: true } });
const server = await serveStatic(join(work, 'viz'));
const session = await launchBrowser();
try {
  const page = await session.context.newPage();
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForFunction(() => typeof window.clusterlab === 'object');
  console.log('Live view, headless Chromium (rAF ≤ 60 Hz), map 1280 px wide, ties shown:');
  for (const n of [1000, 10_000]) {
    // core-cluster with n firms, demand in proportion (5·n/12 per segment), as bench/run.ts scales it.
    const text = `extends: core-cluster\nname: live-${n}\nfirms:\n  generate:\n    count: ${n}\nsegments:\n  count: 12\n  demand: { base: ${(5 * n) / 12}, peak: 0 }\n`;
    const error = await page.evaluate(([name, t]) => window.clusterlab.live.openText(name, t), [`live-${n}.yaml`, text] as const);
    if (error) throw new Error(error);
    const line: string[] = [];
    for (const speed of [1, 30]) {
      await page.evaluate(() => window.clusterlab.live.reset());
      await page.fill('#live-speed', String(speed));
      const f0 = await page.evaluate(() => window.clusterlab.live.frames());
      const t0 = Date.now();
      await page.evaluate(() => window.clusterlab.live.play());
      await page.waitForTimeout(4000);
      await page.evaluate(() => window.clusterlab.live.pause());
      const seconds = (Date.now() - t0) / 1000;
      const frames = (await page.evaluate(() => window.clusterlab.live.frames())) - f0;
      const firms = await page.evaluate(() => window.clusterlab.live.stats().firms);
      line.push(`${speed} tick/s: ${(frames / seconds).toFixed(1)} frames/s (${firms} firms at the end)`);
    }
    // One step + redraw, timed in the page.
    const ms = await page.evaluate(() => {
      const times: number[] = [];
      for (let k = 0; k < 20; k++) {
        const t = performance.now();
        window.clusterlab.live.step(1);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return times[10];
    });
    console.log(`  ${n.toLocaleString('en')} firms: ${line.join('; ')}; one step + redraw ${ms.toFixed(1)} ms (median of 20)`);
  }
} finally {
  await session.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
