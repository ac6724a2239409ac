// The order-ahead page: the order is placed now and billed later, at pickup ("Charge now"), or
// cancelled before pickup (voided, the reward comes back). Uses the popup sign-in.

import '@demo/widget';

/** The next time the clock shows `hhmm` (today, or tomorrow once it has passed): the pickup. */
function nextPickup(hhmm: string): Date {
  const [hours = 12, minutes = 30] = hhmm.split(':').map(Number);
  const at = new Date();
  at.setHours(hours, minutes, 0, 0);
  if (at.getTime() < Date.now()) at.setDate(at.getDate() + 1);
  return at;
}
import { bindCart, button, byId, Cart, OrderPanel, orderAction, placeOrder, showWebhooks } from './demo';

const widget = document.querySelector('spendgo-loyalty')!;
const cart = new Cart({ LATTE: 2, SALAD: 1 });

const panel = new OrderPanel(
  (order) => {
    if (order.status !== 'placed') return [];
    const act = (action: 'charge' | 'cancel', label: string) =>
      button(
        label,
        () =>
          void orderAction(order.order_id, action).then((view) =>
            panel.track(view).then(() => {
              widget.refresh();
            }),
          ),
        `${label} ${order.order_id}`,
      );
    return [act('charge', 'Charge now'), act('cancel', 'Cancel')];
  },
  () => {
    widget.refresh();
  },
);

bindCart(widget, cart);
showWebhooks();

byId('reserve').addEventListener('submit', (event) => {
  event.preventDefault();
  const checkoutId = new FormData(event.target as HTMLFormElement).get('spendgo_checkout_id');
  const status = byId('pay-status');
  if (typeof checkoutId !== 'string' || !checkoutId) {
    status.textContent = 'Waiting for the loyalty check to finish…';
    return;
  }
  const hold = (byId('hold') as HTMLSelectElement).value;
  placeOrder({
    client_id: widget.clientId ?? '',
    checkout_id: checkoutId,
    store: widget.store ?? '',
    lines: cart.lines(),
    charge_later: true,
    wanted: nextPickup((byId('pickup') as HTMLInputElement).value).toISOString(),
    ...(hold && { hold_seconds: Number(hold) }),
  })
    .then(async (result) => {
      status.textContent = `Order ${result.order_id} placed for ${(byId('pickup') as HTMLInputElement).value}. It is charged at pickup.`;
      widget.clearReward();
      await panel.track(result.order);
    })
    .catch((error: unknown) => {
      status.textContent = `Could not place the order: ${error instanceof Error ? error.message : 'unknown error'}`;
    });
});
