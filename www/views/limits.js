// The "Limits" section of the import settings: the bounds the core puts on reading one file
// (crate/src/ingest/limits.rs, FileOptions.limits), each with its default, which the user can
// change when a genuine file passes one (the message of `ingest.limit_exceeded` names the
// setting). Values are settings only, kept in localStorage; they go to every file's FileOptions.

import { t } from '../i18n/index.js';

const STORAGE_KEY = 'clientele.limits';
const MIB = 1024 * 1024;

/**
 * The limits, with the defaults of `Limits::default()` in the core. `unit: 'mib'` settings are
 * bytes, shown and typed in MiB.
 */
export const LIMITS = [
  { key: 'maxDecompressedBytes', value: 4096 * MIB, unit: 'mib' },
  { key: 'maxEntryBytes', value: 1024 * MIB, unit: 'mib' },
  { key: 'maxArchiveDepth', value: 2, unit: 'count' },
  { key: 'maxArchiveEntries', value: 10000, unit: 'count' },
  { key: 'maxSheetCells', value: 10000000, unit: 'count' },
  { key: 'maxSharedStringBytes', value: 1024 * MIB, unit: 'mib' },
  { key: 'maxLineItems', value: 10000000, unit: 'count' },
];

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The user's settings that differ from the defaults: `{ maxSheetCells: 20000000, ... }`. */
export function loadLimits() {
  try {
    const raw = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? 'null');
    const out = {};
    for (const { key, value } of LIMITS) {
      const v = raw?.[key];
      if (Number.isSafeInteger(v) && v > 0 && v !== value) out[key] = v;
    }
    return out;
  } catch {
    return {};
  }
}

function saveLimits(limits) {
  try {
    if (Object.keys(limits).length) storage()?.setItem(STORAGE_KEY, JSON.stringify(limits));
    else storage()?.removeItem(STORAGE_KEY);
  } catch {
    // Not fatal: the settings hold for this page only.
  }
}

/**
 * Every file's FileOptions with the user's limits in `limits` (the other fields as they were);
 * `options` unchanged when every limit is at its default.
 * @param {(object|undefined)[]|undefined} options  FileOptions per file
 * @param {number} count  the number of files
 */
export function withLimits(options, count) {
  const limits = loadLimits();
  if (Object.keys(limits).length === 0) return options;
  return Array.from({ length: count }, (_, i) => ({ ...(options?.[i] ?? {}), limits }));
}

const shown = (l, v) => (l.unit === 'mib' ? Math.round((v / MIB) * 100) / 100 : v);
const stored = (l, v) => (l.unit === 'mib' ? Math.round(v * MIB) : Math.round(v));

/**
 * Builds the section into `container` (a <details>, closed until opened) and re-renders it on
 * language changes through `render()`.
 */
export class LimitsPanel {
  constructor(container) {
    this.el = container;
    this.render();
  }

  render() {
    const current = loadLimits();
    const el = this.el;
    const open = el.open;
    el.replaceChildren();
    const summary = document.createElement('summary');
    summary.textContent = t('limits.title');
    summary.dataset.testid = 'limits-summary';
    const hint = document.createElement('p');
    hint.className = 'limits-hint';
    hint.textContent = t('limits.hint');
    const list = document.createElement('div');
    list.className = 'limits-list';
    for (const l of LIMITS) {
      const id = `limit-${l.key}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = t(`limits.${l.key}`);
      const code = document.createElement('code');
      code.textContent = l.key;
      const input = document.createElement('input');
      input.type = 'number';
      input.id = id;
      input.min = l.unit === 'mib' ? '0.01' : '1';
      input.step = l.unit === 'mib' ? 'any' : '1';
      input.dataset.testid = id;
      input.value = String(shown(l, current[l.key] ?? l.value));
      input.addEventListener('change', () => this.set(l, Number(input.value)));
      const def = document.createElement('span');
      def.className = 'limits-default';
      const unit = l.unit === 'mib' ? t('limits.unit_mib') : '';
      def.textContent = t('limits.default', { value: `${shown(l, l.value).toLocaleString()}${unit}` });
      const row = document.createElement('div');
      row.className = 'limits-row';
      if (current[l.key] != null) row.dataset.changed = 'true';
      row.append(label, code, input, def);
      list.append(row);
    }
    const reset = document.createElement('button');
    reset.type = 'button';
    reset.className = 'button';
    reset.dataset.testid = 'limits-reset';
    reset.textContent = t('limits.reset');
    reset.addEventListener('click', () => {
      saveLimits({});
      this.render();
    });
    el.append(summary, hint, list, reset);
    el.open = open;
  }

  set(limit, value) {
    const limits = loadLimits();
    const v = stored(limit, value);
    if (Number.isSafeInteger(v) && v > 0 && v !== limit.value) limits[limit.key] = v;
    else delete limits[limit.key];
    saveLimits(limits);
    this.render();
  }
}
