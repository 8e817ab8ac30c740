// The live view: one run of a bundled scenario (and variant, seed) stepped in the page — play,
// pause, step, reset, speed — with its map (map.ts), the tick, year and detected stage, and
// monitors of the main metrics. The engine is the CLI's (startRun: the same loop as run()), so
// after k steps the world is the CLI's `run --ticks k` world for the same seed; the per-run state
// lives in the world, so runs stepped side by side in this thread never mix.
import { startRun, type Simulation } from '../../../src/engine/run.ts';
import { rowOf, STAGES } from '../../../src/engine/series.ts';
import type { Scenario } from '../../../src/scenarios/schema.ts';
import { drawGenealogy, genealogyOf, type Genealogy } from './genealogy.ts';
import { drawMap, KIND_LABELS, segmentColour, type ColourBy, type MapStats } from './map.ts';

export interface LiveControls {
  scenario: HTMLSelectElement;
  variant: HTMLSelectElement;
  seed: HTMLInputElement;
  play: HTMLButtonElement;
  step: HTMLButtonElement;
  reset: HTMLButtonElement;
  speed: HTMLInputElement;
  colourBy: HTMLSelectElement;
  ties: HTMLInputElement;
  canvas: HTMLCanvasElement;
  /** The spin-off genealogy (genealogy.ts). */
  genealogy: HTMLCanvasElement;
  /** A scenario file of the user's (YAML or JSON; it may extend a bundled one). */
  open: HTMLInputElement;
  /** Where a file that is no valid scenario is explained. */
  message: HTMLElement;
  clock: HTMLElement;
  monitors: HTMLElement;
  key: HTMLElement;
}

/** The scenarios the view can run: name → variants, and the scenario of a (name, variant). */
export interface LiveSource {
  names: string[];
  variants(name: string): string[];
  scenario(name: string, variant: string): Scenario;
  /** Validates a user's scenario file and makes it available under the returned name. */
  open(file: string, text: string): { name: string } | { error: string };
}

/** What the browser tests read and drive (window.clusterlab.live). */
export interface LiveSurface {
  tick(): number;
  playing(): boolean;
  stats(): MapStats;
  regionNames(): string[];
  scenario(): { name: string; variant: string; seed: number };
  step(n?: number): void;
  play(): void;
  pause(): void;
  reset(): void;
  /** Opens a scenario file's text as the file input does (the error shown in the page, or null). */
  openText(file: string, text: string): string | null;
  /** Frames drawn so far (each play frame and each step draws one). */
  frames(): number;
  /** The genealogy as last drawn: parent → spin-off links, families, their sizes (largest first). */
  genealogy(): { edges: number; families: number; sizes: number[] };
}

