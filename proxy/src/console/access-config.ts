// CONSOLE_ACCESS: the console behind Cloudflare Access. Access signs each request's operator in
// (Cf-Access-Jwt-Assertion, RS256 by the team's keys); this setting names the team, the Access
// application's audience tag, and which clients each operator may see, so one operator can
// serve several brands. Pure: shape and cross-checks only (access.ts verifies tokens).
//   {"team_domain":"https://acme.cloudflareaccess.com","aud":"<application AUD tag>",
//    "operators":{"ops@acme.example":["acme-web","acme-app"]}}

import * as z from 'zod';
import { baseUrl, jsonOf } from '../config-rules';

export interface ConsoleAccess {
  /** The Access team domain: the tokens' issuer, and where its keys are (/cdn-cgi/access/certs). */
  teamDomain: string;
  /** The Access application's AUD tag: a token for another application is refused. */
  audience: string;
  /** Each operator's email (lower case) and the clients it may operate, first one by default. */
  operators: ReadonlyMap<string, readonly string[]>;
}

export const consoleAccessSetting = jsonOf(
  z.strictObject({
    team_domain: baseUrl,
    aud: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, "the Access application's AUD tag"),
    operators: z
      .record(z.email(), z.array(z.string().min(1).max(64)).min(1).max(100))
      .refine((o) => Object.keys(o).length > 0, 'at least one operator'),
  }),
);

export type ConsoleAccessSetting = z.output<typeof consoleAccessSetting>;

/** The setting as the console uses it, or why not: an operator naming a client that does not exist. */
export function consoleAccess(
  setting: ConsoleAccessSetting,
  clients: ReadonlySet<string>,
): { ok: true; value: ConsoleAccess } | { ok: false; problem: string } {
  const operators = new Map<string, readonly string[]>();
  for (const [email, list] of Object.entries(setting.operators)) {
    const unknown = list.find((id) => !clients.has(id));
    if (unknown !== undefined) return { ok: false, problem: `an operator names an unknown client, ${unknown}` };
    const key = email.toLowerCase();
    if (operators.has(key)) return { ok: false, problem: 'an operator is listed twice' };
    operators.set(key, [...new Set(list)]);
  }
  return { ok: true, value: { teamDomain: setting.team_domain, audience: setting.aud, operators } };
}
