// A tiny element builder. Text is always set with textContent (text nodes),
// never parsed as HTML, so file names and cell values cannot inject markup.
//
//   h('tr', { dataset: { reason: 'zero_price' } }, h('td', {}, 'Unit price is zero'))

/**
 * Creates an element. `attrs` keys:
 *   - `class`: class name string;
 *   - `dataset`: object of data-* values (null/undefined are skipped);
 *   - `hidden`: boolean property;
 *   - `on<event>`: a listener function;
 *   - anything else: set with setAttribute (null/undefined/false skipped).
 * Children may be nodes, strings, numbers, arrays, or null (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) if (v != null) el.dataset[k] = String(v);
    } else if (key === 'hidden') el.hidden = Boolean(value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.append(child);
    else el.append(document.createTextNode(String(child)));
  }
}

/** Removes every child of `el`. */
export function clear(el) {
  el.replaceChildren();
}

/** The raw machine value for `data-value`: '' for a missing value. */
export function rawValue(v) {
  return v == null ? '' : String(v);
}