export function liveView(c: LiveControls, source: LiveSource): LiveSurface {
  let sim: Simulation;
  let stats: MapStats = { firms: 0, firmsByRegion: [], ties: 0, localTies: 0 };
  let playing = false;
  let frames = 0;
  let carry = 0;
  let last = 0;
  const ctx = c.canvas.getContext('2d')!;
  const treeCtx = c.genealogy.getContext('2d')!;
  let tree: Genealogy | null = null;

  for (const name of source.names) c.scenario.append(new Option(name, name));
  c.scenario.value = source.names.includes('default') ? 'default' : source.names[0];
  const fillVariants = () => {
    c.variant.replaceChildren(...source.variants(c.scenario.value).map((v) => new Option(v, v)));
  };
  fillVariants();

  const useCoordinates = (s: Scenario) => !s.distances;
  let scenario = source.scenario(c.scenario.value, c.variant.value);

  const reset = () => {
    scenario = source.scenario(c.scenario.value, c.variant.value);
    const seed = Number(c.seed.value);
    sim = startRun(scenario, { seed: Number.isSafeInteger(seed) && seed >= 0 ? seed : scenario.seed });
    draw();
  };

  /** Sizes a canvas to its box (device pixels) and returns its box in CSS pixels. */
  const fit = (canvas: HTMLCanvasElement, context: CanvasRenderingContext2D, fallbackHeight: number) => {
    const dpr = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 800;
    const height = canvas.clientHeight || fallbackHeight;
    if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
    if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr);
    context.setTransform(dpr, 0, 0, dpr, 0, 0);
    return { width, height };
  };

  /** The map every frame; the genealogy (a walk over every firm ever) every 15th frame while playing. */
  const draw = () => {
    const { width, height } = fit(c.canvas, ctx, 520);
    stats = drawMap(ctx, sim.world, { width, height, colourBy: c.colourBy.value as ColourBy, showTies: c.ties.checked, useCoordinates: useCoordinates(scenario) });
    if (!playing || frames % 15 === 0) {
      const box = fit(c.genealogy, treeCtx, 260);
      tree = genealogyOf(sim.world);
      drawGenealogy(treeCtx, tree, sim.ticks, box.width, box.height);
    }
    frames++;
    showClock();
  };

  const showClock = () => {
    const w = sim.world;
    const all = w.regions.count;
    const stage = STAGES[w.series.stage[rowOf(w.series, w.tick, all)]] ?? '';
    c.clock.textContent = `tick ${w.tick} / ${sim.ticks} · year ${(w.tick / w.ticksPerYear).toFixed(2)} · stage ${stage}`;
    let employment = 0;
    for (let i = 0; i < w.firms.count; i++) employment += w.firms.employees[i];
    const items: [string, string][] = [
      ['firms', String(w.firms.count)],
      ['employment', Math.round(employment).toLocaleString('en')],
      ['ties', `${stats.ties} (${stats.ties - stats.localTies} between regions)`],
      ...w.regions.names.map((name, r): [string, string] => [name, `${stats.firmsByRegion[r] ?? 0} firms`]),
    ];
    c.monitors.replaceChildren(...items.map(([k, v]) => {
      const d = document.createElement('div');
      d.className = 'monitor';
      d.dataset.monitor = k;
      d.textContent = `${k}: ${v}`;
      return d;
    }));
    showKey();
  };

  const showKey = () => {
    const entries: [string, string][] = c.colourBy.value === 'kind'
      ? KIND_LABELS
      : Array.from({ length: sim.world.segments.count }, (_, s): [string, string] => [`segment ${s}`, segmentColour(s, sim.world.segments.count)]);
    c.key.replaceChildren(...entries.map(([label, colour]) => {
      const span = document.createElement('span');
      span.innerHTML = `<i style="background:${colour}"></i>`;
      span.append(label);
      return span;
    }), Object.assign(document.createElement('span'), { textContent: '○ chain leader · □ research organisation · ◇ promotion organisation · grey: tie within a region, blue: between regions' }));
  };

  const stepOnce = () => {
    if (sim.done) return false;
    sim.step();
    return true;
  };

  const frame = (now: number) => {
    if (!playing) return;
    const perSecond = Number(c.speed.value);
    carry += ((now - last) / 1000) * perSecond;
    last = now;
    let steps = Math.floor(carry);
    carry -= steps;
    while (steps-- > 0 && stepOnce());
    draw();
    if (sim.done) pause();
    else requestAnimationFrame(frame);
  };

  const play = () => {
    if (playing || sim.done) return;
    playing = true;
    c.play.textContent = 'Pause';
    carry = 1; // the first frame steps at once
    last = performance.now();
    requestAnimationFrame(frame);
  };
  const pause = () => {
    const was = playing;
    playing = false;
    c.play.textContent = 'Play';
    if (was) draw(); // the genealogy of the tick it stopped at
  };

  c.play.addEventListener('click', () => (playing ? pause() : play()));
  c.step.addEventListener('click', () => {
    pause();
    stepOnce();
    draw();
  });
  c.reset.addEventListener('click', () => {
    pause();
    reset();
  });
  c.scenario.addEventListener('change', () => {
    pause();
    fillVariants();
    reset();
  });
  for (const input of [c.variant, c.seed]) input.addEventListener('change', () => {
    pause();
    reset();
  });
  for (const input of [c.colourBy, c.ties]) input.addEventListener('change', draw);

  /** A user's scenario: validated, added to the picker and run; or the reason, in the page. */
  const openText = (file: string, text: string): string | null => {
    const opened = source.open(file, text);
    if ('error' in opened) {
      c.message.textContent = `${file}: ${opened.error}`;
      c.message.hidden = false;
      return c.message.textContent;
    }
    c.message.hidden = true;
    if (![...c.scenario.options].some((o) => o.value === opened.name)) c.scenario.append(new Option(`${opened.name} (file)`, opened.name));
    c.scenario.value = opened.name;
    pause();
    fillVariants();
    reset();
    return null;
  };
  c.open.addEventListener('change', async () => {
    const file = c.open.files?.[0];
    if (file) openText(file.name, await file.text());
    c.open.value = '';
  });
  reset();

  return {
    tick: () => sim.world.tick,
    playing: () => playing,
    stats: () => stats,
    regionNames: () => [...sim.world.regions.names],
    scenario: () => ({ name: c.scenario.value, variant: c.variant.value, seed: sim.seed }),
    step(n = 1) {
      pause();
      for (let k = 0; k < n && stepOnce(); k++);
      draw();
    },
    play,
    pause,
    reset() {
      pause();
      reset();
    },
    openText,
    frames: () => frames,
    genealogy: () => ({ edges: tree?.edges ?? 0, families: tree?.familySizes.length ?? 0, sizes: [...(tree?.familySizes ?? [])] }),
  };
}
