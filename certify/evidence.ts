// Evidence for the certification report: every HTTP exchange a case makes, with secrets taken
// out before anything is kept (tokens, codes, verifiers, client secrets, signatures, and any
// configured secret value wherever it appears). Pure apart from the `fetch` it wraps.

export interface Exchange {
  method: string;
  url: string;
  status: number;
  request?: unknown;
  response?: unknown;
}

const SECRET_KEYS = /^(access_token|refresh_token|id_token|code|code_verifier|client_secret|password)$/i;
const MAX_TEXT = 2000;

/** Replaces secret-bearing fields and any of `secrets` in a JSON value or text. */
export function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    let text = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
    for (const secret of secrets) if (secret.length >= 8) text = text.split(secret).join('[redacted]');
    return text;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v, secrets)]),
    );
  return value;
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Only the path and the query's names: codes and states in a query are not evidence. */
function safeUrl(url: string): string {
  const u = new URL(url);
  const names = [...u.searchParams.keys()];
  return `${u.origin}${u.pathname}${names.length ? `?${names.join('&')}` : ''}`;
}

export class Recorder {
  private current: Exchange[] = [];
  private readonly secrets: readonly string[];

  constructor(secrets: readonly string[]) {
    this.secrets = secrets;
  }

  /** The exchanges since the last call. */
  take(): Exchange[] {
    const taken = this.current;
    this.current = [];
    return taken;
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const raw = init?.body;
    // A form is kept as its fields, whether given as URLSearchParams or already as text, so its
    // secret fields (code, code_verifier, client_secret…) are found by name like JSON's.
    const form = request.headers.get('Content-Type')?.startsWith('application/x-www-form-urlencoded');
    const body =
      raw instanceof URLSearchParams || (form && typeof raw === 'string')
        ? JSON.stringify(Object.fromEntries(new URLSearchParams(raw)))
        : raw === undefined || raw === null
          ? ''
          : typeof raw === 'string'
            ? raw
            : '[binary body]';
    const res = await fetch(request, { redirect: 'manual' });
    const text = await res.clone().text();
    this.current.push({
      method: request.method,
      url: safeUrl(request.url),
      status: res.status,
      ...(body && { request: redact(parse(body), this.secrets) }),
      ...(text && { response: redact(parse(text), this.secrets) }),
    });
    return res;
  };
}
