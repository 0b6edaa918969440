// Boots the page: language, drop zone, and the analysis client → views.
//
// State machine (mirrored in [data-testid="status"][data-state] and in
// window.__clientele.state):
//
//   idle ──drop──▶ running ──result──▶ done
//                     │ ├───error───▶ error
//                     │ └──cancel───▶ cancelled
//   any state ──drop──▶ running   (a drop while running replaces that run)
//
// The page only posts File handles and renders results; all parsing happens
// in the worker, so the main thread stays responsive on large files.

import { getLang, setLang, onLangChange, t, applyTranslations } from './i18n/index.js';
import { AnalysisClient } from './client/analysis-client.js';
import { renderOverview } from './views/overview.js';
import { renderError } from './views/errors.js';
import { ProgressView } from './views/progress.js';
import { formatDuration } from './render/format.js';

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

const els = {
  lang: byTestId('lang-select'),
  dropZone: byTestId('drop-zone'),
  fileInput: byTestId('file-input'),
  status: byTestId('status'),
  progress: byTestId('progress'),
  cancel: byTestId('cancel-button'),
  errorPanel: byTestId('error-panel'),
  overview: byTestId('overview'),
  engine: byTestId('engine-version'),
};

/** Read by end-to-end tests; updated on every run. */
const debug = {
  lastResult: null,
  lastError: null,
  lastElapsedMs: null,
  state: 'idle',
  version: null,
};
window.__clientele = debug;

const progressView = new ProgressView(els.progress);
let runToken = 0; // identifies the current run; stale outcomes are ignored

let engineFailed = false; // the core could not be loaded at all

const client = new AnalysisClient({
  onReady: (version) => {
    debug.version = version;
    engineFailed = false;
    renderEngine();
  },
  onFatal: (_error, { respawned }) => {
    if (!respawned) {
      engineFailed = true;
      renderEngine();
    }
  },
});

// ---- rendering -----------------------------------------------------------------

function setState(state) {
  debug.state = state;
  els.status.dataset.state = state;
  document.body.dataset.state = state;
  renderStatus();
}

function renderStatus() {
  const state = debug.state;
  els.status.textContent =
    state === 'done' ? t('status.done', { elapsed: formatDuration(debug.lastElapsedMs) }) : t(`status.${state}`);
}

function renderEngine() {
  els.engine.textContent = debug.version
    ? t('footer.version', { version: debug.version })
    : t(engineFailed ? 'footer.version_failed' : 'footer.version_pending');
}

/** Shows whichever of overview / error belongs to the current state. */
function renderResult() {
  const showOverview = debug.state === 'done' && debug.lastResult != null;
  const showError = debug.state === 'error' && debug.lastError != null;
  if (showOverview) renderOverview(els.overview, debug.lastResult);
  else els.overview.replaceChildren();
  if (showError) renderError(els.errorPanel, debug.lastError);
  else {
    els.errorPanel.replaceChildren();
    delete els.errorPanel.dataset.code;
  }
  els.overview.hidden = !showOverview;
  els.errorPanel.hidden = !showError;
}

function rerenderAll() {
  els.lang.value = getLang();
  renderStatus();
  renderEngine();
  if (!els.progress.hidden) progressView.render();
  renderResult();
}

// ---- running an analysis -----------------------------------------------------------

async function analyzeFiles(fileList) {
  const files = Array.from(fileList ?? []);
  if (files.length === 0) return;
  if (client.busy) client.cancel(); // a new drop replaces the run in progress
  const token = ++runToken;

  debug.lastResult = null;
  debug.lastError = null;
  debug.lastElapsedMs = null;
  setState('running');
  renderResult();
  progressView.start();

  const outcome = await client.analyze(files, {
    onProgress: (p) => {
      if (token === runToken) progressView.update(p);
    },
  });
  if (token !== runToken) return; // superseded by a newer drop

  progressView.hide();
  if (outcome.status === 'done') {
    debug.lastResult = outcome.result;
    debug.lastElapsedMs = outcome.elapsedMs ?? null;
    setState('done');
  } else if (outcome.status === 'error') {
    debug.lastError = outcome.error;
    debug.lastElapsedMs = outcome.elapsedMs ?? null;
    setState('error');
  } else {
    setState('cancelled');
  }
  renderResult();
}

function cancel() {
  if (debug.state !== 'running') return;
  client.cancel(); // resolves the pending analyze() as 'cancelled'
}

// ---- drop zone -------------------------------------------------------------------

function hasFiles(event) {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

// Files may be dropped anywhere on the page; the zone lights up while
// dragging. A depth counter copes with dragenter/leave on child elements.
let dragDepth = 0;

function setDragging(on) {
  els.dropZone.classList.toggle('is-dragging', on);
}

document.addEventListener('dragenter', (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  dragDepth += 1;
  setDragging(true);
});

document.addEventListener('dragover', (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault(); // required to allow a drop
  event.dataTransfer.dropEffect = 'copy';
});

document.addEventListener('dragleave', (event) => {
  if (!hasFiles(event)) return;
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) setDragging(false);
});

document.addEventListener('drop', (event) => {
  // Always prevent the default, or the browser would open the file in the tab.
  event.preventDefault();
  dragDepth = 0;
  setDragging(false);
  analyzeFiles(event.dataTransfer?.files);
});

els.fileInput.addEventListener('change', () => {
  const files = Array.from(els.fileInput.files ?? []);
  els.fileInput.value = ''; // so choosing the same file again fires 'change'
  analyzeFiles(files);
});

els.cancel.addEventListener('click', cancel);

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') cancel();
});

// ---- language --------------------------------------------------------------------

els.lang.addEventListener('change', () => setLang(els.lang.value));
onLangChange(rerenderAll);

// ---- boot --------------------------------------------------------------------------

applyTranslations();
rerenderAll();
setState('idle');
client.start(); // load the engine while the user picks a file
