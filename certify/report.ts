// The certification report in three forms: JSON (for tools), Markdown (for a pull request or an
// email to Spendgo) and a self-contained HTML page (for people). Pure: results in, text out.

import type { Exchange } from './evidence.ts';
import type { Verdict } from './cases.ts';

export interface CaseResult extends Verdict {
  id: string;
  section: string;
  title: string;
  evidence: Exchange[];
}

export interface Report {
  target: { proxy: string; spendgo: string };
  started: string;
  results: CaseResult[];
}

export function summary(report: Report): { pass: number; fail: number; na: number } {
  const count = (s: Verdict['status']) => report.results.filter((r) => r.status === s).length;
  return { pass: count('pass'), fail: count('fail'), na: count('n/a') };
}

export function summaryLine(report: Report): string {
  const { pass, fail, na } = summary(report);
  return `certify: ${pass} passed, ${fail} failed, ${na} not applicable`;
}

const mark = { pass: 'pass', fail: 'FAIL', 'n/a': 'n/a' } as const;

export function toMarkdown(report: Report): string {
  const lines = [
    '# Spendgo certification report',
    '',
    `Proxy ${report.target.proxy} against Spendgo at ${report.target.spendgo}, ${report.started}.`,
    '',
    summaryLine(report),
    '',
    '| Case | Result | What was seen |',
    '| --- | --- | --- |',
    ...report.results.map((r) => `| ${r.title} | ${mark[r.status]} | ${r.detail.replaceAll('|', '\\|')} |`),
    '',
    '## Evidence (secrets redacted)',
  ];
  for (const r of report.results) {
    lines.push('', `### ${r.id}: ${mark[r.status]}`, '');
    for (const e of r.evidence) lines.push(`- \`${e.method} ${e.url}\` → ${e.status}`);
  }
  return `${lines.join('\n')}\n`;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function evidenceHtml(evidence: readonly Exchange[]): string {
  if (!evidence.length) return '';
  const text = evidence
    .map((e) => `${e.method} ${e.url} → ${e.status}\n${e.response ? JSON.stringify(e.response, null, 2) : ''}`)
    .join('\n\n');
  return `<details><summary>${evidence.length} requests</summary><pre>${escape(text)}</pre></details>`;
}

export function toHtml(report: Report): string {
  const { pass, fail, na } = summary(report);
  const rows = report.results
    .map(
      (r) => `<tr class="${r.status === 'n/a' ? 'na' : r.status}"><td>${escape(r.title)}</td><td>${mark[r.status]}</td>
<td>${escape(r.detail)}${evidenceHtml(r.evidence)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Spendgo certification report</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1f}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}
tr.fail td:nth-child(2){color:#a10000;font-weight:600}tr.pass td:nth-child(2){color:#0b6b2b}tr.na{color:#555}
pre{white-space:pre-wrap;font-size:.8rem;background:#f5f5f7;padding:.5rem;max-height:24rem;overflow:auto}
</style></head><body><main>
<h1>Spendgo certification report</h1>
<p>Proxy <code>${escape(report.target.proxy)}</code> against Spendgo at <code>${escape(report.target.spendgo)}</code>, ${escape(report.started)}.</p>
<p><strong>${pass} passed, ${fail} failed, ${na} not applicable.</strong> Secrets are redacted from the evidence.</p>
<table><thead><tr><th>Case</th><th>Result</th><th>What was seen</th></tr></thead><tbody>
${rows}
</tbody></table></main></body></html>
`;
}
