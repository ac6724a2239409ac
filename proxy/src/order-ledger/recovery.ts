// Which waiting orders a delivery after failures pulls forward. An order whose event failed
// and waits in backoff is on its client's recovery board; when any of the client's orders is
// delivered after failing (Spendgo answers again), the board wakes waiting orders, the soonest
// first, keeping at most WINDOW of them in flight. Each woken order that is delivered makes room
// for the next, so a recovered Spendgo drains the backlog as fast as it answers; one that fails
// again goes back to waiting with its own backoff, so a Spendgo still down is not hammered.
// Pure: the board's rows and the clock come in.

/** How many woken orders may be in delivery at once, per client. */
export const WINDOW = 32;
/** A woken order that has not reported back in this long is no longer counted in flight
 * (evicted meanwhile, say); its own alarm still delivers it. */
export const IN_FLIGHT_MS = 30_000;

// A type alias, not an interface: SQL rows must be indexable.
export type WaitingRow = {
  order_id: string;
  /** When its own backoff would try again (ms). */
  due_at: number;
  /** When the board woke it (ms), or null while it waits. */
  woken_at: number | null;
};

/** The orders to wake now, soonest due first, within the window. */
export function toWake(rows: readonly WaitingRow[], now: number, window = WINDOW): string[] {
  const inFlight = rows.filter((r) => r.woken_at !== null && now - r.woken_at < IN_FLIGHT_MS).length;
  const room = Math.max(0, window - inFlight);
  return rows
    .filter((r) => r.woken_at === null || now - r.woken_at >= IN_FLIGHT_MS)
    .toSorted((a, b) => a.due_at - b.due_at || a.order_id.localeCompare(b.order_id))
    .slice(0, room)
    .map((r) => r.order_id);
}
