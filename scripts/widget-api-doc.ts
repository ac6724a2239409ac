// Writes docs/widget-api.md from dist/widget/custom-elements.json: the element's attributes,
// properties, methods, events, slots, parts, custom properties and states, as the JSDoc says.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format } from 'prettier';
import { root } from './setup.ts';

interface Named {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
  fieldName?: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
}
interface Declaration {
  tagName?: string;
  description?: string;
  attributes?: Named[];
  members?: Named[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
  cssStates?: Named[];
}

const manifest = JSON.parse(readFileSync(resolve(root, 'dist/widget/custom-elements.json'), 'utf8')) as {
  modules: { declarations?: Declaration[] }[];
};
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'spendgo-loyalty');
if (!element) throw new Error('spendgo-loyalty is not in the manifest');

const cell = (text: string | undefined) => (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
function table(title: string, rows: Named[] | undefined, columns: [string, (r: Named) => string][]): string {
  if (!rows?.length) return '';
  const head = `| ${columns.map(([c]) => c).join(' | ')} |\n| ${columns.map(() => '---').join(' | ')} |`;
  return `## ${title}\n\n${head}\n${rows.map((r) => `| ${columns.map(([, f]) => cell(f(r))).join(' | ')} |`).join('\n')}\n\n`;
}
const code = (s: string | undefined) => (s ? `\`${s}\`` : '');

const methods = element.members?.filter(
  (m) =>
    m.kind === 'method' &&
    m.privacy !== 'private' &&
    m.privacy !== 'protected' &&
    !m.static &&
    !['authConfig', 'formResetCallback'].includes(m.name) &&
    !m.name.startsWith('on'),
);
const markdown = `# \`<spendgo-loyalty>\` API

Generated from \`custom-elements.json\` by \`npm run build:widget\`; do not edit by hand.

${element.description ?? ''}

${table('Attributes', element.attributes, [
  ['Attribute', (r) => code(r.name)],
  ['Property', (r) => code(r.fieldName)],
  ['Type', (r) => code(r.type?.text)],
  ['Default', (r) => code(r.default)],
])}${table('Methods', methods, [
  ['Method', (r) => code(`${r.name}()`)],
  ['Description', (r) => r.description ?? ''],
])}${table('Events', element.events, [
  ['Event', (r) => code(r.name)],
  ['Description', (r) => r.description ?? ''],
])}${table('Slots', element.slots, [
  ['Slot', (r) => code(r.name)],
  ['Description', (r) => r.description ?? ''],
])}${table('CSS parts', element.cssParts, [
  ['Part', (r) => code(r.name)],
  ['Description', (r) => r.description ?? ''],
])}${table('CSS custom properties', element.cssProperties, [
  ['Property', (r) => code(r.name)],
  ['Description', (r) => r.description ?? ''],
])}${table('Custom states', element.cssStates, [
  ['State', (r) => code(`:state(${r.name})`)],
  ['Description', (r) => r.description ?? ''],
])}`;

const target = resolve(root, 'docs/widget-api.md');
writeFileSync(target, await format(markdown, { parser: 'markdown', filepath: target, printWidth: 120 }));
console.log('Wrote docs/widget-api.md');
