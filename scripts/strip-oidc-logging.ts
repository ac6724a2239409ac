// A build plugin for the script-tag bundle: drops oidc-client-ts's log statements. The library
// logs through a Logger whose sink is a no-op until a page calls Log.setLogger, which the widget
// never does, so every `logger.debug(…)`-style statement does nothing at run time yet ships its
// text (about a tenth of the sign-in chunk). A statement is dropped only when it is a call of
// debug/info/warn/error on a logger and its arguments cannot have an effect (no call, `new`,
// assignment, update, await or yield in them); `throw(…)` and everything else stay. Dropped
// statements become `;` and spaces, so every position, and the source map, stays as it was.

import type { Plugin } from 'vite';
import { parseSync } from 'vite';

const LOG_METHODS = new Set(['debug', 'info', 'warn', 'error']);
const LOGGER_NAME = /^_?(logger\d*|Logger)$/;
const EFFECTS = new Set([
  'CallExpression',
  'NewExpression',
  'AssignmentExpression',
  'UpdateExpression',
  'AwaitExpression',
  'YieldExpression',
  'TaggedTemplateExpression',
  'ImportExpression',
]);

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    if (Array.isArray(value)) out.push(...value.filter(isNode));
    else if (isNode(value)) out.push(value);
  }
  return out;
}

function hasEffect(node: Node): boolean {
  return EFFECTS.has(node.type) || children(node).some(hasEffect);
}

/** `logger`, `logger2`, `_logger`, `Logger`, or `this._logger`. */
function isLogger(node: Node): boolean {
  if (node.type === 'Identifier') return LOGGER_NAME.test(node['name'] as string);
  const object = node['object'] as Node | undefined;
  const property = node['property'] as Node | undefined;
  return (
    node.type === 'MemberExpression' &&
    object?.type === 'ThisExpression' &&
    property?.type === 'Identifier' &&
    LOGGER_NAME.test(property['name'] as string)
  );
}

/** A statement that only logs, with arguments that cannot change anything. */
function isLogStatement(node: Node): boolean {
  if (node.type !== 'ExpressionStatement') return false;
  const call = node['expression'] as Node;
  if (call.type !== 'CallExpression') return false;
  const callee = call['callee'] as Node;
  if (callee.type !== 'MemberExpression' || callee['computed']) return false;
  const method = callee['property'] as Node;
  if (method.type !== 'Identifier' || !LOG_METHODS.has(method['name'] as string)) return false;
  return isLogger(callee['object'] as Node) && !(call['arguments'] as Node[]).some(hasEffect);
}

/** The source with every log-only statement blanked; also how many were. */
export function stripLogging(code: string): { code: string; removed: number } {
  const ranges: [number, number][] = [];
  const visit = (node: Node): void => {
    if (isLogStatement(node)) ranges.push([node.start, node.end]);
    else children(node).forEach(visit);
  };
  const parsed = parseSync('module.js', code);
  if (parsed.errors.length > 0) throw new Error(`strip-oidc-logging: cannot parse: ${parsed.errors[0]?.message ?? ''}`);
  visit(parsed.program as unknown as Node);
  let out = code;
  for (const [start, end] of ranges.reverse()) {
    // `;` keeps a blanked `if (…) logger.debug(…);` an if with an empty body.
    out = `${out.slice(0, start)};${out.slice(start + 1, end).replace(/[^\n]/g, ' ')}${out.slice(end)}`;
  }
  return { code: out, removed: ranges.length };
}

export const stripOidcLogging: Plugin = {
  name: 'strip-oidc-logging',
  transform(code, id) {
    if (!id.includes('/node_modules/oidc-client-ts/')) return null;
    return { code: stripLogging(code).code, map: null };
  },
};
