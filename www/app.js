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
import { MappingPanel, loadMapping, saveMapping, forgetMapping, mappingDiffers } from './views/mapping.js';
import { formatDuration, setDataCurrency, guessCurrency } from './render/format.js';
import { VIEWS } from './views/registry.js';
import { LimitsPanel, withLimits } from './views/limits.js';
import { tourStartButton, closeTour } from './views/tour.js';
import './offline.js'; // offline after one visit: the service worker
import { installReport } from './views/report.js';
import { watchContents, watchScrollBoxes } from './render/navigation.js';
import { mountDisplaySettings } from './views/display-settings.js';
import { loadCharts } from './render/chart.js'; // ECharts, off the first load: imported per run

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
  demoButton: byTestId('demo-button'),
  demoPanel: byTestId('demo-panel'),
  views: byTestId('views'),
  tabs: byTestId('tabs'),
  tabPanels: byTestId('tab-panels'),
  mapping: null, // created below, between the error panel and the overview
};

// The "Data import" panel is not in index.html: it is built here, in front of the overview.
els.mapping = document.createElement('section');
els.mapping.className = 'card mapping-panel';
els.mapping.dataset.testid = 'mapping';
els.mapping.hidden = true;
els.overview.before(els.mapping);

// The import settings' "Limits" (views/limits.js), under the demo row: closed until opened.
const limitsEl = document.createElement('details');
limitsEl.className = 'card limits-panel';
limitsEl.dataset.testid = 'limits';
document.querySelector('.demo-row').after(limitsEl);
const limitsPanel = new LimitsPanel(limitsEl);

/** Read by end-to-end tests; updated on every run. */
const debug = {
  lastResult: null,
  lastError: null,
  lastElapsedMs: null,
  lastOptions: null,
  savedApplied: false,
  state: 'idle',
  version: null,
  /** Set by tests and benchmarks: range workers beside the analysis worker (null: the default, worker/ranges.js). */
  rangeWorkers: null,
};
window.__clientele = debug;

const progressView = new ProgressView(els.progress);
let runToken = 0; // identifies the current run; stale outcomes are ignored

let engineFailed = false; // the core could not be loaded at all

/**
 * The files of the last drop and the settings for them:
 *   files     the File objects (re-read on Apply)
 *   options   FileOptions per file for the next/last run (undefined = detect)
 *   baseline  per file, the report of the detection pass (for confidences), or null
 *   names     per file, the header names of the detection pass (keys of saved mappings)
 *   savedApplied  a saved mapping was applied automatically to the last run
 */
let session = null;

const mappingPanel = new MappingPanel(els.mapping, {
  onApply: (options, remember) => {
    if (!session) return;
    session.options = options;
    session.savedApplied = false;
    session.names.forEach((names, i) => {
      if (!names) return;
      if (remember[i]) saveMapping(names, options[i]);
      else forgetMapping(names);
    });
    runSession({ detectionPass: false });
  },
});

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
// Which wasm module the worker runs ('lite', or 'full' once a file needed it), for the tests.
Object.defineProperty(debug, 'core', { enumerable: true, get: () => client.core });
// The engine starts loading now, before the rest of the page is set up: the worker's modules and
// the wasm arrive while the page builds itself (client.start() at the boot then does nothing).
client.start();

// ---- rendering -----------------------------------------------------------------

function setState(state) {
  if (state === 'running') loadCharts().catch(() => {}); // the results draw charts (finishRun waits)
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
  renderMapping();
  renderDemoPanel();
  if (viewsAfterPaint) {
    // A new result: the overview is painted first, the tabs (and the summary's query) just after.
    viewsAfterPaint = false;
    requestAnimationFrame(() => setTimeout(() => renderViews()));
  } else renderViews();
}

/** Set by finishRun, read once by renderResult: draw the views after the overview's first frame. */
let viewsAfterPaint = false;

// ---- analysis views (tabs) ----------------------------------------------------------

/**
 * Tabs over the registered views (./views/registry.js). A view is rendered when its tab is
 * opened, once per load (generation), and again after a language switch.
 */
