// Lighthouse (Debian's Chromium, headless) on one URL: the three category scores, total blocking
// time and cumulative layout shift, each the median of several runs (one run varies a lot on a
// busy 2-core machine). Used by `npm run bench`.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.ts';

export interface Audit {
  performance: number;
  accessibility: number;
  bestPractices: number;
  totalBlockingTimeMs: number;
  cumulativeLayoutShift: number;
}

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
      cumulativeLayoutShift: Math.round((audits['cumulative-layout-shift']?.numericValue ?? 0) * 1000) / 1000,
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
  const pick = (key: keyof Audit) => median(results.map((r) => r[key]));
  return {
    performance: pick('performance'),
    accessibility: pick('accessibility'),
    bestPractices: pick('bestPractices'),
    totalBlockingTimeMs: pick('totalBlockingTimeMs'),
    cumulativeLayoutShift: pick('cumulativeLayoutShift'),
  };
}
