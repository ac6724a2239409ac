// One table's check, in a Durable Object of its own: the demo POS's record of the check and of
// each diner's payment against it. Every change is one synchronous read-modify-write of the
// stored check (the rules are demo/shop/check.ts), so two phones paying at the same moment are
// taken one after the other: the second sees what the first reserved.

import { DurableObject } from 'cloudflare:workers';
import { release, reserve, settle, type Ask, type Check, type CheckRefusal, type Portion } from '../../shop/check';

export class TableCheck extends DurableObject<object> {
  private read(): Check | null {
    const row = this.ctx.storage.sql.exec<{ data: string }>('SELECT data FROM check_record WHERE id = 1').toArray()[0];
    return row ? (JSON.parse(row.data) as Check) : null;
  }

  private write(check: Check): void {
    this.ctx.storage.sql.exec('INSERT OR REPLACE INTO check_record (id, data) VALUES (1, ?)', JSON.stringify(check));
  }

  constructor(ctx: DurableObjectState, env: object) {
    super(ctx, env);
    ctx.storage.sql.exec(
      'CREATE TABLE IF NOT EXISTS check_record (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL)',
    );
  }

  /** Opens the check once; opening it again changes nothing. */
  open(check: Check): Check {
    const existing = this.read();
    if (existing) return existing;
    this.write(check);
    return check;
  }

  get(): Check | null {
    return this.read();
  }

  reserve(
    ask: Ask,
    ids: { id: string; order_id: string },
    tip: number,
  ): { ok: true; portion: Portion } | { ok: false; refusal: CheckRefusal | 'no_check' } {
    const check = this.read();
    if (!check) return { ok: false, refusal: 'no_check' };
    const result = reserve(check, ask, ids, tip);
    if (!result.ok) return result;
    this.write(result.check);
    return { ok: true, portion: result.portion };
  }

  settle(paymentId: string): void {
    const check = this.read();
    if (check) this.write(settle(check, paymentId));
  }

  release(paymentId: string): void {
    const check = this.read();
    if (check) this.write(release(check, paymentId));
  }
}
