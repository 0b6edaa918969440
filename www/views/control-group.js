// The control group of every segment export: its share (default 10%) and seed, shown and
// settable, with why the control group must not be contacted. The split itself is the core's
// (crate/src/campaign/split.rs, query `campaign.export`), so the same seed gives the same split
// here and in `clientele customers --control-share S --seed N`.

import { t, getLang } from '../i18n/index.js';
import { h } from '../render/dom.js';
import { card, field, numberInput } from '../render/ui.js';

/** A fresh seed: 9 random decimal digits (shown, so the split can be repeated). */
function randomSeed() {
  const a = new Uint32Array(1);
  globalThis.crypto.getRandomValues(a);
  return String(a[0] % 1_000_000_000);
}

const state = { share: 10, seed: randomSeed() };

/** The settings the core takes: `{ share (fraction), seed (decimal string), lang }`. */
export function controlOptions() {
  return { share: state.share / 100, seed: state.seed, lang: getLang() === 'zh-CN' ? 'zh-CN' : 'en' };
}

/** The export file name, with the share and seed in it so the file says how it was split. */
export function controlFileName(scheme, key) {
  return `clientele-${scheme}-${key}-control${state.share}-seed${state.seed}.csv`.replace(/[^\w.-]+/g, '_');
}

/** The card shown above the segment tables. */
export function controlGroupCard() {
  const share = numberInput(state.share, {
    name: 'controlShare',
    min: 0,
    max: 100,
    step: 1,
    'data-testid': 'control-share',
  });
  const seed = h('input', {
    type: 'text',
    inputmode: 'numeric',
    name: 'controlSeed',
    value: state.seed,
    'data-testid': 'control-seed',
  });
  const note = h('p', { class: 'muted', 'data-testid': 'control-note' });
  const showNote = () => (note.textContent = t('control.note', { share: state.share, seed: state.seed }));
  share.addEventListener('change', () => {
    const v = Number(share.value);
    if (share.value !== '' && Number.isFinite(v) && v >= 0 && v <= 100) state.share = v;
    else share.value = String(state.share);
    showNote();
  });
  seed.addEventListener('change', () => {
    if (/^\d{1,19}$/.test(seed.value.trim()) && BigInt(seed.value.trim()) < 2n ** 64n) state.seed = seed.value.trim();
    else seed.value = state.seed;
    showNote();
  });
  const again = h(
    'button',
    {
      type: 'button',
      class: 'button',
      'data-testid': 'control-new-seed',
      onclick: () => {
        state.seed = randomSeed();
        seed.value = state.seed;
        showNote();
      },
    },
    t('control.new_seed'),
  );
  showNote();
  return card(
    t('control.title'),
    'control-card',
    h('p', { 'data-testid': 'control-why' }, t('control.why')),
    h('div', { class: 'seg-fields' }, field('control.share', share), field('control.seed', seed), again),
    note,
  );
}
