// The overview's note on warehouse summary files (clientele_*.csv written by a recipe of
// `clientele warehouse sql`): they are summaries, which engine made them, and which analyses
// need the sales lines themselves. Renders nothing for ordinary files.

import { t } from '../i18n/index.js';
import { h } from '../render/dom.js';

/** The note for `overview.warehouse` (null when the files are not summaries). */
export function warehouseNote(info) {
  if (!info) return null;
  const needs = (info.needsRawLines ?? []).map((k) => t(`warehouse.needs.${k}`));
  return h(
    'section',
    { class: 'card warehouse-note', 'data-testid': 'ov-warehouse', dataset: { engine: info.engine ?? '' } },
    h('h3', {}, t('warehouse.title')),
    h('p', {}, t('warehouse.summaries', { engine: info.engine ?? '?', files: info.tables ?? [] })),
    h('p', {}, t('warehouse.needs_lines', { analyses: needs })),
  );
}
