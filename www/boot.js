// Starts the analysis worker the moment the page starts loading, before app.js and its modules
// have arrived, so the worker fetches and compiles the core while the page's modules load
// (on the 2-core machine app.js's graph took ~0.5-0.8 s, and the worker started only after it).
// The events the worker sends before the page listens (its "ready") are kept here, and
// client/analysis-client.js adopts the worker and replays them (AnalysisClient #ensureWorker).
// The single-file build leaves this script out: its worker comes from a Blob URL.
try {
  const worker = new Worker(new URL('./worker/analysis-worker.js', import.meta.url), {
    type: 'module',
    name: 'clientele-analysis',
  });
  const early = [];
  const keep = (event) => {
    // An error event not cancelled here is reported on the console before the page can handle it.
    if (event.type === 'error') event.preventDefault?.();
    early.push(event);
  };
  for (const type of ['message', 'error', 'messageerror']) worker.addEventListener(type, keep);
  globalThis.__clienteleBootWorker = {
    worker,
    /** Stops keeping events and hands over the worker with the events kept so far. */
    adopt() {
      for (const type of ['message', 'error', 'messageerror']) worker.removeEventListener(type, keep);
      return { worker, early };
    },
  };
} catch {
  // No module workers: the page starts its own and reports why it cannot.
}
