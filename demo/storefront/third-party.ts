// <acme-cart>: a stand-in for another vendor's cart component. It embeds <spendgo-loyalty>
// inside its own shadow root and themes it only through custom properties and ::part().

import '../../widget/src/index';
import type { SpendgoLoyalty } from '../../widget/src/index';
import { money } from './demo';
import { logWidgetEvents } from './event-log';

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  :host { display: block; max-width: 28rem; font-family: Georgia, serif; }
  .box { border: 2px solid #5b2a86; border-radius: 1rem; padding: 1rem; display: grid; gap: .75rem; }
  spendgo-loyalty {
    --spendgo-accent: #5b2a86;
    --spendgo-radius: 1rem;
    --spendgo-surface: color-mix(in srgb, #5b2a86 6%, transparent);
  }
  spendgo-loyalty::part(sign-in-button) { border-radius: 999px; }
  spendgo-loyalty::part(reward-value) { color: #5b2a86; }
`);

class AcmeCart extends HTMLElement {
  private discount = 0;

  connectedCallback(): void {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = `<div class="box">
      <strong>ACME cart</strong>
      <div>2 × Turkey Sandwich · 1 × Latte</div>
      <div>Total: <output id="total"></output></div>
      <spendgo-loyalty client-id="demo-grill" proxy="http://127.0.0.1:8787" store="999999" mode="test"></spendgo-loyalty>
    </div>`;
    const widget = root.querySelector<SpendgoLoyalty>('spendgo-loyalty')!;
    const subtotal = 2 * 9 + 4.75;
    widget.cart = {
      items: [
        { label: 'Turkey Sandwich', unit_cost: 9, quantity: 2, product_id: 'TURKEY', categories: ['sandwich'] },
        { label: 'Latte', unit_cost: 4.75, quantity: 1, product_id: 'LATTE' },
      ],
      subtotal,
    };
    const total = root.querySelector('output')!;
    const show = () => (total.textContent = money.format(subtotal - this.discount));
    widget.addEventListener('spendgo-discount-change', (e) => {
      this.discount = e.discount;
      show();
    });
    // The events are composed: the page outside the shadow root hears them too.
    logWidgetEvents(widget);
    show();
  }
}

customElements.define('acme-cart', AcmeCart);
