// Lighthouse (Debian's Chromium, headless) on one URL: the three category scores, total blocking
// time and cumulative layout shift, each the median of several runs (one run varies a lot on a
// busy 2-core machine), and where the blocking time went in the median run: its long tasks and
// the main-thread time of each script. Used by `npm run bench`.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.ts';

export interface Audit {
  performance: number;
  accessibility: number;
  bestPractices: number;
  totalBlockingTimeMs: number;
  /** Each run's total blocking time, in run order (how much one run can be trusted). */
  totalBlockingTimeRunsMs: number[];
  /** First and largest contentful paint: a render-blocking widget shows here, not in TBT
   * (which only counts long tasks after the first paint). */
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  cumulativeLayoutShift: number;
  /** The median run's main-thread tasks over 50 ms (each adds its time over 50 ms to TBT). */
  longTasks: { url: string; startMs: number; durationMs: number }[];
  /** The median run's main-thread time per script (evaluation, parse and compile), largest first. */
  scripts: { url: string; scriptingMs: number; parseMs: number }[];
}

interface Item {
  url?: string;
  startTime?: number;
  duration?: number;
  scripting?: number;
  scriptParseCompile?: number;
}
const itemsOf = (audit: { details?: unknown } | undefined): Item[] =>
  (audit?.details as { items?: Item[] } | undefined)?.items ?? [];
const shortUrl = (url: string | undefined) => (url ?? '').replace(/^https?:\/\/[^/]+/, '') || '(unattributed)';

async function auditOnce(url: string): Promise<Audit> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    if (!result) throw new Error(`lighthouse produced no result for ${url}`);
    const { categories, audits } = result.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      totalBlockingTimeMs: Math.round(audits['total-blocking-time']?.numericValue ?? 0),
      totalBlockingTimeRunsMs: [],
      firstContentfulPaintMs: Math.round(audits['first-contentful-paint']?.numericValue ?? 0),
      largestContentfulPaintMs: Math.round(audits['largest-contentful-paint']?.numericValue ?? 0),
      cumulativeLayoutShift: Math.round((audits['cumulative-layout-shift']?.numericValue ?? 0) * 1000) / 1000,
      longTasks: itemsOf(audits['long-tasks']).map((t) => ({
        url: shortUrl(t.url),
        startMs: Math.round(t.startTime ?? 0),
        durationMs: Math.round(t.duration ?? 0),
      })),
      scripts: itemsOf(audits['bootup-time'])
        .map((t) => ({
          url: shortUrl(t.url),
          scriptingMs: Math.round(t.scripting ?? 0),
          parseMs: Math.round(t.scriptParseCompile ?? 0),
        }))
        .slice(0, 6),
    };
  } finally {
    chrome.kill();
  }
}

const median = (values: number[]): number => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs Lighthouse `runs` times (odd) and reports the median of each figure. */
export async function audit(url: string, runs = 3): Promise<Audit> {
  const results: Audit[] = [];
  for (let i = 0; i < runs; i++) results.push(await auditOnce(url));
  const pick = (
    key:
      | 'performance'
      | 'accessibility'
      | 'bestPractices'
      | 'totalBlockingTimeMs'
      | 'firstContentfulPaintMs'
      | 'largestContentfulPaintMs'
      | 'cumulativeLayoutShift',
  ) => median(results.map((r) => r[key]));
  const medianRun = results.find((r) => r.totalBlockingTimeMs === pick('totalBlockingTimeMs'))!;
  return {
    performance: pick('performance'),
    accessibility: pick('accessibility'),
    bestPractices: pick('bestPractices'),
    totalBlockingTimeMs: pick('totalBlockingTimeMs'),
    totalBlockingTimeRunsMs: results.map((r) => r.totalBlockingTimeMs),
    firstContentfulPaintMs: pick('firstContentfulPaintMs'),
    largestContentfulPaintMs: pick('largestContentfulPaintMs'),
    cumulativeLayoutShift: pick('cumulativeLayoutShift'),
    longTasks: medianRun.longTasks,
    scripts: medianRun.scripts,
  };
}
