// The "Data import" panel: per file, the detected encoding, dialect, header row, date order,
// sheet and column roles, each of which the user can override; then "Apply" re-runs the
// analysis on the same File objects with only the settings the user changed.
//
// The panel keeps the user's draft choices in its own model, so a language switch
// (render() again) does not lose them. A mapping can be remembered in localStorage, keyed by
// a hash of the file's header names: the stored value is FileOptions only (settings, never
// data values or samples).
//
//   const panel = new MappingPanel(section, { onApply: (options, remember) => ... });
//   panel.show({ files, reports, options, baseline, error, savedApplied });
//   panel.hide();

import { t, label, getLang } from '../i18n/index.js';
import { h } from '../render/dom.js';
import { formatInt } from '../render/format.js';

/** Roles the user can choose, in the order the menu lists them. */
export const ROLES = Object.freeze([
  'customer_id',
  'order_id',
  'datetime',
  'product_id',
  'product_name',
  'category',
  'quantity',
  'unit_price',
  'amount',
  'discount',
  'cost',
  'refund_amount',
  'status',
  'store',
  'region',
  'city',
  'gender',
  'age',
  'member_level',
  'join_date',
  'credit',
  'satisfaction',
]);

/** Encodings offered in the override menu (labels the core accepts). */
export const ENCODINGS = Object.freeze([
  'UTF-8',
  'GB18030',
  'GBK',
  'Big5',
  'Shift_JIS',
  'UTF-16LE',
  'UTF-16BE',
  'windows-1252',
]);

const DELIMITERS = Object.freeze([',', ';', '|', 'tab', 'whitespace']);
const DATE_ORDERS = Object.freeze(['month_first', 'day_first']);

// ---- saved mappings -------------------------------------------------------------------

const MAPPING_PREFIX = 'clientele.mapping.';

/** Header names as compared for a saved mapping: NFKC, trimmed, lower case. */
function normaliseName(name) {
  return String(name ?? '')
    .normalize('NFKC')
    .trim()
    .toLowerCase();
}

/** 'clientele.mapping.' + FNV-1a (64 bits, hex) of the normalised names; null without names. */
export function mappingKey(names) {
  if (!Array.isArray(names) || names.length === 0) return null;
  const text = names.map(normaliseName).join('\u001f');
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * prime) & 0xffffffffffffffffn;
  }
  return MAPPING_PREFIX + hash.toString(16).padStart(16, '0');
}

/** Keeps only the FileOptions fields, with valid types: never data. */
export function cleanOptions(o) {
  if (!o || typeof o !== 'object') return undefined;
  const out = {};
  if (typeof o.encoding === 'string' && o.encoding) out.encoding = o.encoding;
  if (DELIMITERS.includes(o.delimiter)) out.delimiter = o.delimiter;
  if (Number.isInteger(o.headerRow) && o.headerRow >= 1) out.headerRow = o.headerRow;
  if (o.noHeader === true) out.noHeader = true;
  if (Array.isArray(o.roles)) out.roles = o.roles.map((r) => (ROLES.includes(r) ? r : null));
  if (DATE_ORDERS.includes(o.dateOrder)) out.dateOrder = o.dateOrder;
  if (typeof o.decimalComma === 'boolean') out.decimalComma = o.decimalComma;
  if (typeof o.sheet === 'string' && o.sheet) out.sheet = o.sheet;
  if (o.keepZeroPrice === true) out.keepZeroPrice = true;
  return Object.keys(out).length ? out : undefined;
}

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled
  }
}

/** The saved FileOptions for files with these header names, or null. */
export function loadMapping(names) {
  const key = mappingKey(names);
  if (!key) return null;
  try {
    const raw = storage()?.getItem(key);
    return raw ? (cleanOptions(JSON.parse(raw)) ?? null) : null;
  } catch {
    return null;
  }
}

/** Saves (or, with empty options, forgets) the mapping for these header names. */
export function saveMapping(names, options) {
  const key = mappingKey(names);
  if (!key) return;
  const clean = cleanOptions(options);
  try {
    if (clean) storage()?.setItem(key, JSON.stringify(clean));
    else storage()?.removeItem(key);
  } catch {
    // Not fatal: the mapping is just not remembered.
  }
}

