// Writes docs/widget-api.md from dist/widget/custom-elements.json: the element's attributes,
// properties, methods, events (with every field), slots, parts, custom properties and states,
// as the JSDoc says; the cart's shape from the proxy's own schema (shared/wire.ts); and every
// error code the widget can report, from the proxy's vocabulary plus the widget's own.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format } from 'prettier';
import * as z from 'zod';
import { ERRORS } from '../proxy/src/http-errors.ts';
import { checkoutRequestSchema } from '../shared/wire.ts';
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
  name?: string;
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
    // Called by the browser for form-associated elements, not by a page.
    m.name !== 'formResetCallback',
);

// Each event's fields, from its class (the element's @fires names the event).
const eventClasses = manifest.modules
  .flatMap((m) => m.declarations ?? [])
  .filter((d) => d.name?.startsWith('Spendgo') && d.name.endsWith('Event'));
const eventName = (d: Declaration) =>
  d.members?.find((m) => m.name === 'eventName')?.default?.replace(/^'|'$/g, '') ?? d.name ?? '';
const eventDetails = eventClasses
  .map((d) => {
    const fields = (d.members ?? []).filter((m) => m.kind === 'field' && !m.static);
    const rows = fields.length
      ? `| Field | Type | Description |\n| --- | --- | --- |\n${fields.map((f) => `| \`${f.name}\` | \`${cell(f.type?.text)}\` | ${cell(f.description)} |`).join('\n')}`
      : 'No fields.';
    return `### \`${eventName(d)}\` (\`${d.name ?? ''}\`)\n\n${rows}\n`;
  })
  .join('\n');

// The cart a page sets (`el.cart`): the checkout request's cart fields, as the proxy validates them.
interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  $ref?: string;
}
const cartSchema = z.toJSONSchema(
  checkoutRequestSchema.pick({ items: true, subtotal: true, tax: true, tip: true, delivery: true, total: true }),
  { io: 'input', unrepresentable: 'any' },
) as JsonSchema;
const bounds = (s: JsonSchema) =>
  [
    s.minimum !== undefined && `≥ ${s.minimum}`,
    s.maximum !== undefined && `≤ ${s.maximum}`,
    s.minLength !== undefined && `${s.minLength}–${s.maxLength ?? '…'} characters`,
    s.maxItems !== undefined && `at most ${s.maxItems}`,
  ]
    .filter(Boolean)
    .join(', ');
const typeOf = (s: JsonSchema): string =>
  s.type === 'array' ? `${s.items ? typeOf(s.items) : 'item'}[]` : s.$ref ? 'modifier' : String(s.type ?? 'object');
function fieldRows(schema: JsonSchema, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, s]) => [
    `| \`${prefix}${name}\` | ${typeOf(s)} | ${schema.required?.includes(name) ? 'yes' : ''} | ${cell(bounds(s))} |`,
    ...(s.type === 'array' && s.items?.properties ? fieldRows(s.items, `${prefix}${name}[].`) : []),
  ]);
}
const cartTable = `| Field | Type | Required | Bounds |\n| --- | --- | --- | --- |\n${fieldRows(cartSchema).join('\n')}`;

// Every code a \`spendgo-error\` may carry: the widget's own, then the proxy's.
const widgetCodes: [string, string, boolean][] = [
  ['network_error', 'The proxy could not be reached.', true],
  ['origin_not_allowed', "The proxy is reachable but refused this page's origin (see the console).", false],
  ['sign_in_cancelled', 'The member cancelled, denied or closed the sign-in.', false],
  ['sign_in_failed', 'The sign-in did not complete.', true],
  ['internal_error', 'Something unexpected failed in the widget.', true],
];
const proxyCodes = Object.entries(ERRORS).map(
  ([code, e]) => [code, e.message, e.retryable] as [string, string, boolean],
);
const codeRows = [...widgetCodes, ...proxyCodes.filter(([code]) => !widgetCodes.some(([w]) => w === code))]
  .map(([code, message, retryable]) => `| \`${code}\` | ${cell(message)} | ${retryable ? 'yes' : ''} |`)
  .join('\n');
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
])}## The cart

Set \`el.cart\` to what the shopper's cart holds; the proxy validates it with these rules (amounts
in the store's currency; your backend states the order again at \`placed\`, priced by itself).

${cartTable}

${table('Events', element.events, [
  ['Event', (r) => code(r.name)],
  ['Description', (r) => r.description ?? ''],
])}## Event details

All events bubble and cross the shadow boundary (\`composed\`); only \`spendgo-reward-select\` is cancelable.

${eventDetails}
## Error codes

| Code | Meaning | Retryable |
| --- | --- | --- |
${codeRows}

${table('Slots', element.slots, [
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
