// The demo pages' log of every event the widget fires, with its payload: what a developer
// reading the demo sees the host cart being told.

import type { SpendgoLoyalty } from '../../widget/src/index';

/** Logs every event the widget fires, oldest first, with its payload; the log scrolls to the
 * newest in a box of its own size, so a new line moves nothing already on the page. Lines are
 * written once per frame, so a burst of events costs one layout, not one each (reading the
 * scroll height forces one), and the time is written without Intl, whose first use is slow:
 * the page's own logging must not be what the bench counts against the widget. */
export function logWidgetEvents(widget: SpendgoLoyalty): void {
  const pending: HTMLLIElement[] = [];
  const two = (n: number) => String(n).padStart(2, '0');
  const log = (name: string, detail: object) => {
    const now = new Date();
    const li = document.createElement('li');
    li.textContent = `${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())} ${name} ${JSON.stringify(detail)}`;
    if (pending.push(li) > 1) return;
    requestAnimationFrame(() => {
      const list = document.getElementById('events')!;
      list.append(...pending.splice(0));
      list.scrollTop = list.scrollHeight;
    });
  };
  widget.addEventListener('spendgo-ready', () => {
    log('spendgo-ready', {});
  });
  widget.addEventListener('spendgo-session-change', (e) => {
    log(e.type, { state: e.state, givenName: e.givenName });
  });
  widget.addEventListener('spendgo-reward-select', (e) => {
    log(e.type, { reward: e.reward?.label ?? null });
  });
  widget.addEventListener('spendgo-error', (e) => {
    log(e.type, { code: e.code, message: e.message, retryable: e.retryable });
  });
  widget.addEventListener('spendgo-discount-change', (e) => {
    log(e.type, {
      status: e.status,
      checkoutId: e.checkoutId?.slice(0, 14),
      discount: e.discount,
      currency: e.currency,
      reason: e.reason,
      message: e.message,
    });
  });
}
