// The display setting beside the language menu: large amounts in 万 / 亿 (zh-CN, on by default)
// or in M / B (English, off by default). render/format.js keeps the choice per language; this
// control only shows it and asks the page to redraw.
//
//   mountDisplaySettings(headerElement, redraw)

import { t, getLang, onLangChange } from '../i18n/index.js';
import { h } from '../render/dom.js';
import { largeUnits, setLargeUnits } from '../render/format.js';

export function mountDisplaySettings(header, redraw) {
  const box = h('input', {
    type: 'checkbox',
    'data-testid': 'units-toggle',
    onchange: () => {
      setLargeUnits(box.checked, getLang());
      redraw();
    },
  });
  const text = h('span', {});
  const control = h('label', { class: 'units-toggle' }, box, text);
  const sync = () => {
    box.checked = largeUnits(getLang());
    text.textContent = t('fmt.setting.units');
  };
  sync();
  onLangChange(sync);
  const lang = header.querySelector('.lang');
  if (lang) lang.before(control);
  else header.append(control);
  return control;
}
