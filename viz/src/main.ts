// The viz app: one page, two ways to get a report on screen, and a live view of one run
// (live/view.ts: #live-* controls, the map on #live-map).
//  (a) Open results — an output folder of `run`, `batch`, `compare` or `sweep` through the folder
//      picker (#open-folder) or drag-and-drop (#drop-zone) → ReportFiles → reportFromFiles →
//      renderReport (the same views as report.html).
//  (b) Run in the browser — a bundled scenario (#scenario), variants (#variants checkboxes; `base`
//      is the unmodified scenario), seeds (#seeds count, #seed-start first seed), ticks (#ticks),
//      started with #run: the jobs the CLI would build (viz/src/scenarios.ts) run through the same
//      pool (runPool) on navigator.hardwareConcurrency Web Workers running the same runJob, so the
//      numbers equal the CLI's for the same scenario, variant, seed and ticks. #progress (a
//      <progress>) counts finished runs; the charts are redrawn as runs finish.
//
// Test surface (browser tests drive the page through it):
//   window.clusterlab = {
//     scenarios: string[]                 // bundled scenario names in the picker
//     status: 'idle' | 'running' | 'done' | 'error' | 'cancelled'
//     error: string | null                // the last error message (run or open), else null
//     results(): { variant, seed, index, outcomes, finalStage }[]   // finished runs, sorted by job index
//     done: Promise<{ completed, failed }>  // settles when the current run ends (rejects on error);
//                                           // before the first run: resolves when the first run ends
//     data(): ReportData | null           // what is drawn now
//     rendered: number                    // times the report was (re)drawn
//     live: LiveSurface                   // the live view: tick(), stats(), step(n), play(), pause()… (live/view.ts)
//   }
// `variant` is 'base' for the unmodified scenario (runs.csv writes the same).
import { runPool, type PoolHandle } from '../../src/workers/pool.ts';
import { browserSpawner } from '../../src/workers/browser.ts';
import type { JobResult } from '../../src/workers/protocol.ts';
import type { ReportData } from '../../src/report/model.ts';
import { reportFromFiles } from '../../src/report/parse.ts';
import { renderReport, updateReport, type ReportHandle } from './charts/index.ts';
import { filesToReportFiles, loadDataTransfer, loadFileList, type LoadedFile } from './files.ts';
import { reportFromResults, variantOf, type BrowserRun } from './results.ts';
import { BASE, buildJobs, buildRegistry, scenarioName, unitScenario, type BundledScenario, type RunSpec } from './scenarios.ts';
import { liveView, type LiveSource, type LiveSurface } from './live/view.ts';
import 'uplot/dist/uPlot.min.css';
import './style.css';
import './app.css';

const bundled = import.meta.glob('../../src/scenarios/bundled/*.{yaml,yml,json}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const registry = buildRegistry(bundled);

export interface RunRecord {
  variant: string;
  seed: number;
  index: number;
  outcomes: Record<string, number>;
  finalStage: string;
}

interface TestSurface {
  scenarios: string[];
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  error: string | null;
  results(): RunRecord[];
  done: Promise<{ completed: number; failed: number }>;
  data(): ReportData | null;
  rendered: number;
  /** The live view (live/view.ts). */
  live: LiveSurface;
}

declare global {
  interface Window {
    clusterlab: TestSurface;
  }
}

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el as T;
};

const scenarioSelect = $<HTMLSelectElement>('scenario');
const variantsBox = $<HTMLFieldSetElement>('variants');
const seedsInput = $<HTMLInputElement>('seeds');
const seedStartInput = $<HTMLInputElement>('seed-start');
const ticksInput = $<HTMLInputElement>('ticks');
const runButton = $<HTMLButtonElement>('run');
const progress = $<HTMLProgressElement>('progress');
const statusLine = $<HTMLElement>('status');
const folderInput = $<HTMLInputElement>('open-folder');
const dropZone = $<HTMLElement>('drop-zone');
const reportRoot = $<HTMLElement>('report');
const errorBox = $<HTMLElement>('error');
const description = $<HTMLElement>('scenario-description');

let runs: BrowserRun[] = [];
let current: ReportData | null = null;
let handle: ReportHandle | null = null;
let pool: PoolHandle | null = null;
/** Bumped per run and per opened folder: a redraw scheduled for an older one is dropped. */
let generation = 0;
let resolveDone!: (v: { completed: number; failed: number }) => void;
let rejectDone!: (e: unknown) => void;
const newDone = () =>
  new Promise<{ completed: number; failed: number }>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });

