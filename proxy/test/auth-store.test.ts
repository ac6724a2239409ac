// The broker's Durable Object housekeeping: DPoP jtis are refused while they live, one alarm
// erases them once they expire, and the instance erases itself when nothing is left — and still
// works when the same key comes back while it is in memory.

import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { expect, it } from 'vitest';

const now = () => Math.floor(Date.now() / 1000);

it('refuses a live jti twice, keeps one alarm, and forgets jtis once they expire', async () => {
  const stub = env.AUTH_STORE.get(env.AUTH_STORE.idFromName(`dpop:test-${crypto.randomUUID()}`));
  expect(await stub.useJti('jti-expired-1', now() - 10, now())).toBe(true);
  expect(await stub.useJti('jti-live-0001', now() + 120, now())).toBe(true);
  expect(await stub.useJti('jti-live-0001', now() + 120, now())).toBe(false);
  const firstAlarm = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
  expect(await stub.useJti('jti-live-0002', now() + 130, now())).toBe(true);
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
  expect(await stub.useJti('jti-live-0002', now() + 130, now())).toBe(false);
});

it('erases the whole instance when its alarm finds only expired jtis', async () => {
  const stub = env.AUTH_STORE.get(env.AUTH_STORE.idFromName(`dpop:test-${crypto.randomUUID()}`));
  expect(await stub.useJti('jti-old-00001', now() - 5, now())).toBe(true);
  expect(await runDurableObjectAlarm(stub)).toBe(true);
  const state = await runInDurableObject(stub, async (_, s) => ({
    alarm: await s.storage.getAlarm(),
    jtis: s.storage.sql.exec('SELECT jti FROM jti').toArray().length,
  }));
  expect(state.alarm).toBeNull();
  expect(state.jtis).toBe(0);
  // The same key comes back later while the instance is still in memory: it starts afresh.
  expect(await stub.useJti('jti-new-00001', now() + 120, now())).toBe(true);
  expect(await stub.useJti('jti-new-00001', now() + 120, now())).toBe(false);
});
