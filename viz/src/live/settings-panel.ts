// The settings form of the live view (settings.ts): a number field per parameter and lever
// setting, "Apply" (a new run from tick 0 with the changed values) and "As YAML" (the scenario
// variant of these settings, shown and offered as a file).
import type { Scenario } from '../../../src/scenarios/schema.ts';
import { changedSettings, settingFields, settingsYaml, type SettingField, type Settings } from './settings.ts';

export interface SettingsPanel {
  /** Shows the fields of `scenario` (the chosen variant, before any settings), with `set` filled in. */
  show(scenario: Scenario, set: Settings): void;
  /** The values typed that differ from the scenario's. */
  changed(): Settings;
  /** The YAML of the current settings (also shown in the page). */
  yaml(name: string, base: Scenario, variant: string, set: Settings): string;
}

export function settingsPanel(host: HTMLElement, apply: (set: Settings) => void, asYaml: () => void): SettingsPanel {
  let fields: SettingField[] = [];
  let inputs: (HTMLInputElement | HTMLSelectElement)[] = [];
  const grid = document.createElement('div');
  grid.className = 'settings-grid';
  const buttons = document.createElement('div');
  buttons.className = 'row';
  const applyButton = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Apply (new run from tick 0)' });
  applyButton.dataset.control = 'apply-settings';
  const yamlButton = Object.assign(document.createElement('button'), { type: 'button', textContent: 'As a scenario variant (YAML)' });
  yamlButton.dataset.control = 'settings-yaml';
  const out = document.createElement('pre');
  out.className = 'settings-yaml';
  out.hidden = true;
  const download = Object.assign(document.createElement('a'), { textContent: 'download live-settings.yaml', download: 'live-settings.yaml', hidden: true });
  buttons.append(applyButton, yamlButton, download);
  host.append(grid, buttons, out);

  const panel: SettingsPanel = {
    show(scenario, set) {
      fields = settingFields(scenario);
      inputs = fields.map((f) => {
        const value = String(set[f.path] ?? f.value ?? '');
        if (f.options) {
          const select = document.createElement('select');
          select.append(new Option(f.value === null ? '(any)' : '', ''), ...f.options.map((o) => new Option(o, o)));
          select.dataset.path = f.path;
          select.value = value;
          return select;
        }
        const input = Object.assign(document.createElement('input'), { type: 'number', step: 'any' });
        input.dataset.path = f.path;
        input.value = value;
        if (f.value === null) input.placeholder = 'default';
        return input;
      });
      grid.replaceChildren(...fields.map((f, k) => {
        const label = document.createElement('label');
        label.className = 'field';
        label.title = f.path;
        label.append(`${f.label} `, inputs[k]);
        return label;
      }));
      out.hidden = true;
      download.hidden = true;
    },
    changed: () => changedSettings(fields, inputs.map((i) => i.value)),
    yaml(name, base, variant, set) {
      const text = settingsYaml(name, base, variant, set);
      out.textContent = text;
      out.hidden = false;
      URL.revokeObjectURL(download.href);
      download.href = URL.createObjectURL(new Blob([text], { type: 'text/yaml' }));
      download.hidden = false;
      return text;
    },
  };
  applyButton.addEventListener('click', () => apply(panel.changed()));
  yamlButton.addEventListener('click', asYaml);
  return panel;
}