/** The live view's scenarios: the bundled ones, and files the user opens (which may extend them). */
function liveSource(): LiveSource {
  const own = new Map<string, BundledScenario>();
  const entry = (name: string) => own.get(name) ?? registry.get(name);
  return {
    names: registry.scenarios.map((s) => s.name),
    variants: (name) => [BASE, ...(entry(name)?.variants ?? [])],
    scenario: (name, variant) => unitScenario(entry(name)!, variant),
    open(file, text) {
      if (!/\.(ya?ml|json)$/i.test(file)) return { error: 'not a scenario file: expected a .yaml, .yml or .json file' };
      const name = scenarioName(file);
      const withFile = buildRegistry({ ...bundled, [`user/${file}`]: text });
      const error = withFile.errors[name];
      if (error) return { error };
      own.set(name, withFile.get(name)!);
      return { name };
    },
  };
}

const surface: TestSurface = {
  scenarios: registry.scenarios.map((s) => s.name),
  status: 'idle',
  error: null,
  results: () =>
    runs
      .map(({ job, result }) => ({ variant: variantOf(job), seed: job.seed, index: job.index, outcomes: { ...result.outcomes }, finalStage: result.finalStage }))
      .sort((a, b) => a.index - b.index),
  done: newDone(),
  data: () => current,
  rendered: 0,
  live: liveView(
    {
      scenario: $('live-scenario'), variant: $('live-variant'), seed: $('live-seed'), play: $('live-play'), step: $('live-step'),
      reset: $('live-reset'), speed: $('live-speed'), colourBy: $('live-colour'), ties: $('live-ties'), canvas: $('live-map'), compare: $('live-compare'), canvasB: $('live-map-b'), firm: $('live-firm'), settings: $('live-settings'), genealogy: $('live-genealogy'), treeColour: $('live-tree-colour'),
      open: $('live-open'), message: $('live-message'), clock: $('live-clock'), monitors: $('live-monitors'), key: $('live-key'),
    },
    liveSource(),
  ),
};
surface.done.catch(() => {});
window.clusterlab = surface;

function showError(message: string | null): void {
  surface.error = message;
  errorBox.textContent = message ?? '';
  errorBox.hidden = message === null;
}

/** Draws `data` (null: the empty state); a running batch updates the charts in place. */
function draw(data: ReportData | null): void {
  current = data;
  if (data === null) {
    handle?.destroy();
    handle = null;
    reportRoot.innerHTML = '<p class="empty">No results yet: run a scenario or open an output folder.</p>';
    return;
  }
  if (handle) updateReport(handle, data);
  else {
    reportRoot.replaceChildren();
    handle = renderReport(reportRoot, data);
  }
  surface.rendered++;
}

// ---------------------------------------------------------------------------------------------
// Run in the browser

function fillScenarios(): void {
  for (const s of registry.scenarios) {
    const option = document.createElement('option');
    option.value = s.name;
    option.textContent = s.name;
    scenarioSelect.append(option);
  }
  const broken = Object.entries(registry.errors);
  if (broken.length) showError(`Bundled scenarios that failed to load: ${broken.map(([n, e]) => `${n} (${e})`).join('; ')}`);
  if (registry.get('default')) scenarioSelect.value = 'default';
  onScenario();
}

function onScenario(): void {
  const entry = registry.get(scenarioSelect.value);
  variantsBox.querySelectorAll('label').forEach((l) => l.remove());
  if (!entry) return;
  description.textContent = entry.description;
  ticksInput.value = String(entry.scenario.ticks);
  for (const name of [BASE, ...entry.variants]) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = name;
    box.checked = name === BASE;
    const desc = name === BASE ? 'the scenario as written' : (entry.scenario.variants[name]?.description ?? '');
    label.title = desc;
    label.append(box, ` ${name}`);
    variantsBox.append(label);
  }
}

function intValue(input: HTMLInputElement, what: string): number {
  const n = Number(input.value);
  if (input.value.trim() === '' || !Number.isSafeInteger(n)) throw new Error(`${what} must be a whole number, got "${input.value}"`);
  return n;
}

function readSpec(): RunSpec {
  return {
    scenario: scenarioSelect.value,
    variants: [...variantsBox.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].filter((b) => b.checked).map((b) => b.value),
    seedCount: intValue(seedsInput, 'Seeds'),
    seedStart: intValue(seedStartInput, 'First seed'),
    ticks: intValue(ticksInput, 'Ticks'),
  };
}

function setRunning(running: boolean): void {
  runButton.textContent = running ? 'Stop' : 'Run';
  for (const el of [scenarioSelect, seedsInput, seedStartInput, ticksInput, folderInput]) el.disabled = running;
  variantsBox.disabled = running;
}

