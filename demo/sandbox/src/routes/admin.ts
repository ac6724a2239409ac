// The sandbox's admin surface (/__sandbox/*, only when SANDBOX_ADMIN is "true", which only
// `npm start` and the tests set): reset the fixtures, inspect members with their ledgers, read
// the request log, and set or clear faults. A POST or PUT must be application/json, so a page on
// another site cannot reset or fault the sandbox with a cross-site form or text/plain post.

import { Hono } from 'hono';
import * as z from 'zod';
import { faultSettingsSchema } from '../core/faults';
import { describeIssue } from '../core/wire';
import { SAFE_ID, type SandboxEnv } from '../http/context';

export const admin = new Hono<SandboxEnv>();

const problem = (code: string, message: string) => ({ error: { code, message } });

admin.use('*', async (c, next) => {
  if (!c.var.config.admin)
    return c.json({ error: { code: 'admin_disabled', message: 'The sandbox admin surface is disabled' } }, 404);
  c.header('Cache-Control', 'no-store');
  const writes = c.req.method === 'POST' || c.req.method === 'PUT';
  const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (writes && type !== 'application/json')
    return c.json(problem('unsupported_media_type', 'Admin requests that change state must be application/json'), 415);
  return next();
});

admin.post('/reset', async (c) => {
  await c.var.state.reset();
  return c.json({ reset: true });
});

admin.get('/members', async (c) => c.json({ members: await c.var.state.listMembers() }));

admin.get('/members/:id', async (c) => {
  const id = c.req.param('id');
  const found = SAFE_ID.test(id) ? await c.var.state.inspectMember(id) : null;
  return found ? c.json(found) : c.json(problem('member_not_found', `No member ${id.slice(0, 32)}`), 404);
});

const adjustment = z.strictObject({
  units: z.number().int().min(-1_000_000).max(1_000_000),
  note: z.string().max(200).default('Adjusted in the sandbox'),
});

admin.post('/members/:id/adjust', async (c) => {
  const id = c.req.param('id');
  const body = adjustment.safeParse(await c.req.json().catch(() => null));
  if (!body.success) return c.json(problem('invalid_adjustment', describeIssue(body.error)), 400);
  const member = SAFE_ID.test(id) ? await c.var.state.adjustBalance(id, body.data.units, body.data.note) : null;
  return member ? c.json({ member }) : c.json(problem('member_not_found', `No member ${id.slice(0, 32)}`), 404);
});

admin.get('/requests', async (c) => {
  const limit = z.coerce.number().int().min(1).max(1000).catch(200).parse(c.req.query('limit'));
  return c.json({ requests: await c.var.state.requestLog(limit) });
});

admin.delete('/requests', async (c) => {
  await c.var.state.clearRequestLog();
  return c.body(null, 204);
});

admin.get('/faults', async (c) => c.json(await c.var.state.faults()));

admin.put('/faults', async (c) => {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return c.json(problem('malformed_json', 'The body must be JSON'), 400);
  }
  const parsed = faultSettingsSchema.safeParse(body);
  if (!parsed.success) return c.json(problem('invalid_faults', describeIssue(parsed.error)), 400);
  await c.var.state.setFaults(parsed.data);
  return c.json(parsed.data);
});

admin.delete('/faults', async (c) => {
  await c.var.state.setFaults(faultSettingsSchema.parse({}));
  return c.body(null, 204);
});
