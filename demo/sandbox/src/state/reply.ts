// What the state object hands back to the routes: an HTTP status and a JSON body, with
// Spendgo's error shape (spendgo-api.md §4) built in one place.

export interface Reply {
  status: number;
  body: unknown;
}

export function ok(body: unknown, status = 200): Reply {
  return { status, body };
}

/** `{ id, code, status?, message, details }`; `stage` names the order status that failed. */
export function spendgoError(status: number, code: number, details: string, stage?: string): Reply {
  const id = crypto.randomUUID().replaceAll('-', '').slice(0, 12);
  return { status, body: { id, code, ...(stage && { status: stage }), message: details, details } };
}
