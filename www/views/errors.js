// Renders a StructuredError `{ code, params, file, row, column, message: { en, zh } }`
// into the `[data-testid="error-panel"]` section, in the current language.
// The panel's `data-code` carries the code for tests and styling.

import { t } from '../i18n/index.js';
import { h, rawValue } from '../render/dom.js';
import { formatInt } from '../render/format.js';
import { messageFor } from '../render/ui.js';

export { messageFor };

/** Replaces the content of `panel` with `error`. */
export function renderError(panel, error) {
  panel.dataset.code = error?.code ?? '';
  const where = [
    ['error.file', 'error-file', error?.file, error?.file],
    ['error.row', 'error-row', error?.row, formatInt(error?.row)],
    ['error.column', 'error-column', error?.column, error?.column],
  ].filter(([, , value]) => value != null && value !== '');

  // Native replaceChildren() would print a null child as "null": filter first.
  const parts = [
    h('h2', { class: 'error-title' }, t('error.title')),
    h('p', { class: 'error-message', 'data-testid': 'error-message' }, messageFor(error)),
    where.length
      ? h(
          'dl',
          { class: 'error-where' },
          where.map(([key, testid, value, shown]) =>
            h(
              'div',
              {},
              h('dt', {}, t(key)),
              h('dd', { 'data-testid': testid, dataset: { value: rawValue(value) } }, String(shown)),
            ),
          ),
        )
      : null,
    h(
      'p',
      { class: 'error-code' },
      `${t('error.code')}: `,
      h('code', { 'data-testid': 'error-code' }, error?.code ?? ''),
    ),
  ];
  panel.replaceChildren(...parts.filter(Boolean));
}
