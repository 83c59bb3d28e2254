// Run Lighthouse (performance and accessibility, mobile profile) on a list of pages, with one
// Chromium for all of them, and print one JSON line per run. Called by benchmarks/run.py:
//
//   CHROME_PATH=/usr/bin/chromium node benchmarks/lighthouse.mjs RUNS URL [URL ...]
//
// Lighthouse clears the cache and storage before every run, so each run is a first visit.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const METRICS = {
  fcp: "first-contentful-paint",
  lcp: "largest-contentful-paint",
  tbt: "total-blocking-time",
  cls: "cumulative-layout-shift",
  si: "speed-index",
  bytes: "total-byte-weight",
};

const [runsArg, ...urls] = process.argv.slice(2);
const runs = Number.parseInt(runsArg, 10);
if (!runs || urls.length === 0) {
  console.error("usage: node lighthouse.mjs RUNS URL [URL ...]");
  process.exit(2);
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: FLAGS,
});
try {
  for (let r = 0; r < runs; r++) {
    for (const url of urls) {
      const started = Date.now();
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
      });
      const lhr = result.lhr;
      const out = {
        url,
        run: r,
        seconds: (Date.now() - started) / 1000,
        performance: lhr.categories.performance.score,
        accessibility: lhr.categories.accessibility.score,
        error: lhr.runtimeError ? lhr.runtimeError.message : null,
        failed_a11y: Object.values(lhr.audits)
          .filter(
            (a) =>
              lhr.categories.accessibility.auditRefs.some((ref) => ref.id === a.id && ref.weight > 0) &&
              a.score !== null &&
              a.score < 1,
          )
          .map((a) => a.id),
        render_blocking: (lhr.audits["render-blocking-resources"]?.details?.items || []).map(
          (i) => i.url,
        ),
      };
      for (const [key, id] of Object.entries(METRICS)) {
        out[key] = lhr.audits[id] ? lhr.audits[id].numericValue : null;
      }
      console.log(JSON.stringify(out));
    }
  }
} finally {
  await chrome.kill();
}
