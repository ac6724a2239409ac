// The e-commerce cart page: the validated discount becomes a cart line; "Pay" goes through the
// demo merchant backend (placed → billed → completed, or voided when the payment fails), and
// completed orders can be refunded.

import '@demo/widget';
import { bindCart, button, byId, Cart, OrderPanel, orderAction, placeOrder } from './demo';

const widget = document.querySelector('spendgo-loyalty')!;
const cart = new Cart({ TURKEY: 2, COOKIE: 1 });

const panel = new OrderPanel((order) =>
  order.status === 'completed'
    ? [
        button(
          'Refund',
          () => void orderAction(order.order_id, 'refund').then((view) => panel.track(view)),
          `Refund ${order.order_id}`,
        ),
      ]
    : [],
);

bindCart(widget, cart);

byId('checkout').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const status = byId('pay-status');
  const checkoutId = new FormData(form).get('spendgo_checkout_id');
  if (!form.reportValidity() || typeof checkoutId !== 'string' || !checkoutId) {
    status.textContent = 'Waiting for the loyalty check to finish…';
    return;
  }
  status.textContent = 'Paying…';
  placeOrder({
    client_id: widget.clientId ?? '',
    checkout_id: checkoutId,
    store: widget.store ?? '',
    lines: cart.lines(),
    fail_payment: (byId('fail-payment') as HTMLInputElement).checked,
  })
    .then(async (result) => {
      status.textContent = `Order ${result.order_id} ${result.order.status}.`;
      widget.clearReward();
      widget.refresh();
      await panel.track(result.order);
      widget.refresh();
    })
    .catch((error: unknown) => {
      status.textContent = `Payment failed: ${error instanceof Error ? error.message : 'unknown error'}`;
    });
});
