// Offline after one visit: registers the service worker (./sw.js) of the served site. Not on a
// page opened from disk (file://, the single file), where service workers do not exist.
// Exposes the registration's progress to the end-to-end tests as window.__clientele_sw.

const state = { status: 'none' };
globalThis.__clientele_sw = state;

if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol) && !globalThis.CLIENTELE_WORKER_URL) {
  state.status = 'registering';
  navigator.serviceWorker
    .register(new URL('./sw.js', import.meta.url), { scope: './' })
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      state.status = 'ready';
    })
    .catch((e) => {
      // The site still works online; only the offline copy is missing.
      state.status = 'failed';
      state.error = String(e?.message ?? e);
    });
}
