// The OneTimeIdStore Durable Object: ids that may be used once while they live, one instance
// per id or per issuer of ids, so every check-and-insert is serialised. It holds the jtis of
// DPoP proofs at the token endpoint (per key), sign-in states at the callback (per state) and
// accepted merchant request signatures (per signature), signed-out console sessions (per
// session) and, for good, which storefront placed an order id of a Spendgo account (per id);
// durable-objects.ts names them. One alarm forgets what expired and the instance
// erases itself when nothing is left.
//
// Deployed as the rename of the former AuthStore class (wrangler.toml, migration v2), so the
// ids that class accepted before the upgrade stay refused after it. Instances left over from
// that class's other record kinds (login codes, sign-ins) hold no ids this class reads and are
// erased by their pending alarm.

import { DurableObject } from 'cloudflare:workers';
import { nowSeconds } from './lib/clock';
import { ensureAlarm, SeenIds } from './lib/seen-ids';

export class OneTimeIdStore extends DurableObject<Env> {
  private readonly seen: SeenIds;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.seen = new SeenIds(ctx.storage.sql);
    this.seen.createTable();
  }

  /** True the first time `id` is used (within its lifetime), false for a replay. */
  async useOnce(id: string, expiresAt: number, now: number): Promise<boolean> {
    const fresh = this.seen.use(id, expiresAt, now);
    await ensureAlarm(this.ctx.storage, expiresAt);
    return fresh;
  }

  /** The owner of this instance's name for good: the first to claim it (an order id claimed by
   * the first storefront of a Spendgo account to place it). Never expires, so sets no alarm. */
  claim(owner: string): string {
    const holder = this.seen.any();
    if (holder !== null) return holder;
    this.seen.use(owner, Number.MAX_SAFE_INTEGER, 0);
    return owner;
  }

  /** Whether `id` has been used and still lives (a signed-out console session, say). */
  isUsed(id: string, now: number): boolean {
    return this.seen.has(id, now);
  }

  override async alarm(): Promise<void> {
    const now = nowSeconds();
    this.seen.forgetExpired(now);
    const last = this.seen.lastExpiry();
    if (last < now) {
      await this.ctx.storage.deleteAll();
      this.seen.createTable();
    } else await this.ctx.storage.setAlarm(last * 1000 + 1000);
  }
}
