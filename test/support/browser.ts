// Support for the end-to-end tests in a real browser (test/browser/): Debian's Chromium driven by
// playwright-core, a tiny static file server on 127.0.0.1 (ephemeral port), console-error
// collection and screenshots saved under test-output/ (git-ignored).
//
// Without /usr/bin/chromium (or CHROMIUM_PATH) the browser tests are skipped, and the reason is
// printed: they never pass without running. `.ci/run` installs Chromium when it is missing.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Where screenshots (and other artefacts of the browser tests) go. */
export const outputDir = join(repoRoot, 'test-output');

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags the browser tests launch Chromium with (no GPU, no network beyond what a page asks for). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Why the browser tests cannot run here, or null. */
export function browserSkipReason(): string | null {
  if (!existsSync(chromiumPath)) {
    return `browser tests skipped: ${chromiumPath} not found (install Debian's chromium: apt-get install -y chromium, or set CHROMIUM_PATH; .ci/run does this)`;
  }
  return null;
}

/** The reason, printed once per test file, so that a skip is never mistaken for a pass in the logs. */
export function announceSkip(reason: string | null): boolean {
  if (reason !== null) process.stderr.write(`\n*** ${reason}\n\n`);
  return reason !== null;
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh user-data-dir (removed by `close()`). Playwright's
 * `launchPersistentContext` is what takes a user-data-dir; it gives one context.
 */
export async function launchBrowser(): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'clusterlab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });
  const browser = context.browser();
  return {
    browser: browser as Browser,
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Console errors, uncaught page errors and failed requests of a page, as readable lines. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}${m.location().url ? ` (${m.location().url}:${m.location().lineNumber})` : ''}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.stack ?? e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
  return errors;
}

/** Saves a full-page screenshot to test-output/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(outputDir, { recursive: true });
  const path = join(outputDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

export interface StaticServer {
  /** e.g. `http://127.0.0.1:41234/` */
  url: string;
  close(): Promise<void>;
}

/** Serves the files under `root` on 127.0.0.1 at an ephemeral port (GET/HEAD only; no listing). */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (path === '/favicon.ico' && !existsSync(file)) {
      // Browsers ask for it on their own; no icon is not an error of the page under test.
      res.writeHead(204).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        // The browser keeps connections alive; do not wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

/**
 * For each `[data-chart] canvas` in the page: its chart id, size and the number of pixels that are
 * neither transparent nor (near) white. uPlot draws series on a 2D canvas, so getImageData works.
 */
export async function canvasInk(page: Page): Promise<{ chart: string; width: number; height: number; ink: number }[]> {
  return page.evaluate(() => {
    const out: { chart: string; width: number; height: number; ink: number }[] = [];
    for (const canvas of Array.from(document.querySelectorAll<HTMLCanvasElement>('[data-chart] canvas'))) {
      const chart = canvas.closest('[data-chart]')?.getAttribute('data-chart') ?? '?';
      const { width, height } = canvas;
      let ink = 0;
      const ctx = width > 0 && height > 0 ? canvas.getContext('2d') : null;
      if (ctx) {
        const d = ctx.getImageData(0, 0, width, height).data;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] > 0 && !(d[i] > 245 && d[i + 1] > 245 && d[i + 2] > 245)) ink++;
        }
      }
      out.push({ chart, width, height, ink });
    }
    return out;
  });
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes); the header row becomes the keys. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.filter((r) => r.length > 1 || r[0] !== '').map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
}
