// Builds the StructuredError that crosses the worker boundary:
//
//   { code, params, file, row, column, message: { en, zh } }
//
// Both messages are built from the code and its params with the message
// tables; the core's English sentence is used only for codes the tables do
// not know. Used by the worker (core errors, panics, read failures) and by
// the client (a worker that could not start or crashed).

import { translate, label, has } from './index.js';

/** Language of each `message` field → table language. */
const MESSAGE_LANGS = Object.freeze({ en: 'en', zh: 'zh-CN' });

/**
 * Params as shown in a message: role and format names become labels in the
 * message's language; everything else is passed through.
 */
function displayParams(code, params, lang) {
  const p = { ...params };
  if (typeof p.role === 'string') p.role = label('role', p.role, lang);
  if (typeof p.analysis === 'string') p.analysis = label('allows', p.analysis, lang);
  if (typeof p.format === 'string') p.format = label('format', p.format, lang);
  if (p.detail != null) p.detail = String(p.detail);
  // A missing role's columns are objects ({name, samples, guess, confidence}): named by their names.
  if (Array.isArray(p.columns)) p.columns = p.columns.map((c) => (c && typeof c === 'object' ? String(c.name) : c));
  return p;
}

/** Message key for a code, with variants chosen from the params. */
function messageKey(code, params) {
  if (code === 'ingest.missing_role' && !(Array.isArray(params.columns) && params.columns.length)) {
    return 'ingest.missing_role.no_columns';
  }
  if (code === 'ingest.missing_role' && typeof params.candidate === 'string') return 'ingest.missing_role.candidate';
  return code;
}

/** The message for `err` in one table language. */
export function errorMessage(err, lang) {
  const params = err.params ?? {};
  const key = messageKey(err.code, params);
  if (has(key, lang)) return translate(lang, key, displayParams(err.code, params, lang));
  // Unknown code: the core's English sentence, else a generic line.
  if (typeof err.message === 'string' && err.message) return err.message;
  return translate(lang, 'error.unknown', { code: String(err.code) });
}

/**
 * Normalises anything describing an error into a plain, cloneable
 * StructuredError. `raw` is a CoreError-like object `{code, params, file,
 * row, column, message}`; `defaults` fills file/row/column where it is silent.
 */
export function structuredError(raw, defaults = {}) {
  const code = typeof raw?.code === 'string' ? raw.code : 'internal.worker';
  const params = raw?.params && typeof raw.params === 'object' ? plain(raw.params) : {};
  const base = {
    code,
    params,
    file: raw?.file ?? defaults.file ?? null,
    row: raw?.row ?? defaults.row ?? null,
    column: raw?.column ?? defaults.column ?? null,
  };
  const english = typeof raw?.message === 'string' ? raw.message : raw?.message?.en;
  const message = {};
  for (const [field, lang] of Object.entries(MESSAGE_LANGS)) {
    message[field] = errorMessage({ ...base, message: english }, lang);
  }
  return { ...base, message };
}

/** A StructuredError for a local failure: `localError('internal.worker', e)`. */
export function localError(code, cause, defaults = {}) {
  return structuredError({ code, params: { detail: describeCause(cause) } }, defaults);
}

/** A short, single-line description of a thrown value (for `detail`). */
export function describeCause(cause) {
  if (cause == null) return 'unknown error';
  if (typeof cause === 'string') return cause;
  if (cause instanceof Error || typeof cause?.message === 'string') {
    const name = cause.name && cause.name !== 'Error' ? `${cause.name}: ` : '';
    return `${name}${cause.message}`.trim() || String(cause);
  }
  return String(cause);
}

/** Deep copy into plain JSON-like data, so postMessage never sees exotic objects. */
function plain(value) {
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return {};
  }
}
