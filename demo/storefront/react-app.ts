// A tiny React storefront using the React wrapper: the cart is a prop, the events are props.

import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { SpendgoLoyalty } from '../../widget/src/react';
import { money } from './demo';

const cart = { items: [{ label: 'Latte', unit_cost: 4.75, quantity: 2, product_id: 'LATTE' }], subtotal: 9.5 };

function App() {
  const [discount, setDiscount] = useState(0);
  const [state, setState] = useState('loading');
  return h(
    'section',
    { className: 'cart' },
    h('h1', null, 'React checkout'),
    h('p', null, `2 × Latte · total ${money.format(cart.subtotal - discount)}`),
    h('p', { 'data-testid': 'react-state' }, `Widget: ${state}`),
    h(SpendgoLoyalty, {
      clientId: 'demo-bakery',
      proxy: 'http://127.0.0.1:8787',
      store: '999999',
      mode: 'test',
      cart,
      onReady: () => {
        setState('ready');
      },
      onDiscountChange: (e) => {
        setDiscount(e.discount);
      },
    }),
  );
}

createRoot(document.getElementById('app')!).render(h(App));