const views = {
  generation: 0,
  active: VIEWS[0]?.id ?? null,
  /** id → generation it was last rendered for */
  rendered: new Map(),
  panels: new Map(),
  buttons: new Map(),
};
debug.views = views;

function buildTabs() {
  if (views.panels.size) return;
  for (const view of VIEWS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'tab';
    button.setAttribute('role', 'tab');
    button.dataset.testid = `tab-${view.id}`;
    button.id = `tab-${view.id}`;
    button.addEventListener('click', () => openView(view.id));
    const panel = document.createElement('section');
    panel.className = 'tab-panel';
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', button.id);
    panel.dataset.testid = `view-${view.id}`;
    panel.hidden = true;
    els.tabs.append(button);
    els.tabPanels.append(panel);
    views.buttons.set(view.id, button);
    views.panels.set(view.id, panel);
    watchContents(panel); // the view's contents list (render/navigation.js)
  }
}

function viewContext() {
  return { client, overview: debug.lastResult, generation: views.generation };
}

function openView(id) {
  // The tabs stay at the top while scrolling: a tab opened from there starts at its own top.
  const stuck = els.views.getBoundingClientRect().top < 0;
  views.active = id;
  renderViews();
  if (stuck) els.views.scrollIntoView({ block: 'start' });
}

/** Shows the tabs after a result; renders the active view if it has not seen this load. */
function renderViews({ force = false } = {}) {
  const show = debug.state === 'done' && debug.lastResult != null && VIEWS.length > 0;
  els.views.hidden = !show;
  if (!show) return;
  buildTabs();
  for (const view of VIEWS) {
    const button = views.buttons.get(view.id);
    const panel = views.panels.get(view.id);
    const active = view.id === views.active;
    button.textContent = t(view.titleKey);
    button.setAttribute('aria-selected', String(active));
    button.tabIndex = active ? 0 : -1;
    panel.hidden = !active;
    if (active && (force || views.rendered.get(view.id) !== views.generation)) {
      views.rendered.set(view.id, views.generation);
      drawView(view, panel);
    }
  }
}

/** Loaded modules of the lazy views (./views/registry.js): id → promise of the view entry. */
const loadedViews = new Map();

/** Draws `view` into `panel`, importing its module first if it is a lazy entry. */
function drawView(view, panel) {
  const draw = (entry) => {
    try {
      entry.render(panel, viewContext());
    } catch (e) {
      console.error(`view ${view.id} failed to render`, e);
    }
  };
  if (view.render) {
    draw(view);
    return;
  }
  if (!loadedViews.has(view.id)) loadedViews.set(view.id, view.load());
  const generation = views.generation;
  loadedViews.get(view.id).then(
    (entry) => {
      if (entry.id !== view.id) console.error(`view ${view.id}: its module exports view ${entry.id}`);
      // Still the open tab of the same load (the user may have moved on while it loaded).
      if (views.active === view.id && views.generation === generation && !panel.hidden) draw(entry);
      else views.rendered.delete(view.id);
    },
    (e) => {
      loadedViews.delete(view.id);
      views.rendered.delete(view.id);
      console.error(`view ${view.id} failed to load`, e);
    },
  );
}

// ---- the demo store -------------------------------------------------------------------

/** The downloads of the last demo run: object URLs to revoke when replaced. */
let demoUrls = [];

function renderDemoPanel() {
  const demo = debug.state === 'done' ? debug.lastResult?.demo : null;
  els.demoPanel.hidden = !demo;
  if (!demo) {
    closeTour(); // the trainer's tour (./views/tour.js) walks the demo store only
    els.demoPanel.replaceChildren();
    return;
  }
  for (const url of demoUrls) URL.revokeObjectURL(url);
  demoUrls = [];
  const h = document.createElement('h2');
  h.textContent = t('demo.title');
  const intro = document.createElement('p');
  intro.textContent = t('demo.intro', { seed: demo.truth?.params?.seed ?? demo.seed ?? '' });
  const list = document.createElement('ul');
  list.className = 'demo-downloads';
  for (const f of demo.files) {
    const url = URL.createObjectURL(f.blob);
    demoUrls.push(url);
    const a = document.createElement('a');
    a.href = url;
    a.download = f.name;
    a.dataset.testid = `demo-download-${f.name}`;
    a.textContent = t('demo.download', { name: f.name });
    const li = document.createElement('li');
    li.append(a);
    list.append(li);
  }
  const planted = document.createElement('p');
  planted.className = 'muted';
  planted.textContent = t('demo.planted');
  els.demoPanel.replaceChildren(h, intro, list, planted);
  els.demoPanel.append(tourStartButton(() => debug.lastResult)); // the trainer's tour
}