async function startRun(): Promise<void> {
  if (pool) {
    await pool.cancel();
    return;
  }
  showError(null);
  let spec: RunSpec;
  let jobs;
  try {
    spec = readSpec();
    jobs = buildJobs(registry, spec);
  } catch (error) {
    showError((error as Error).message);
    return;
  }
  const entry = registry.get(spec.scenario)!;
  // A new `done` for this run, unless the pending one (made before the first run) is unused.
  if (surface.status !== 'idle') {
    surface.done = newDone();
    surface.done.catch(() => {});
  }
  surface.status = 'running';
  runs = [];
  draw(null);
  progress.max = jobs.length;
  progress.value = 0;
  const workers = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, jobs.length));
  const started = performance.now();
  statusLine.textContent = `0 / ${jobs.length} runs on ${workers} workers`;
  setRunning(true);
  const failures: string[] = [];
  let pending = false;
  const mine = ++generation;
  const redraw = () => {
    pending = false;
    if (mine !== generation || runs.length === 0) return;
    draw(reportFromResults({ scenario: { name: entry.name, description: entry.description }, variants: spec.variants, seeds: { start: spec.seedStart, count: spec.seedCount }, ticks: spec.ticks!, runs }));
  };
  const spawn = browserSpawner(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'clusterlab-runner' }));
  pool = runPool(jobs, { size: workers, spawn }, {
    onResult(result: JobResult, job) {
      runs.push({ job, result });
      progress.value = runs.length + failures.length;
      statusLine.textContent = `${runs.length} / ${jobs.length} runs on ${workers} workers · ${((performance.now() - started) / 1000).toFixed(1)} s`;
      // Redraw at most once per frame: results can arrive faster than charts are drawn.
      if (!pending) {
        pending = true;
        requestAnimationFrame(redraw);
      }
    },
    onFailure(job, error) {
      failures.push(`run ${job.index} (${variantOf(job)}, seed ${job.seed}): ${error}`);
      progress.value = runs.length + failures.length;
    },
  });
  try {
    const outcome = await pool.done;
    redraw();
    const cancelled = outcome.completed + outcome.failed < jobs.length;
    surface.status = cancelled ? 'cancelled' : 'done';
    statusLine.textContent = `${cancelled ? 'Stopped after' : 'Done:'} ${outcome.completed} / ${jobs.length} runs in ${((performance.now() - started) / 1000).toFixed(1)} s`;
    if (failures.length) showError(`${failures.length} run${failures.length > 1 ? 's' : ''} failed: ${failures.join('; ')}`);
    resolveDone(outcome);
  } catch (error) {
    surface.status = 'error';
    showError((error as Error).message ?? String(error));
    rejectDone(error);
  } finally {
    pool = null;
    setRunning(false);
  }
}

// ---------------------------------------------------------------------------------------------
// Open results

async function openFiles(load: () => Promise<LoadedFile[]>): Promise<void> {
  if (pool) {
    showError('Stop the run before opening results.');
    return;
  }
  showError(null);
  try {
    const files = await load();
    if (files.length === 0) throw new Error('no .json, .csv or .bin files in what was opened');
    const data = reportFromFiles(filesToReportFiles(files));
    runs = [];
    generation++;
    draw(null);
    draw(data);
    statusLine.textContent = `Opened ${data.title}`;
  } catch (error) {
    showError(`Could not open the results: ${(error as Error).message}`);
  }
}

folderInput.addEventListener('change', () => {
  if (folderInput.files?.length) void openFiles(() => loadFileList(folderInput.files!));
});
for (const type of ['dragenter', 'dragover']) {
  dropZone.addEventListener(type, (event) => {
    event.preventDefault();
    dropZone.classList.add('over');
  });
}
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  dropZone.classList.remove('over');
  const data = event.dataTransfer;
  if (!data) return;
  const single = data.files.length === 1 ? data.files[0] : null;
  // One YAML or JSON file that is not an output folder's marker: a scenario for the live view.
  if (single && /\.(ya?ml|json)$/i.test(single.name) && !['manifest.json', 'summary.json'].includes(single.name)) void openScenarioFile(single);
  else void openFiles(() => loadDataTransfer(data));
});

/** A dropped scenario file runs in the live view; anything else it is not gets a clear message. */
async function openScenarioFile(file: File): Promise<void> {
  const error = surface.live.openText(file.name, await file.text());
  if (error) {
    showError(`${error}\n(Drop an output folder of clusterlab to see its results, or a scenario file to watch it run.)`);
    return;
  }
  showError(null);
  statusLine.textContent = `Opened the scenario ${file.name} in "Watch a run"`;
  document.querySelector('.live')?.scrollIntoView({ behavior: 'smooth' });
}
// A drop that misses the zone must not navigate away from the page.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => event.preventDefault());

scenarioSelect.addEventListener('change', onScenario);
runButton.addEventListener('click', () => void startRun());
fillScenarios();
draw(null);
