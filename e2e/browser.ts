// End-to-end helpers: Debian's Chromium through playwright-core (no browser download), the
// sandbox admin for checking Spendgo's side, and the sign-in walk through the sandbox pages.

import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../scripts/chromium.ts';

export const STOREFRONT = 'http://localhost:5173';
export const SANDBOX = 'http://127.0.0.1:8788';
export const SCREENSHOTS = 'test-results/screenshots';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
  });
}

export async function resetSandbox(): Promise<void> {
  const res = await fetch(`${SANDBOX}/__sandbox/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
  });
  if (!res.ok) throw new Error(`sandbox reset failed: ${res.status}`);
}

export interface Member {
  member: { balance: number };
  copies: { rewardId: string; state: string }[];
  ledger: { kind: string; units: number; order_id: string | null }[];
}

export async function member(id: string): Promise<Member> {
  return (await fetch(`${SANDBOX}/__sandbox/members/${id}`)).json() as Promise<Member>;
}

export const available = (m: Member, rewardId: string) =>
  m.copies.filter((c) => c.rewardId === rewardId && c.state === 'available').length;

/** On Spendgo's (the sandbox's) page: choose the member, allow if asked. After the choice the
 * page either leaves the sandbox (or its popup closes) or asks for consent; whichever comes
 * first decides, so a consent page that renders late is never missed. */
export async function chooseMember(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(name) }).click();
  const allow = page.getByRole('button', { name: 'Allow' });
  const asked = allow.waitFor({ timeout: 15_000 }).then(
    () => true,
    () => false,
  );
  const left = page
    .waitForURL((url) => !url.href.startsWith(`${SANDBOX}/oauth2`), { timeout: 15_000, waitUntil: 'commit' })
    .then(
      () => false,
      () => false,
    );
  if (await Promise.race([asked, left])) await allow.click();
}

/** Signs in with the redirect flow from a storefront page and waits for the rewards. */
export async function signIn(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with Spendgo' }).click();
  await page.waitForURL(/127\.0\.0\.1:8788\/oauth2/);
  await chooseMember(page, name);
  await page.waitForURL(new RegExp(`^${STOREFRONT}`));
  await page.getByText(`Hi, ${name.split(' ')[0]}`).waitFor();
}

/** Spendgo order calls the sandbox has seen since the last reset, as `<status> <order id>` and,
 * with `details`, what else the sandbox logged of each (a reservation's `wanted <time>`). */
export async function orderCalls(details = false): Promise<string[]> {
  const res = await fetch(`${SANDBOX}/__sandbox/requests?limit=1000`);
  const { requests } = (await res.json()) as { requests: { path: string; detail: string }[] };
  const calls = requests.filter((r) => r.path.endsWith('/orders')).map((r) => r.detail);
  return details ? calls : calls.map((d) => d.split(' ').slice(0, 2).join(' '));
}

export async function waitForOrder(page: Page, status: string, timeout = 20_000): Promise<string> {
  const order = page.locator(`#orders > li[data-status="${status}"]`).first();
  await order.waitFor({ timeout });
  await page.waitForFunction(() => !document.querySelector('#orders [data-state="pending"]'), undefined, {
    timeout: 20_000,
  });
  return (await order.getAttribute('data-order-id'))!;
}

export const PROXY = 'http://127.0.0.1:8787';

/** A demo client's merchant secret, from the local settings the system runs with (.dev.vars). */
export function merchantSecret(clientId: string): string {
  const settings = readFileSync('.dev.vars', 'utf8');
  const secrets = /^WIDGET_CLIENT_SECRETS=(.*)$/m.exec(settings)?.[1];
  const secret = secrets ? (JSON.parse(secrets) as Record<string, string>)[clientId] : undefined;
  if (!secret) throw new Error(`.dev.vars has no merchant secret for ${clientId}`);
  return secret;
}

/** Signs in to the operations console as `clientId`, from its sign-in page. */
export async function consoleSignIn(page: Page, clientId: string): Promise<void> {
  await page.goto(`${PROXY}/console`);
  await page.getByLabel('Client id').fill(clientId);
  await page.getByLabel('Merchant secret').fill(merchantSecret(clientId));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Orders' }).waitFor();
}

/** axe-core's WCAG 2.1 A/AA violations on the page (its context must bypass CSP: the console runs no script). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }
    ).axe;
    const result = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}
