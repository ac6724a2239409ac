// Taking a `placed`, the one event that needs other objects before it is written: the hold's
// end checked, the order id claimed across the Spendgo account, the checkout claimed in its own
// object (placed.ts decides), then a copy of the member's reward held (hold.ts decides). A
// reward held by another order gives the checkout back. Between the awaits other requests reach
// the ledger, so the order is decided again at the end.

import { err, ok, type Result } from '../../../shared/result';
import { refusal, type Refusal } from '../refusal';
import type { AcceptCommand, AcceptOutcome } from './admission';
import { holdUntil } from './hold';
import type { OrderNeighbours } from './neighbours';
import { wantedOf, type PlacedEvent } from './placed';
import type { OrderState } from './records';

/** What placing reads from the ledger while it runs. */
export interface PlacingLedger {
  neighbours: OrderNeighbours;
  state(): OrderState | null;
  /** The ledger's admission decision for this command, now. */
  precheck(): AcceptOutcome | null;
}

/** The state to write, or the answer when another placed for this order won meanwhile. */
export async function placeOrder(
  ledger: PlacingLedger,
  command: AcceptCommand,
  event: PlacedEvent,
  now: number,
): Promise<Result<{ state: OrderState } | { already: AcceptOutcome }, Refusal>> {
  const { neighbours } = ledger;
  const until = holdUntil(event.hold_until, wantedOf(event), command.holdWindows, now);
  if (!until.ok) return until;
  // Spendgo knows the order by this id within the account: another storefront's must not be it.
  if (!ledger.state() && !(await neighbours.claimOrderId(command)))
    return err(
      refusal(
        'order_id_taken',
        'Another storefront on this Spendgo account already placed an order with this id; use order ids unique across the account (prefix them with the store, say).',
      ),
    );
  const placed = await neighbours.claimCheckout(command, event, now);
  if (!placed.ok) return placed;
  const held = await neighbours.holdReward(command, placed.value, now, until.value);
  const ownCheckout = () => ledger.state()?.checkoutId === event.checkout_id;
  if (!held.ok) {
    if (!ownCheckout()) await neighbours.releaseCheckout(event.checkout_id, command);
    return held;
  }
  const again = ledger.precheck();
  if (again) {
    // Another placed for this order won with another checkout: give this one (and a copy it took) back.
    if (!ownCheckout()) {
      await neighbours.releaseCheckout(event.checkout_id, command);
      if (held.value === 'new' && !ledger.state()?.rewardHeld)
        await neighbours.releaseReward({ ...placed.value, ...command });
    }
    return ok({ already: again });
  }
  return ok({
    state: {
      clientId: command.clientId,
      orderId: command.orderId,
      ...placed.value,
      status: 'new',
      transactionId: null,
      holdUntil: until.value,
      rewardHeld: held.value !== 'none',
      voidedBy: null,
      audit: [],
    },
  });
}