/** Generates the demo store in the worker and analyses it like a drop of its two files. */
async function runDemo() {
  if (client.busy) client.cancel();
  const token = ++runToken;
  session = null;
  debug.lastResult = null;
  debug.lastError = null;
  debug.lastElapsedMs = null;
  setState('running');
  renderResult();
  progressView.start();
  const onProgress = (p) => {
    if (token === runToken) progressView.update(p);
  };
  const outcome = await client.demo({ lang: getLang() === 'zh-CN' ? 'zh' : 'en' }, { onProgress });
  if (token !== runToken) return;
  if (outcome.status === 'done') {
    // The generated files become the session's files, so the mapping panel can re-read them.
    // Only the data files the worker analysed (text/csv): the campaign files are downloads.
    const files = outcome.result.demo.files.filter((f) => f.blob.type === 'text/csv').map((f) => f.blob);
    session = {
      files,
      options: files.map(() => undefined),
      baseline: files.map((_, i) => outcome.result.files?.[i] ?? null),
      names: namesFrom(outcome, files),
      savedApplied: false,
    };
  }
  finishRun(outcome);
}

/**
 * The mapping panel: after a result, and after an error the user can fix from it
 * (a missing role, or any error of a run with settings they chose).
 */
function renderMapping() {
  const error = debug.state === 'error' ? debug.lastError : null;
  const usedOptions = session?.options?.some((o) => o != null);
  const show =
    session != null &&
    ((debug.state === 'done' && debug.lastResult != null) ||
      (error != null && error.file != null && (error.code === 'ingest.missing_role' || usedOptions)));
  if (!show) {
    mappingPanel.hide();
    return;
  }
  mappingPanel.show({
    files: session.files,
    reports: debug.state === 'done' ? (debug.lastResult.files ?? []) : null,
    options: session.options,
    baseline: session.baseline,
    names: session.names,
    error,
    savedApplied: session.savedApplied,
  });
}

function rerenderAll() {
  els.lang.value = getLang();
  renderStatus();
  renderEngine();
  if (!els.progress.hidden) progressView.render();
  renderResult();
}

/** Re-renders the language-dependent parts, keeping the mapping panel's draft choices. */
function rerenderOnLang() {
  els.lang.value = getLang();
  renderStatus();
  renderEngine();
  if (!els.progress.hidden) progressView.render();
  const showOverview = debug.state === 'done' && debug.lastResult != null;
  if (showOverview) renderOverview(els.overview, debug.lastResult);
  if (debug.state === 'error' && debug.lastError != null) renderError(els.errorPanel, debug.lastError);
  mappingPanel.render();
  limitsPanel.render();
  renderDemoPanel();
  renderViews({ force: true });
}

// ---- running an analysis -----------------------------------------------------------

async function analyzeFiles(fileList) {
  const files = Array.from(fileList ?? []);
  if (files.length === 0) return;
  session = {
    files,
    options: files.map(() => undefined),
    baseline: files.map(() => null),
    names: files.map(() => null),
    savedApplied: false,
  };
  await runSession({ detectionPass: true });
}

/** Header names per file from a run's outcome: the reports, or a missing_role error's columns. */
function namesFrom(outcome, files) {
  if (outcome.status === 'done') {
    return files.map((_, i) => {
      const cols = outcome.result?.files?.[i]?.columns;
      return Array.isArray(cols) && cols.length ? cols.map((c) => c.name ?? '') : null;
    });
  }
  const err = outcome.error;
  return files.map((f) =>
    outcome.status === 'error' &&
    err?.code === 'ingest.missing_role' &&
    err.file === f.name &&
    Array.isArray(err.params?.columns)
      ? err.params.columns.map((c) => (c && typeof c === 'object' ? String(c.name ?? '') : String(c)))
      : null,
  );
}

