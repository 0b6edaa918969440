// In-page navigation for long views: a contents list of the view's section headings, kept up
// to date as the view draws (views render asynchronously and again after a language switch).
//
//   watchContents(panel)   // once per tab panel; the list is [data-testid="toc"] at its top
//
// The list is built from the headings already on the page (no view has to know about it), so a
// view gains one simply by titling its cards with <h3>. Short views (fewer than MIN headings)
// get none. Links are ordinary fragment links, so they work with the keyboard and a screen reader.

import { t } from '../i18n/index.js';
import { h } from './dom.js';

/** A view with fewer section headings than this is short enough to scroll. */
export const MIN_HEADINGS = 3;

/**
 * The headings a contents list links to: the cards' titles (h3), outside closed settings. The
 * view's own title (an h2) is not listed: the tab already names it.
 */
function headingsOf(root) {
  return Array.from(root.querySelectorAll('h3')).filter(
    (el) => !el.closest('nav.toc') && !el.closest('details:not([open]) > :not(summary)') && el.textContent.trim(),
  );
}

function slug(text) {
  return (
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'section'
  );
}

/**
 * Puts (or refreshes) the contents list at the top of `root`. Returns the list, or null when
 * the view is short. Headings get stable ids (`<root id>-<slug>`) when they have none.
 */
export function contentsList(root) {
  const old = root.querySelector(':scope > nav.toc');
  const headings = headingsOf(root);
  if (headings.length < MIN_HEADINGS) {
    old?.remove();
    return null;
  }
  const prefix = root.id || root.dataset.testid || 'view';
  const used = new Set();
  const items = headings.map((el) => {
    if (!el.id) {
      let id = `${prefix}-${slug(el.textContent)}`;
      for (let n = 2; used.has(id) || document.getElementById(id); n++) id = `${prefix}-${slug(el.textContent)}-${n}`;
      el.id = id;
    }
    used.add(el.id);
    return h(
      'li',
      {},
      h(
        'a',
        {
          href: `#${el.id}`,
          onclick: (e) => {
            // Scroll without rewriting the address (index.html#demo starts the demo).
            e.preventDefault();
            el.scrollIntoView({ block: 'start' });
            el.setAttribute('tabindex', '-1');
            el.focus({ preventScroll: true });
          },
        },
        el.textContent.trim(),
      ),
    );
  });
  const nav = h(
    'nav',
    { class: 'toc', 'data-testid': 'toc', 'aria-label': t('nav.contents') },
    h('span', { class: 'toc-title', 'aria-hidden': 'true' }, t('nav.contents')),
    h('ol', {}, items),
  );
  if (old) old.replaceWith(nav);
  else root.prepend(nav);
  return nav;
}

function signature(root) {
  return headingsOf(root)
    .map((el) => el.textContent.trim())
    .join('\u0000');
}

/** Keeps `root`'s contents list in step with its headings as the view draws and redraws. */
export function watchContents(root) {
  if (root.__tocWatch) return;
  let last = null;
  let timer = 0;
  const refresh = () => {
    timer = 0;
    const sig = `${document.documentElement.lang}|${signature(root)}`;
    if (sig === last && root.querySelector(':scope > nav.toc')) return;
    last = sig;
    contentsList(root);
  };
  const observer = new MutationObserver((records) => {
    if (records.every((r) => r.target.closest?.('nav.toc'))) return;
    if (!timer) timer = setTimeout(refresh, 120);
  });
  observer.observe(root, { childList: true, subtree: true });
  root.__tocWatch = observer;
  refresh();
}

// ---- scrollable table boxes --------------------------------------------------------------

/** The name of a table box: its caption, else the title of the card it sits in. */
function boxName(box) {
  const caption = box.querySelector('caption')?.textContent.trim();
  if (caption) return caption;
  const holder = box.closest('section, article, details');
  const title = holder?.querySelector('h2, h3, h4, summary')?.textContent.trim();
  return title || box.querySelector('th')?.textContent.trim() || '';
}

/**
 * A table box that scrolls sideways (a wide table on a small screen) must be reachable with the
 * keyboard to be scrolled: it becomes a labelled region with tabindex=0. A box that fits gets
 * neither, so wide screens have no extra tab stops.
 */
export function markScrollBoxes(root) {
  for (const box of root.querySelectorAll('.table-wrap')) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls) {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', t('nav.table_scroll', { name: boxName(box) }));
      box.dataset.scrolls = 'true';
    } else if (box.dataset.scrolls) {
      box.removeAttribute('tabindex');
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
      delete box.dataset.scrolls;
    }
  }
}

/** Keeps `root`'s table boxes marked as the page draws, the window resizes or the language changes. */
export function watchScrollBoxes(root) {
  let frame = 0;
  const schedule = () => {
    if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        markScrollBoxes(root);
      });
    }
  };
  new MutationObserver(schedule).observe(root, { childList: true, subtree: true });
  globalThis.addEventListener?.('resize', schedule);
  // Folded blocks (details) lay out their tables only when opened.
  root.addEventListener('toggle', schedule, true);
  schedule();
}
