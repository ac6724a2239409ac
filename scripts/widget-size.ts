// `npm run size`: the script-tag build's transfer sizes against the budgets (a measurement,
// not a timed test): core ≤ 12 KiB and the sign-in chunk ≤ 17 KiB gzip. Exits 1 over budget.
import { printSizes, widgetSizes } from './size-report.ts';

const rows = widgetSizes();
if (!rows) {
  console.error('dist/widget/cdn is missing: run `npm run build:widget` first.');
  process.exit(1);
}
console.log('widget size (dist/widget/cdn)');
printSizes(rows);
process.exit(rows.every((r) => r.ok) ? 0 : 1);
