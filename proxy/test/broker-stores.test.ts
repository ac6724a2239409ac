// The sign-in broker's Durable Objects, one per record kind: one-time ids are refused while they
// live, one alarm erases them once they expire, and the instance erases itself when nothing is
// left — and still works when the same name comes back while it is in memory; a login code is
// taken once; a sign-in rotates its refresh secret, admits each proof once and is erased after
// it ends.

import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ROTATION_GRACE_SECONDS } from '../src/oidc/sign-ins';

const now = () => Math.floor(Date.now() / 1000);

it('refuses a live jti twice, keeps one alarm, and forgets jtis once they expire', async () => {
  const stub = env.ONE_TIME_IDS.get(env.ONE_TIME_IDS.idFromName(`dpop:test-${crypto.randomUUID()}`));
  expect(await stub.useOnce('jti-expired-1', now() - 10, now())).toBe(true);
  expect(await stub.useOnce('jti-live-0001', now() + 120, now())).toBe(true);
  expect(await stub.useOnce('jti-live-0001', now() + 120, now())).toBe(false);
  const firstAlarm = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
  expect(await stub.useOnce('jti-live-0002', now() + 130, now())).toBe(true);
  // The alarm is not moved for every proof...
  expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).toBe(firstAlarm);
  // ...it reschedules itself to the latest jti when it fires.
  expect(await runDurableObjectAlarm(stub)).toBe(true);
  const rescheduled = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
  expect(rescheduled).toBeGreaterThanOrEqual((now() + 129) * 1000);
  const left = await runInDurableObject(stub, (_, state) =>
    state.storage.sql
      .exec<{ jti: string }>('SELECT jti FROM jti ORDER BY jti')
      .toArray()
      .map((r) => r.jti),
  );
  expect(left).toEqual(['jti-live-0001', 'jti-live-0002']);
  expect(await stub.useOnce('jti-live-0002', now() + 130, now())).toBe(false);
});

it('erases the whole instance when its alarm finds only expired jtis', async () => {
  const stub = env.ONE_TIME_IDS.get(env.ONE_TIME_IDS.idFromName(`dpop:test-${crypto.randomUUID()}`));
  expect(await stub.useOnce('jti-old-00001', now() - 5, now())).toBe(true);
  expect(await runDurableObjectAlarm(stub)).toBe(true);
  const state = await runInDurableObject(stub, async (_, s) => ({
    alarm: await s.storage.getAlarm(),
    jtis: s.storage.sql.exec('SELECT jti FROM jti').toArray().length,
  }));
  expect(state.alarm).toBeNull();
  expect(state.jtis).toBe(0);
  // The same key comes back later while the instance is still in memory: it starts afresh.
  expect(await stub.useOnce('jti-new-00001', now() + 120, now())).toBe(true);
  expect(await stub.useOnce('jti-new-00001', now() + 120, now())).toBe(false);
});

/** A new sign-in whose current refresh secret is `hash-1`. */
async function signIn(expiresAt: number) {
  const stub = env.SIGN_INS.get(env.SIGN_INS.idFromName(`family:test-${crypto.randomUUID()}`));
  const family = { clientId: 'shop-a', account: 'default', memberId: '1009029', givenName: 'J', jkt: 'k' };
  await stub.createFamily({ ...family, authTime: now(), expiresAt }, 'hash-1');
  return stub;
}

/** The client and DPoP key the test sign-ins belong to. */
const OWNER = { clientId: 'shop-a', jkt: 'k' };

