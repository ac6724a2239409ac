// What the state object hands back to the routes: an HTTP status and a JSON text (already
// serialised, so it crosses the Durable Object's RPC boundary with a precise type), with
// Spendgo's error shape (docs/spendgo-api.md §4) built in one place.

export interface Reply {
  status: number;
  json: string;
}

export function ok(body: object, status = 200): Reply {
  return { status, json: JSON.stringify(body) };
}

/** `{ id, code, status?, message, details }`; `stage` names the order status that failed. */
export function spendgoError(status: number, code: number, details: string, stage?: string): Reply {
  const id = crypto.randomUUID().replaceAll('-', '').slice(0, 12);
  return ok({ id, code, ...(stage && { status: stage }), message: details, details }, status);
}

/** The mobile API's error shape: `{ code, details }`, with no `id` or `message` (docs/spendgo-api.md §4). */
export function mobileError(status: number, code: number, details: string): Reply {
  return ok({ code, details }, status);
}
