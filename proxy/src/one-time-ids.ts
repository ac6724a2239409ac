// The OneTimeIdStore Durable Object: ids that may be used once while they live, one instance
// per id or per issuer of ids, so every check-and-insert is serialised. It holds the jtis of
// DPoP proofs at the token endpoint (per key), sign-in states at the callback (per state) and
// accepted merchant request signatures (per signature) and signed-out console sessions (per
// session); durable-objects.ts names them. One alarm forgets what expired and the instance
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
