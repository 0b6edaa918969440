// Where the page's drop → overview time goes (issue 16), run by hand (never by tests):
//   node bench/web/drop-profile.mjs FILE [RUNS]        (PROFILE=1 adds a main-thread CPU profile)
// Each run opens a fresh tab of dist/ (as bench/web/page.mjs), waits for the worker, gives FILE to
// the file input and prints a timeline from setInputFiles: the change event, the analyze message
// posted, the result received, the first frame showing the overview, the next frame (the one
// after the browser's first layout of the overview); then the worker's phases (waiting for the
// core, awaiting file chunks, ingest, overview) and the page's render of the result
// (window.__clientele.lastPhases). With PROFILE=1, the main thread's self time by function.
const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 2);
if (!file) throw new Error('usage: node bench/web/drop-profile.mjs FILE [RUNS]');
const { startServer, launch } = await import('../../tests/e2e/helpers.mjs');

/** In the page: marks of the messages to and from the worker and of the overview's frames. */
function watch() {
  const marks = (window.__marks = []);
  const mark = (name) => marks.push([name, performance.now()]);
  const Orig = window.Worker;
  window.Worker = class extends Orig {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', (e) => {
        if (e.data?.type === 'result') mark(`result received (worker elapsed ${e.data.elapsedMs} ms)`);
      });
    }
    postMessage(m, ...rest) {
      mark(`post ${m?.op}${m?.args?.name ? ` ${m.args.name}` : ''}`);
      return super.postMessage(m, ...rest);
    }
  };
  document.addEventListener(
    'change',
    () => {
      mark('change');
      const frame = () => {
        const ov = document.querySelector('[data-testid="overview"]');
        if (window.__clientele?.state === 'done' && ov && !ov.hidden && ov.childElementCount > 0) {
          mark('overview frame');
          requestAnimationFrame(() => mark('next frame'));
        } else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    },
    true,
  );
}

/** Self time per function of a CDP CPU profile, largest first. */
function selfTimes(profile, top = 15) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const f = byId.get(profile.samples[i]).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
}

const server = await startServer();
const browser = await launch();
try {
  for (let i = 0; i < runs; i++) {
    const page = await browser.context.newPage();
    await page.addInitScript(() => localStorage.setItem('clientele.lang', 'en'));
    await page.addInitScript(watch);
    await page.goto(server.url);
    await page.waitForFunction(() => window.__clientele?.version != null, null, { timeout: 120_000 });
    let cdp = null;
    if (process.env.PROFILE) {
      cdp = await browser.context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const t0 = await page.evaluate(() => performance.now());
    await page.setInputFiles('[data-testid="file-input"]', file);
    await page.waitForFunction(() => window.__marks.some((m) => m[0] === 'next frame'), null, {
      polling: 50,
      timeout: 600_000,
    });
    const { marks, phases } = await page.evaluate(() => ({
      marks: window.__marks,
      phases: window.__clientele.lastPhases,
    }));
    console.log(`run ${i + 1}:`);
    for (const [name, t] of marks) console.log(`  ${(t - t0).toFixed(0).padStart(6)} ms  ${name}`);
    console.log(`  phases: ${JSON.stringify(phases)}`);
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      console.log('  main thread, self time:');
      for (const [k, v] of selfTimes(profile)) console.log(`  ${v.toFixed(0).padStart(6)} ms  ${k}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
