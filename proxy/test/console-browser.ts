// A browser on the operations console, for the console's tests: one cookie jar, same-origin
// form posts, redirects not followed, and headers every request carries (Access's assertion).

import { CLIENT_ID, MERCHANT_SECRET, proxy, PROXY } from './helpers';

/** A browser on the console: one cookie, same-origin form posts, redirects not followed. */
export class ConsoleBrowser {
  cookie = '';
  /** Sent with every request (a Cloudflare Access assertion, say). */
  always: Record<string, string> = {};

  async send(path: string, options: { form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const headers = new Headers({ ...this.always, ...options.headers });
    if (this.cookie) headers.set('Cookie', this.cookie);
    if (options.form) {
      headers.set('Content-Type', 'application/x-www-form-urlencoded');
      if (!headers.has('Sec-Fetch-Site')) headers.set('Sec-Fetch-Site', 'same-origin');
    }
    const res = await proxy.fetch(`${PROXY}${path}`, {
      method: options.form ? 'POST' : 'GET',
      headers,
      redirect: 'manual',
      ...(options.form && { body: new URLSearchParams(options.form).toString() }),
    });
    const set = res.headers.get('Set-Cookie');
    if (set) this.cookie = /Max-Age=0/i.test(set) ? '' : set.split(';')[0]!;
    return { res, status: res.status, location: res.headers.get('Location'), html: await res.text() };
  }

  async signIn(secret = MERCHANT_SECRET, clientId = CLIENT_ID) {
    return this.send('/console/sign-in', { form: { client_id: clientId, secret } });
  }

  /** The CSRF token of the page at `path` (any signed-in page carries it in the sign-out form). */
  async csrf(path = '/console'): Promise<string> {
    const page = await this.send(path);
    const token = /name="csrf" value="([^"]+)"/.exec(page.html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${path} (${page.status})`);
    return token;
  }
}
