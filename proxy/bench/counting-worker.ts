// Bench only, never deployed (scripts/bench-counts.ts builds and runs it in workerd): the proxy as
// it ships, with what it asks of Durable Objects counted rather than read off the code: every
// call through a namespace's stubs (from the Worker and from other objects), every alarm that
// runs, and every SQLite row an object writes (rows an SQL statement reports written; one per
// key put or deleted through the key-value API, which keeps its keys in SQLite rows too).
//   GET /__bench/counts  →  the counts so far, then zeroes them; anything else goes to the proxy.
import app, * as proxy from '../src/index';

interface Counts {
  /** By binding name: calls made through its stubs, and alarms its objects ran. */
  requests: Record<string, number>;
  alarms: Record<string, number>;
  rowsWritten: Record<string, number>;
  /** The part of rowsWritten that is a new object creating its tables and indexes. */
  schemaRowsWritten: Record<string, number>;
}
const noCounts = (): Counts => ({ requests: {}, alarms: {}, rowsWritten: {}, schemaRowsWritten: {} });
let counts = noCounts();
const bump = (table: Record<string, number>, name: string, by = 1) => {
  table[name] = (table[name] ?? 0) + by;
};

/** The proxy's Durable Object bindings (wrangler.toml). */
const BINDINGS = [
  'CHECKOUTS',
  'LOGIN_CODES',
  'SIGN_INS',
  'ONE_TIME_IDS',
  'ORDER_LEDGER',
  'RECOVERY_BOARDS',
  'REWARD_HOLDS',
  'ORDER_INDEX',
] as const;
type Binding = (typeof BINDINGS)[number];

/** A method kept on its receiver. Durable Object stubs answer any property name as a remote
 * method (`fn.apply`, `fn.bind` included), so calls go through Reflect.apply. */
const bound = (target: object, value: unknown) =>
  typeof value === 'function' ? (...args: unknown[]) => Reflect.apply(value, target, args) as unknown : value;

function countedStub(binding: string, stub: object): object {
  return new Proxy(stub, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof key === 'symbol' || key === 'then' || typeof value !== 'function') return bound(target, value);
      return (...args: unknown[]) => {
        bump(counts.requests, binding);
        return Reflect.apply(value, target, args) as unknown;
      };
    },
  });
}

function countedNamespace(binding: string, namespace: DurableObjectNamespace): DurableObjectNamespace {
  return new Proxy(namespace, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (key !== 'get') return bound(target, value);
      return (...args: Parameters<DurableObjectNamespace['get']>) => countedStub(binding, target.get(...args));
    },
  });
}

function countedEnv(env: Env): Env {
  const wrapped: Record<string, unknown> = { ...env };
  for (const binding of BINDINGS)
    wrapped[binding] = countedNamespace(binding, (env as unknown as Record<string, DurableObjectNamespace>)[binding]!);
  return wrapped as unknown as Env;
}

/** Counts the rows `binding`'s object writes, on its own storage object (a host object: it is
 * given counting methods, not wrapped, since the runtime checks what it is handed). */
function countWrites(binding: Binding, storage: DurableObjectStorage): void {
  const keysOf = (first: unknown) =>
    typeof first === 'string' ? 1 : Array.isArray(first) ? first.length : Object.keys(first as object).length;
  const sql = storage.sql;
  const exec = sql.exec.bind(sql);
  sql.exec = ((query: string, ...bindings: SqlStorageValue[]) => {
    const cursor = exec(query, ...bindings);
    bump(counts.rowsWritten, binding, cursor.rowsWritten);
    if (/^\s*CREATE\b/i.test(query)) bump(counts.schemaRowsWritten, binding, cursor.rowsWritten);
    return cursor;
  }) as typeof sql.exec;
  for (const name of ['put', 'delete'] as const) {
    const original = (storage[name] as (...args: unknown[]) => unknown).bind(storage);
    (storage as unknown as Record<string, unknown>)[name] = (first: unknown, ...rest: unknown[]) => {
      bump(counts.rowsWritten, binding, keysOf(first));
      return original(first, ...rest);
    };
  }
}

type ObjectClass = new (ctx: DurableObjectState, env: Env) => object;

/** The class `binding` names, as shipped, given counting storage and env, its alarms counted. */
function counted<T extends ObjectClass>(binding: Binding, Base: T): T {
  const Shipped: ObjectClass = Base;
  class Counted extends Shipped {
    constructor(ctx: DurableObjectState, env: Env) {
      countWrites(binding, ctx.storage);
      super(ctx, countedEnv(env));
    }
  }
  const alarm = (Base.prototype as { alarm?: () => Promise<void> }).alarm;
  if (alarm)
    Object.defineProperty(Counted.prototype, 'alarm', {
      value: function (this: object) {
        bump(counts.alarms, binding);
        return alarm.call(this);
      },
    });
  return Counted as unknown as T;
}

export const CheckoutRecord = counted('CHECKOUTS', proxy.CheckoutRecord);
export const LoginCodeStore = counted('LOGIN_CODES', proxy.LoginCodeStore);
export const SignInStore = counted('SIGN_INS', proxy.SignInStore);
export const OneTimeIdStore = counted('ONE_TIME_IDS', proxy.OneTimeIdStore);
export const OrderLedger = counted('ORDER_LEDGER', proxy.OrderLedger);
export const RecoveryBoard = counted('RECOVERY_BOARDS', proxy.RecoveryBoard);
export const RewardHolds = counted('REWARD_HOLDS', proxy.RewardHolds);
export const OrderIndex = counted('ORDER_INDEX', proxy.OrderIndex);

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    if (new URL(request.url).pathname === '/__bench/counts') {
      const answer = Response.json(counts);
      counts = noCounts();
      return answer;
    }
    return app.fetch(request, countedEnv(env), ctx);
  },
} satisfies ExportedHandler<Env>;