export function forgetMapping(names) {
  const key = mappingKey(names);
  if (!key) return;
  try {
    storage()?.removeItem(key);
  } catch {
    // ignore
  }
}

// ---- value helpers --------------------------------------------------------------------

/** The report's delimiter as a FileOptions value (the core reports tab as "\t" or "\\t"). */
function delimiterValue(d) {
  if (d === '\t' || d === '\\t' || d === 'tab') return 'tab';
  return d ?? '';
}

function encodingValue(enc) {
  if (!enc) return '';
  return ENCODINGS.find((e) => e.toLowerCase() === String(enc).toLowerCase()) ?? String(enc);
}

function sameRoles(a, b) {
  if (a.length !== b.length) return false;
  return a.every((r, i) => (r ?? null) === (b[i] ?? null));
}

/** True when a saved mapping would change what detection gave for this file report. */
export function mappingDiffers(saved, report) {
  if (!saved) return false;
  if (!report) return true;
  if (saved.encoding && encodingValue(saved.encoding).toLowerCase() !== encodingValue(report.encoding).toLowerCase())
    return true;
  if (saved.delimiter && saved.delimiter !== delimiterValue(report.delimiter)) return true;
  if (saved.headerRow != null && saved.headerRow !== report.header_row) return true;
  if (saved.noHeader) return true;
  if (saved.dateOrder && saved.dateOrder !== report.date_order) return true;
  if (typeof saved.decimalComma === 'boolean' && saved.decimalComma !== Boolean(report.decimal_comma)) return true;
  if (saved.sheet && saved.sheet !== report.entry) return true;
  if (saved.keepZeroPrice) return true;
  if (saved.roles) {
    const detected = (report.columns ?? []).map((c) => c.role ?? null);
    if (!sameRoles(saved.roles, detected)) return true;
  }
  return false;
}

function hasMojibake(report, names) {
  if (report?.undecodable_bytes) return true;
  if ((report?.rows?.flagged ?? []).some((f) => f.flag === 'invalid_utf8' && f.rows > 0)) return true;
  const texts = [...names, ...(report?.columns ?? []).flatMap((c) => c.samples ?? [])];
  return texts.some((s) => String(s).includes('\uFFFD'));
}

/**
 * The columns of a missing-role error (params.columns: `{name, samples, guess, confidence}`,
 * or bare names from an older core), with the roles the user had set, and the missing role
 * marked on the column the core names as its best candidate.
 */
function errorColumns(error, applied) {
  const list = error.params.columns;
  const given = Array.isArray(applied.roles) && applied.roles.length === list.length ? applied.roles : null;
  const missing = error.code === 'ingest.missing_role' && ROLES.includes(error.params.role) ? error.params.role : null;
  const candidate = typeof error.params.candidate === 'string' ? error.params.candidate : null;
  let candidateSeen = false;
  return list.map((col, index) => {
    const c = col && typeof col === 'object' ? col : { name: col };
    const name = String(c.name ?? '');
    // A column the user gave no role can take the missing one (a date left out of a mapping).
    const isCandidate = missing != null && !candidateSeen && candidate === name && !(given && given[index]);
    if (isCandidate) candidateSeen = true;
    return {
      index,
      name,
      role: given ? given[index] : null,
      guess: ROLES.includes(c.guess) ? c.guess : null,
      confidence: typeof c.confidence === 'number' ? c.confidence : null,
      samples: Array.isArray(c.samples) ? c.samples.map(String) : [],
      doubtful: c.doubtful === true,
      candidateFor: isCandidate ? missing : null,
    };
  });
}

// ---- the panel ------------------------------------------------------------------------

export class MappingPanel {
  #section;
  #onApply;
  /** Per file: { name, report, columns, applied, shown, draft, remember, hasSaved } */
  #files = [];
  #savedApplied = false;
  #errorFile = null;
  /** The user opened the folded import line (kept across a language switch, reset per load). */
  #unfolded = false;

  /**
   * @param {HTMLElement} section
   * @param {{ onApply: (options: (object|undefined)[], remember: boolean[]) => void }} hooks
   */
  constructor(section, { onApply }) {
    this.#section = section;
    this.#onApply = onApply;
  }

