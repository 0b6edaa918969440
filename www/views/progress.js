// The progress panel: a bar for the share of bytes read, the current file,
// bytes and rows so far. The panel's markup lives in index.html; this view
// only fills its text, and keeps the last event so a language switch can
// re-render it.

import { t } from '../i18n/index.js';
import { formatBytes, formatInt, formatPercent } from '../render/format.js';

export class ProgressView {
  #els;
  #last = null;

  /** @param {HTMLElement} panel the `[data-testid="progress"]` element */
  constructor(panel) {
    const q = (id) => panel.querySelector(`[data-testid="${id}"]`);
    this.#els = {
      panel,
      bar: q('progress-bar'),
      file: q('progress-file'),
      bytes: q('progress-bytes'),
      rows: q('progress-rows'),
    };
  }

  /** Shows the panel in its "starting" state. */
  start() {
    this.#last = null;
    this.#els.panel.hidden = false;
    this.render();
  }

  /** Applies a progress event from the worker. */
  update(p) {
    this.#last = p;
    this.render();
  }

  hide() {
    this.#els.panel.hidden = true;
    this.#last = null;
  }

  render() {
    const { bar, file, bytes, rows } = this.#els;
    const p = this.#last;
    if (!p) {
      bar.removeAttribute('value'); // indeterminate until the first event
      bar.dataset.value = '';
      file.textContent = t('progress.starting');
      bytes.textContent = '';
      rows.textContent = '';
      return;
    }
    const ratio = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
    bar.max = 100;
    bar.value = ratio * 100;
    bar.dataset.value = String(ratio);
    file.textContent = t('progress.file', { index: p.fileIndex + 1, count: p.fileCount, name: p.fileName });
    bytes.textContent = t('progress.bytes', {
      done: formatBytes(p.bytesDone),
      total: formatBytes(p.bytesTotal),
      percent: formatPercent(ratio),
    });
    bytes.dataset.value = String(p.bytesDone);
    rows.textContent = t('progress.rows', { rows: p.rows });
    rows.dataset.value = String(p.rows);
  }
}