describe('refresh-token rotation', () => {
  const store = () => signIn(now() + 3600);

  it('a spent secret inside the grace window is refused as superseded and ends nothing', async () => {
    const stub = await store();
    const t = now();
    expect(await stub.rotate('hash-1', 'hash-2', t, OWNER)).toMatchObject({ ok: true });
    expect(await stub.rotate('hash-1', 'hash-x', t + ROTATION_GRACE_SECONDS, OWNER)).toEqual({
      ok: false,
      error: 'superseded',
    });
    expect(await stub.isActive(t)).toBe(true);
    expect(await stub.rotate('hash-2', 'hash-3', t + 1, OWNER)).toMatchObject({ ok: true });
  });

  it('a spent secret inside the grace window from another key or client is theft: the whole sign-in ends', async () => {
    for (const thief of [
      { ...OWNER, jkt: 'another-key' },
      { ...OWNER, clientId: 'shop-b' },
    ]) {
      const stub = await store();
      const t = now();
      expect(await stub.rotate('hash-1', 'hash-2', t, OWNER)).toMatchObject({ ok: true });
      expect(await stub.rotate('hash-1', 'hash-x', t + 1, thief)).toEqual({ ok: false, error: 'reused' });
      expect(await stub.isActive(t + 1)).toBe(false);
    }
  });

  it('a spent secret after the grace window is reuse: the whole sign-in ends', async () => {
    const stub = await store();
    const t = now();
    expect(await stub.rotate('hash-1', 'hash-2', t, OWNER)).toMatchObject({ ok: true });
    expect(await stub.rotate('hash-2', 'hash-3', t + 60, OWNER)).toMatchObject({ ok: true });
    // hash-1 was spent long ago (and hash-2 just now): any spent secret counts, not only the last.
    expect(await stub.rotate('hash-1', 'hash-x', t + 61, OWNER)).toEqual({ ok: false, error: 'reused' });
    expect(await stub.isActive(t + 61)).toBe(false);
    expect(await stub.rotate('hash-3', 'hash-4', t + 62, OWNER)).toEqual({ ok: false, error: 'revoked' });
  });

  it('a secret that was never this sign-in’s is refused and ends nothing', async () => {
    const stub = await store();
    expect(await stub.rotate('junk', 'hash-x', now(), OWNER)).toEqual({ ok: false, error: 'unknown' });
    expect(await stub.isActive(now())).toBe(true);
    expect(await stub.rotate('hash-1', 'hash-2', now(), OWNER)).toMatchObject({ ok: true });
  });
});

describe('a sign-in’s proofs and its end', () => {
  it('refuses every proof once it has ended, and is erased an hour after', async () => {
    const t = now();
    const stub = await signIn(t - 1);
    // Ended already: no proof is admitted, a fresh one or not.
    expect(await stub.admitProof('proof-1', t + 60, t)).toEqual({ ok: false, error: 'inactive' });
    // Its alarm keeps it an hour past its end (a late refresh is told it ended), then erases it.
    const alarm = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    expect(alarm).toBeGreaterThanOrEqual((t + 3599) * 1000);
    await runInDurableObject(stub, (_, state) => state.storage.setAlarm(Date.now()));
    await runInDurableObject(stub, (_, state) => state.storage.sql.exec('UPDATE family SET expires_at = ?', t - 7200));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.rotate('hash-1', 'hash-2', t, OWNER)).toEqual({ ok: false, error: 'missing' });
  });

  it('refuses a replayed proof and every proof after sign-out', async () => {
    const t = now();
    const stub = await signIn(t + 600);
    expect(await stub.admitProof('proof-1', t + 60, t)).toEqual({ ok: true, value: null });
    expect(await stub.admitProof('proof-1', t + 60, t)).toEqual({ ok: false, error: 'replayed' });
    await stub.revoke();
    expect(await stub.admitProof('proof-2', t + 60, t)).toEqual({ ok: false, error: 'inactive' });
  });
});

describe('login codes', () => {
  const record = (expiresAt: number) => ({
    clientId: 'shop-a',
    account: 'default',
    redirectUri: 'https://shop-a.test/cb',
    codeChallenge: 'c',
    nonce: null,
    dpopJkt: null,
    memberId: '1',
    givenName: 'J',
    authTime: now(),
    expiresAt,
  });
  const code = () => env.LOGIN_CODES.get(env.LOGIN_CODES.idFromName(`code:test-${crypto.randomUUID()}`));

  it('is taken once; a second redemption names the sign-in the first produced', async () => {
    const stub = code();
    await stub.putCode(record(now() + 120));
    expect(await stub.takeCode(now())).toMatchObject({ ok: true, value: { memberId: '1' } });
    await stub.noteFamily('family-1');
    expect(await stub.takeCode(now())).toEqual({ ok: false, error: { kind: 'used', familyId: 'family-1' } });
  });

  it('an expired code is missing, and taking it spends it; its alarm erases the record', async () => {
    const stub = code();
    await stub.putCode(record(now() - 1));
    expect(await stub.takeCode(now())).toEqual({ ok: false, error: { kind: 'missing' } });
    expect(await stub.takeCode(now())).toEqual({ ok: false, error: { kind: 'used', familyId: null } });
    await runInDurableObject(stub, (_, state) => state.storage.setAlarm(Date.now()));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.takeCode(now())).toEqual({ ok: false, error: { kind: 'missing' } });
  });
});