  /**
   * Shows the panel for a finished run.
   * @param {object} state
   * @param {File[]} state.files the dropped files
   * @param {object[]|null} state.reports overview.files (aligned with files), or null after an error
   * @param {(object|undefined)[]} state.options the options the run used
   * @param {(object|null)[]} state.baseline first-pass (detection) reports, for confidence
   * @param {string[][]} state.names first-pass header names (keys of saved mappings)
   * @param {object|null} state.error a StructuredError (missing_role gives the columns)
   * @param {boolean} state.savedApplied a saved mapping was applied automatically
   */
  show({ files, reports, options, baseline, names, error, savedApplied }) {
    this.#savedApplied = Boolean(savedApplied);
    this.#errorFile = null;
    this.#unfolded = false;
    this.#files = files.map((file, i) => {
      const report = reports?.[i] ?? null;
      const applied = cleanOptions(options?.[i]) ?? {};
      let columns;
      if (report) {
        columns = (report.columns ?? []).map((c) => ({
          index: c.index,
          name: c.name ?? '',
          role: c.role ?? null,
          confidence: c.confidence,
          samples: Array.isArray(c.samples) ? c.samples : [],
          doubtful: c.doubtful === true,
          unsure: c.unsure === true,
        }));
      } else if (error && error.file === file.name && Array.isArray(error.params?.columns)) {
        this.#errorFile = i;
        columns = errorColumns(error, applied);
      } else {
        if (error && error.file === file.name) this.#errorFile = i;
        columns = [];
      }
      const base = baseline?.[i] ?? null;
      const shown = {
        encoding: report ? encodingValue(report.encoding) : encodingValue(applied.encoding),
        delimiter: report ? delimiterValue(report.delimiter) : (applied.delimiter ?? ''),
        headerRow: report
          ? (report.header_row ?? null)
          : (applied.headerRow ?? (error?.file === file.name ? (error.row ?? null) : null)),
        // A file read without a header row reports header row 0.
        noHeader: report ? report.header_row === 0 : applied.noHeader === true,
        dateOrder: report ? (report.date_order ?? null) : (applied.dateOrder ?? null),
        decimalComma: report ? Boolean(report.decimal_comma) : (applied.decimalComma ?? null),
        sheet: report
          ? report.sheets?.includes(report.entry)
            ? report.entry
            : (report.sheets?.[0] ?? null)
          : (applied.sheet ?? null),
        roles: columns.map((c) => c.role ?? null),
        // Not detected: the user's choice, default off.
        keepZeroPrice: applied.keepZeroPrice === true,
      };
      const fileNames = names?.[i] ?? null;
      // A file refused for a missing role opens with the roles the core read (the header's
      // names, or its guesses from the values when no name was known) and the missing role on
      // its best candidate: one click re-reads the file with them. Other value guesses are
      // shown beside their column, not chosen.
      const prefilled = !report && !Array.isArray(applied.roles) && columns.some((c) => c.guess || c.candidateFor);
      const named = columns.some((c) => c.guess && c.confidence >= 1);
      for (const c of columns) c.prefill = c.candidateFor ?? (named && !(c.confidence >= 1) ? null : c.guess);
      // With the user's own roles, the draft keeps them and puts the missing role on its candidate.
      const given = !report && Array.isArray(applied.roles) && applied.roles.length === columns.length;
      const draftRoles = prefilled
        ? columns.map((c) => c.prefill ?? null)
        : given
          ? applied.roles.map((r, j) => columns[j].candidateFor ?? r)
          : [...shown.roles];
      return {
        name: file.name,
        report,
        baseline: base,
        columns,
        applied,
        shown,
        draft: { ...shown, roles: draftRoles },
        prefilled,
        rolesTouched: false,
        names: fileNames,
        remember: Boolean(loadMapping(fileNames)),
        inError: this.#errorFile === i,
      };
    });
    this.#section.hidden = false;
    this.render();
    // Open at the column the error names as the best candidate.
    const row = this.#section.querySelector('tr[data-candidate="true"]');
    if (row) {
      row.scrollIntoView?.({ block: 'center' });
      row.querySelector('select')?.focus({ preventScroll: true });
    }
  }

  hide() {
    this.#files = [];
    this.#section.replaceChildren();
    this.#section.hidden = true;
  }

  get visible() {
    return !this.#section.hidden;
  }

  /** Renders the current model in the current language (called again after a language switch). */
  render() {
    if (this.#section.hidden) return;
    // Only files that were read (or failed) have something to show.
    const blocks = this.#files.map((f, i) => (f.report || f.inError ? this.#fileBlock(f, i) : null)).filter(Boolean);
    const children = [
      h('h2', { class: 'section-title' }, t('map.title')),
      h('p', { class: 'map-intro' }, t('map.intro')),
      this.#savedApplied
        ? h('p', { class: 'map-note', 'data-testid': 'map-saved-applied', role: 'status' }, t('map.saved_applied'))
        : null,
      ...blocks,
      h(
        'div',
        { class: 'map-actions' },
        h(
          'button',
          { type: 'button', class: 'button button--primary', 'data-testid': 'map-apply', onclick: () => this.#apply() },
          t('map.apply'),
        ),
        h('span', { class: 'map-hint' }, t('map.apply_hint')),
      ),
    ];
    if (this.#needsAttention()) {
      this.#section.replaceChildren(...children.filter(Boolean));
      return;
    }
    // Nothing to check: one line that says how the files were read, which opens the panel.
    const fold = h(
      'details',
      {
        class: 'map-fold',
        'data-testid': 'map-fold',
        open: this.#unfolded,
        ontoggle: (e) => {
          this.#unfolded = e.target.open;
        },
      },
      h(
        'summary',
        { 'data-testid': 'map-summary' },
        h('span', { class: 'map-fold-title' }, t('map.title')),
        ' ',
        h('span', { class: 'map-fold-line' }, t('map.folded', { files: this.#foldedFiles() })),
        ' ',
        h('span', { class: 'map-fold-change' }, t('map.change')),
      ),
      ...children.filter(Boolean),
    );
    this.#section.replaceChildren(fold);
  }

  /**
   * The panel opens by itself when something may be wrong: an error to fix, text that looks
   * misdecoded, a column the core doubts, a role the core calls unsure (guessed below its sure confidence),
   * settings the user chose (they are still working on them) or a saved mapping applied (it says so).
   */
  #needsAttention() {
    if (this.#savedApplied || this.#errorFile != null) return true;
    return this.#files.some(
      (f) =>
        f.inError ||
        !f.report ||
        Object.keys(f.applied ?? {}).length > 0 ||
        hasMojibake(
          f.report,
          f.columns.map((c) => c.name),
        ) ||
        f.columns.some((c) => c.doubtful || c.unsure),
    );
  }

  /** "OnlineRetail.csv: UTF-8, comma, 8 columns, 7 roles" per file. */
  #foldedFiles() {
    return this.#files
      .filter((f) => f.report)
      .map((f) => {
        const r = f.report;
        const isSheet = r.container === 'xlsx' || r.container === 'xls';
        const delimiter = delimiterValue(r.delimiter);
        const delimiterKey = { ',': 'comma', ';': 'semicolon', '|': 'pipe', tab: 'tab', whitespace: 'whitespace' }[
          delimiter
        ];
        const params = {
          name: f.name,
          encoding: r.encoding ?? '?',
          delimiter: delimiterKey ? t(`fmt.delimiter.${delimiterKey}`) : String(delimiter || '?'),
          columns: f.columns.length,
          roles: f.columns.filter((c) => c.role).length,
        };
        return t(isSheet ? 'map.folded_sheet' : 'map.folded_file', params);
      })
      .join(getLang() === 'zh-CN' ? '；' : '; ');
  }

  // ---- one file ----------------------------------------------------------------------

  #fileBlock(f, i) {
    const r = f.report;
    const isSheet = r && (r.container === 'xlsx' || r.container === 'xls');
    const settings = [
      this.#encodingField(f),
      isSheet ? null : this.#delimiterField(f),
      this.#headerRowField(f),
      isSheet ? null : this.#checkField(f, 'noHeader', 'map-no-header', 'map.no_header'),
      r?.date_order != null || f.applied.dateOrder ? this.#dateOrderField(f) : null,
      isSheet ? null : this.#checkField(f, 'decimalComma', 'map-decimal-comma', 'map.decimal_comma'),
      (r?.sheets?.length ?? 0) > 1 ? this.#sheetField(f) : null,
      this.#checkField(f, 'keepZeroPrice', 'map-keep-zero-price', 'map.keep_zero_price'),
    ];
    const names = f.columns.map((c) => c.name);
    return h(
      'article',
      { class: 'card map-file', 'data-testid': 'map-file', dataset: { name: f.name, index: i } },
      h('h3', { class: 'file-name' }, f.name, r?.entry && !isSheet ? ` › ${r.entry}` : null),
      this.#encodingLine(f),
      hasMojibake(r, names)
        ? h(
            'p',
            { class: 'map-warning', 'data-testid': 'map-mojibake', role: 'note' },
            t('map.mojibake', { encoding: f.draft.encoding || f.shown.encoding || '?' }),
          )
        : null,
      f.inError ? h('p', { class: 'map-warning', 'data-testid': 'map-fix-roles' }, t('map.fix_roles')) : null,
      f.inError ? this.#candidateLine(f) : null,
      h('div', { class: 'map-settings' }, settings),
      f.columns.length ? this.#columnsTable(f) : null,
      h(
        'label',
        { class: 'map-remember' },
        this.#checkbox(
          f.remember,
          (v) => {
            f.remember = v;
          },
          { 'data-testid': 'map-remember' },
        ),
        ' ',
        t('map.remember'),
      ),
    );
  }

  #encodingLine(f) {
    const r = f.report;
    if (!r) return null;
    const how = r.encoding_detection ? label('map.detection', r.encoding_detection) : '';
    return h(
      'p',
      {
        class: 'map-detected',
        'data-testid': 'map-encoding-detected',
        dataset: { value: r.encoding ?? '', detection: r.encoding_detection ?? '' },
      },
      t('map.encoding_detected', { encoding: r.encoding ?? '?', how }),
    );
  }

  #field(labelText, control, note) {
    return h(
      'label',
      { class: 'map-field' },
      h('span', { class: 'map-field-label' }, labelText),
      control,
      note ? h('span', { class: 'map-field-note' }, note) : null,
    );
  }

  #select(value, choices, onChange, attrs = {}) {
    const values = choices.map(([v]) => v);
    const all = value == null || value === '' || values.includes(value) ? choices : [[value, value], ...choices];
    const select = h(
      'select',
      { ...attrs, onchange: (e) => onChange(e.target.value) },
      all.map(([v, text]) => h('option', { value: v }, text)),
    );
    select.value = value ?? '';
    return select;
  }

  #checkbox(checked, onChange, attrs = {}) {
    const box = h('input', { ...attrs, type: 'checkbox', onchange: (e) => onChange(e.target.checked) });
    box.checked = Boolean(checked);
    return box;
  }

  #encodingField(f) {
    const choices = ENCODINGS.map((e) => [e, e]);
    if (!f.shown.encoding) choices.unshift(['', t('map.auto')]);
    return this.#field(
      t('map.encoding'),
      this.#select(
        f.draft.encoding,
        choices,
        (v) => {
          f.draft.encoding = v;
        },
        { 'data-testid': 'map-encoding' },
      ),
    );
  }

  #delimiterField(f) {
    const choices = DELIMITERS.map((d) => [
      d,
      t(`map.delimiter.${d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '|' ? 'pipe' : d}`),
    ]);
    if (!f.shown.delimiter) choices.unshift(['', t('map.auto')]);
    return this.#field(
      t('map.delimiter'),
      this.#select(
        f.draft.delimiter,
        choices,
        (v) => {
          f.draft.delimiter = v;
        },
        { 'data-testid': 'map-delimiter' },
      ),
    );
  }

  #headerRowField(f) {
    const input = h('input', {
      type: 'number',
      min: 1,
      step: 1,
      inputmode: 'numeric',
      class: 'map-number',
      'data-testid': 'map-header-row',
      placeholder: t('map.auto'),
      oninput: (e) => {
        const n = Number.parseInt(e.target.value, 10);
        f.draft.headerRow = Number.isInteger(n) && n >= 1 ? n : f.shown.headerRow;
      },
    });
    input.value = f.draft.headerRow == null ? '' : String(f.draft.headerRow);
    return this.#field(t('map.header_row'), input);
  }

  #dateOrderField(f) {
    const ev = f.report?.date_evidence ?? {};
    const choices = DATE_ORDERS.map((d) => [d, t(`map.date_order.${d}`)]);
    if (!f.shown.dateOrder) choices.unshift(['', t('map.auto')]);
    return this.#field(
      t('map.date_order'),
      this.#select(
        f.draft.dateOrder ?? '',
        choices,
        (v) => {
          f.draft.dateOrder = v || null;
        },
        { 'data-testid': 'map-date-order' },
      ),
      f.report
        ? t('map.date_evidence', {
            month_first: ev.month_first ?? 0,
            day_first: ev.day_first ?? 0,
            ambiguous: ev.ambiguous ?? 0,
          })
        : null,
    );
  }

  /**
   * A checkbox setting of the draft: `noHeader` (every record is data, roles from the values),
   * `decimalComma`, or `keepZeroPrice` (zero-price lines kept as purchases worth 0).
   */
  #checkField(f, key, testid, label) {
    return h(
      'label',
      { class: 'map-field map-field--check' },
      this.#checkbox(
        f.draft[key],
        (v) => {
          f.draft[key] = v;
        },
        { 'data-testid': testid },
      ),
      ' ',
      t(label),
    );
  }

  #sheetField(f) {
    const sheets = f.report.sheets.map((s) => [s, s]);
    return this.#field(
      t('map.sheet'),
      this.#select(
        f.draft.sheet ?? '',
        sheets,
        (v) => {
          f.draft.sheet = v;
        },
        { 'data-testid': 'map-sheet' },
      ),
    );
  }

  #columnsTable(f) {
    const roleChoices = [['', t('role.none')], ...ROLES.map((r) => [r, label('role', r)])];
    const rows = f.columns.map((c) => {
      const role = f.draft.roles[c.index] ?? null;
      const select = this.#select(
        role ?? '',
        roleChoices,
        (v) => {
          f.draft.roles[c.index] = v || null;
          f.rolesTouched = true;
          this.render();
        },
        { 'data-testid': `map-role-${c.index}`, 'aria-label': t('map.role_for', { column: c.name }) },
      );
      const conf = this.#confidence(f, c);
      const classes = [role == null ? 'unused' : null, c.candidateFor ? 'map-candidate' : null].filter(Boolean);
      return h(
        'tr',
        {
          class: classes.join(' ') || null,
          dataset: {
            index: c.index,
            column: c.name,
            role: role ?? '',
            guess: c.guess ?? '',
            ...(c.candidateFor ? { candidate: 'true' } : {}),
          },
        },
        h('td', { class: 'num' }, formatInt(c.index + 1)),
        h(
          'th',
          { scope: 'row', class: 'map-name' },
          c.name,
          c.candidateFor
            ? h(
                'span',
                { class: 'map-candidate-mark', 'data-testid': `map-candidate-${c.index}` },
                t('map.candidate_mark', { role: label('role', c.candidateFor) }),
              )
            : null,
          c.doubtful
            ? h(
                'span',
                { class: 'map-doubtful', 'data-testid': `map-doubtful-${c.index}`, role: 'note' },
                h('span', { 'aria-hidden': 'true' }, '⚠ '),
                t('map.doubtful'),
              )
            : null,
        ),
        h('td', {}, select),
        h(
          'td',
          { class: 'map-samples', 'data-testid': `map-samples-${c.index}` },
          c.samples.length
            ? c.samples.map((s) => h('span', { class: 'map-sample' }, s))
            : h('span', { class: 'map-none' }, '—'),
        ),
        h(
          'td',
          { class: 'num map-confidence', 'data-testid': `map-confidence-${c.index}`, dataset: { value: conf.value } },
          conf.text,
        ),
      );
    });
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { 'data-testid': 'map-columns', class: 'map-columns' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', class: 'num' }, t('col.index')),
            h('th', { scope: 'col' }, t('col.column')),
            h('th', { scope: 'col' }, t('col.role')),
            h('th', { scope: 'col' }, t('map.samples')),
            h('th', { scope: 'col', class: 'num' }, t('map.confidence')),
          ),
        ),
        h('tbody', {}, rows),
      ),
    );
  }

  /** Under a missing-role error: the best candidate column the core names, if any. */
  #candidateLine(f) {
    const c = f.columns.find((col) => col.candidateFor);
    if (!c) return null;
    return h(
      'p',
      { class: 'map-note', 'data-testid': 'map-candidate', dataset: { column: c.name, role: c.candidateFor } },
      t('map.candidate', { role: label('role', c.candidateFor), column: c.name }),
    );
  }

  /** A score as shown: 100% for a header name, "guess, NN%" below 1. */
  #score(score) {
    const pct = Math.round(score * 100);
    return { value: String(score), text: score >= 1 ? `${pct}%` : t('map.guess_pct', { pct }) };
  }

  /** The confidence shown for a column: the user's own choice, or detection's score. */
  #confidence(f, c) {
    const draftRole = f.draft.roles[c.index] ?? null;
    if (f.prefilled && !f.report) {
      // Under an error: the core's guess, the suggestion for the missing role, or the user's.
      if (c.candidateFor && draftRole === c.candidateFor) return { value: 'suggested', text: t('map.suggested') };
      if (draftRole !== (c.prefill ?? null)) return { value: 'user', text: t('map.set_by_you') };
      if (typeof c.confidence !== 'number' || c.confidence <= 0 || c.guess == null) return { value: '', text: '—' };
      if (draftRole == null) {
        // A guess from the values that the core did not use: shown, not chosen.
        const pct = Math.round(c.confidence * 100);
        return { value: 'guess', text: t('map.guess_role', { role: label('role', c.guess), pct }) };
      }
      return this.#score(c.confidence);
    }
    const userRoles = f.applied.roles;
    const detected = f.baseline?.columns?.find((b) => b.index === c.index && b.name === c.name) ?? null;
    const changedNow = draftRole !== (f.shown.roles[c.index] ?? null);
    const setByUser = changedNow || (Array.isArray(userRoles) && (!detected || (detected.role ?? null) !== draftRole));
    if (setByUser) return { value: 'user', text: t('map.set_by_you') };
    const score = Array.isArray(userRoles) ? detected?.confidence : c.confidence;
    if (typeof score !== 'number') return { value: '', text: '—' };
    if (draftRole == null && score === 0) return { value: '0', text: '—' };
    return this.#score(score);
  }

  // ---- apply ---------------------------------------------------------------------------

  /** Options for each file: what the last run used, plus what the user changed here. */
  #collect() {
    return this.#files.map((f) => {
      if (!f.report && !f.inError) return cleanOptions(f.applied);
      const next = { ...f.applied };
      const { draft, shown } = f;
      let structural = false;
      if (draft.encoding && draft.encoding !== shown.encoding) next.encoding = draft.encoding;
      if (draft.delimiter && draft.delimiter !== shown.delimiter) {
        next.delimiter = draft.delimiter;
        structural = true;
      }
      if (draft.headerRow != null && draft.headerRow !== shown.headerRow) {
        next.headerRow = draft.headerRow;
        structural = true;
      }
      if (Boolean(draft.noHeader) !== Boolean(shown.noHeader)) {
        if (draft.noHeader) {
          next.noHeader = true;
          delete next.headerRow;
        } else {
          delete next.noHeader;
        }
        structural = true;
      }
      if (draft.dateOrder && draft.dateOrder !== shown.dateOrder) next.dateOrder = draft.dateOrder;
      if (typeof draft.decimalComma === 'boolean' && draft.decimalComma !== shown.decimalComma)
        next.decimalComma = draft.decimalComma;
      if (draft.sheet && draft.sheet !== shown.sheet) {
        next.sheet = draft.sheet;
        structural = true;
      }
      if (Boolean(draft.keepZeroPrice) !== Boolean(shown.keepZeroPrice)) {
        if (draft.keepZeroPrice) next.keepZeroPrice = true;
        else delete next.keepZeroPrice;
      }
      const encodingChanged = Boolean(draft.encoding && draft.encoding !== shown.encoding);
      // The guesses an error opened with are sent as they are, unless the user changed how
      // the file is read (its columns may then be other ones) without touching the roles.
      const guessesOnly = f.prefilled && !f.rolesTouched && (structural || encodingChanged);
      if (!sameRoles(draft.roles, shown.roles) && !guessesOnly) next.roles = [...draft.roles];
      else if (structural) delete next.roles; // the columns may now be different ones
      return cleanOptions(next);
    });
  }

  #apply() {
    const options = this.#collect();
    const remember = this.#files.map((f) => f.remember);
    this.#onApply?.(options, remember);
  }
}
