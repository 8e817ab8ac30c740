// The live view: one run of a bundled scenario or the user's file (variant, seed) stepped in the
// page — play, pause, step, reset, speed — with its map (map.ts), the tick, year and detected
// stage, monitors, the spin-off genealogy, and, on request, a second variant's run of the same seed
// stepping beside it. The engine is the CLI's (startRun: the same loop as run()), so after k steps
// a world is the CLI's `run --ticks k` world for the same seed; each run's state lives in its
// world, so two runs stepped side by side in this thread never mix. A click on a firm shows its
// history (history.ts: the run replayed to this tick).
import type uPlot from 'uplot';
import type { Scenario } from '../../../src/scenarios/schema.ts';
import { showFirm } from './firm-panel.ts';
import { drawGenealogy, genealogyOf, type Genealogy, type GenealogyColour } from './genealogy.ts';
import { firmHistory } from './history.ts';
import type { ColourBy, MapStats } from './map.ts';
import { clockText, showKey, showMonitors } from './monitors.ts';
import { createPane, drawPane, firmAt, fitCanvas, type Pane } from './pane.ts';
import { applyChanges } from '../../../src/scenarios/variants.ts';
import { formatPath } from '../../../src/scenarios/errors.ts';
import { settingsPanel } from './settings-panel.ts';
import type { Settings } from './settings.ts';

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
  /** A second variant of the same seed, stepping beside the first ('' for none), and its map. */
  compare: HTMLSelectElement;
  canvasB: HTMLCanvasElement;
  /** The clicked firm's card (firm-panel.ts). */
  firm: HTMLElement;
  /** The settings form (settings-panel.ts). */
  settings: HTMLElement;
  /** The spin-off genealogy (genealogy.ts) and how it is coloured (family or capability). */
  genealogy: HTMLCanvasElement;
  treeColour: HTMLSelectElement;
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
  /** What the map of pane k (0: the variant chosen, 1: the one compared with) shows. */
  stats(pane?: number): MapStats;
  regionNames(): string[];
  scenario(): { name: string; variant: string; seed: number; compare: string | null };
  /** Compares with another variant ('' or null: none), from tick 0. */
  compareWith(variant: string | null): void;
  /** Shows the history of the firm with this id, as a click on it does; false if it is not alive. */
  selectFirm(id: number): boolean;
  /** The facts line of the firm card, or null when none is shown. */
  firmCard(): string | null;
  /** Runs the chosen scenario and variant with these values (dotted paths), from tick 0; the error or null. */
  applySettings(set: Settings): string | null;
  /** The settings in force, as the YAML of a scenario variant. */
  settingsYaml(): string;
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
  let panes: Pane[] = [];
  let playing = false;
  let frames = 0;
  let carry = 0;
  let last = 0;
  let tree: Genealogy | null = null;
  let selected: number | null = null;
  let firmChart: uPlot | null = null;
  /** Settings applied on top of the chosen scenario and variant (the first pane only). */
  let overrides: Settings = {};
  const chosen = () => source.scenario(c.scenario.value, c.variant.value);
  const settings = settingsPanel(c.settings, (set) => applySettings(set), () => settings.yaml(c.scenario.value, source.scenario(c.scenario.value, 'base'), c.variant.value, overrides));

  for (const name of source.names) c.scenario.append(new Option(name, name));
  c.scenario.value = source.names.includes('default') ? 'default' : source.names[0];
  const fillVariants = () => {
    const variants = source.variants(c.scenario.value);
    c.variant.replaceChildren(...variants.map((v) => new Option(v, v)));
    c.compare.replaceChildren(new Option('(none)', ''), ...variants.map((v) => new Option(v, v)));
  };
  fillVariants();

  const seed = (s: Scenario) => {
    const n = Number(c.seed.value);
    return Number.isSafeInteger(n) && n >= 0 ? n : s.seed;
  };
  /** The chosen scenario and variant with the settings applied (validated like a file). */
  const withSettings = (): { scenario: Scenario } | { error: string } => {
    if (Object.keys(overrides).length === 0) return { scenario: chosen() };
    const applied = applyChanges(chosen(), { set: overrides });
    if (applied.ok) return { scenario: applied.scenario };
    return { error: applied.findings.map((f) => `${f.label ?? formatPath(f.path)}: expected ${f.expected}, found ${f.found}`).join('; ') };
  };
  const applySettings = (set: Settings): string | null => {
    const before = overrides;
    overrides = set;
    const result = withSettings();
    if ('error' in result) {
      overrides = before;
      c.message.textContent = `settings: ${result.error}`;
      c.message.hidden = false;
      return c.message.textContent;
    }
    c.message.hidden = true;
    pause();
    reset();
    return null;
  };

  const reset = () => {
    const variants = [c.variant.value, ...(c.compare.value ? [c.compare.value] : [])];
    panes = variants.map((v, k) => {
      const own = k === 0 ? withSettings() : { scenario: source.scenario(c.scenario.value, v) };
      const scenario = 'scenario' in own ? own.scenario : chosen();
      const label = k === 0 && Object.keys(overrides).length ? `${v} + settings` : v;
      return createPane(k === 0 ? c.canvas : c.canvasB, scenario, label, seed(scenario));
    });
    settings.show(chosen(), overrides);
    c.canvasB.hidden = panes.length < 2;
    c.canvas.setAttribute('aria-label', `Map of ${c.scenario.value}, ${c.variant.value}: regions, firms (dots), ties of this tick`);
    c.canvasB.setAttribute('aria-label', `Map of ${c.scenario.value}, ${c.compare.value}, the same seed`);
    hideFirm();
    drawKey();
    draw();
  };
  /** The colour key: it changes with the colouring and the scenario's segments, not per frame. */
  const drawKey = () => showKey(c.key, c.colourBy.value, panes[0].sim.world.segments.count);

  /** The maps every frame; the genealogy (a walk over every firm ever) every 15th frame while playing. */
  const draw = () => {
    for (const pane of panes) drawPane(pane, c.colourBy.value as ColourBy, c.ties.checked, selected);
    if (!playing || frames % 15 === 0) {
      const { ctx, width, height } = fitCanvas(c.genealogy, 260);
      tree = genealogyOf(panes[0].sim.world);
      drawGenealogy(ctx, tree, panes[0].sim.ticks, width, height, c.treeColour.value as GenealogyColour);
    }
    frames++;
    c.clock.textContent = clockText(panes[0]);
    showMonitors(c.monitors, panes);
  };

  const stepOnce = () => {
    if (panes[0].sim.done) return false;
    for (const pane of panes) pane.sim.step();
    return true;
  };

  const frame = (now: number) => {
    if (!playing) return;
    carry += ((now - last) / 1000) * Number(c.speed.value);
    last = now;
    let steps = Math.floor(carry);
    carry -= steps;
    while (steps-- > 0 && stepOnce());
    draw();
    if (panes[0].sim.done) pause();
    else requestAnimationFrame(frame);
  };
  const play = () => {
    if (playing || panes[0].sim.done) return;
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

  const hideFirm = () => {
    selected = null;
    firmChart?.destroy();
    firmChart = null;
    c.firm.replaceChildren();
    c.firm.hidden = true;
  };
  /** The history of firm `id` of the first pane's run, replayed to the tick shown. */
  const selectFirm = (id: number): boolean => {
    const { sim, scenario } = panes[0];
    const history = firmHistory(scenario, sim.seed, id, sim.world.tick);
    if (!history || history.death !== null) return false;
    pause();
    selected = id;
    firmChart?.destroy();
    firmChart = showFirm(c.firm, history, sim.world.ticksPerYear);
    draw();
    return true;
  };
  c.canvas.addEventListener('click', (event) => {
    const box = c.canvas.getBoundingClientRect();
    const i = firmAt(panes[0].stats, event.clientX - box.left, event.clientY - box.top);
    if (i < 0) hideFirm();
    else selectFirm(panes[0].sim.world.firms.id[i]);
    draw();
  });

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
    overrides = {};
    fillVariants();
    reset();
  });
  c.variant.addEventListener('change', () => {
    pause();
    overrides = {};
    reset();
  });
  for (const input of [c.seed, c.compare]) input.addEventListener('change', () => {
    pause();
    reset();
  });
  c.colourBy.addEventListener('change', () => {
    drawKey();
    draw();
  });
  for (const input of [c.ties, c.treeColour]) input.addEventListener('change', draw);

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
    overrides = {};
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
    tick: () => panes[0].sim.world.tick,
    playing: () => playing,
    stats: (k = 0) => panes[k]?.stats ?? panes[0].stats,
    regionNames: () => [...panes[0].sim.world.regions.names],
    scenario: () => ({ name: c.scenario.value, variant: c.variant.value, seed: panes[0].sim.seed, compare: c.compare.value || null }),
    compareWith(variant) {
      pause();
      c.compare.value = variant ?? '';
      reset();
    },
    selectFirm,
    applySettings,
    settingsYaml: () => settings.yaml(c.scenario.value, source.scenario(c.scenario.value, 'base'), c.variant.value, overrides),
    firmCard: () => (c.firm.hidden ? null : c.firm.querySelector('.firm-facts')?.textContent ?? null),
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