/**
 * Runs the analysis of the session's files with its options. The detection pass (a new drop)
 * then looks for saved mappings of the same header names; if one changes anything, the files
 * are read once more with it before anything is shown.
 */
async function runSession({ detectionPass }) {
  if (!session) return;
  if (client.busy) client.cancel(); // a new drop or Apply replaces the run in progress
  const token = ++runToken;
  const current = session;

  debug.lastResult = null;
  debug.lastError = null;
  debug.lastElapsedMs = null;
  setState('running');
  renderResult();
  progressView.start();

  const onProgress = (p) => {
    if (token === runToken) progressView.update(p);
  };
  let outcome = await client.analyze(current.files, {
    onProgress,
    options: withLimits(current.options, current.files.length),
    rangeWorkers: debug.rangeWorkers ?? undefined,
  });
  if (token !== runToken) return; // superseded by a newer drop

  if (detectionPass && outcome.status !== 'cancelled') {
    current.names = namesFrom(outcome, current.files);
    current.baseline = current.files.map((_, i) =>
      outcome.status === 'done' ? (outcome.result?.files?.[i] ?? null) : null,
    );
    const saved = current.names.map((names) => (names ? loadMapping(names) : null));
    const differs = saved.some((s, i) => s && mappingDiffers(s, current.baseline[i]));
    if (differs) {
      current.options = saved.map((s) => s ?? undefined);
      current.savedApplied = true;
      progressView.start();
      outcome = await client.analyze(current.files, {
        onProgress,
        options: withLimits(current.options, current.files.length),
        rangeWorkers: debug.rangeWorkers ?? undefined,
      });
      if (token !== runToken) return;
    }
  }
  debug.lastOptions = current.options;
  debug.savedApplied = current.savedApplied;
  finishRun(outcome);
}

/** Shows the outcome of a load (files or demo). */
function finishRun(outcome) {
  // The results open on charts: wait for ECharts (imported when the run started), unless a newer
  // run has replaced this one meanwhile. A failed import still shows the results, without charts.
  if (outcome.status === 'done' && !outcome.chartsAwaited) {
    const token = runToken;
    const go = () => token === runToken && finishRun({ ...outcome, chartsAwaited: true });
    loadCharts().then(go, go);
    return;
  }
  progressView.hide();
  views.generation += 1;
  setDataCurrency(outcome.status === 'done' ? guessCurrency(outcome.result) : null); // ¥ for yuan data
  views.active = VIEWS[0]?.id ?? null; // every load opens on the first view: the summary
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
  const drawn = performance.now();
  viewsAfterPaint = outcome.status === 'done';
  renderResult();
  // Where a load's time went (the worker's phases + this render), for bench/web/page.mjs.
  debug.lastPhases = outcome.phases ? { ...outcome.phases, renderMs: Math.round(performance.now() - drawn) } : null;
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
els.demoButton.addEventListener('click', runDemo);

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') cancel();
});

// ---- language --------------------------------------------------------------------

els.lang.addEventListener('change', () => setLang(els.lang.value));
onLangChange(rerenderOnLang);
// Large amounts in 万 / 亿 (zh-CN) or M / B (en): a display setting, redrawn like a language switch.
mountDisplaySettings(document.querySelector('.app-header'), rerenderOnLang);
// Tables that scroll sideways (small screens) are labelled regions reachable with the keyboard.
watchScrollBoxes(document.querySelector('.app-main'));

// ---- boot --------------------------------------------------------------------------

applyTranslations();
rerenderAll();
setState('idle');
client.start(); // load the engine while the user picks a file
// Trainers can link straight to the demo: index.html#demo
if (location.hash === '#demo') runDemo();

// The printable report (views/report.js): its button sits over the results' tabs.
installReport({ host: els.views, context: viewContext });
