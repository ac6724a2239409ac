// Shared by the widget's browser tests: mounting the element, waiting for its events, and
// reading its shadow tree.

import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import type { SpendgoLoyalty } from '../src/index';
import { CLIENT_ID, installFakeProxy, PROXY, storeSession, type FakeProxy } from './fake-proxy';

/** The fake proxy of the current test (set by `useFakeProxy`). */
export let proxy: FakeProxy;

/** Each test starts with empty storage, a fresh fake proxy and, if named, a signed-in member. */
export function useFakeProxy(signedInAs?: string): void {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    if (signedInAs) storeSession(signedInAs);
    proxy = installFakeProxy();
  });
  afterEach(() => {
    proxy.restore();
  });
}

/** The next event of this type on `target`, typed from the global event map. */
export function oneEvent<K extends keyof HTMLElementEventMap>(
  target: EventTarget,
  type: K,
): Promise<HTMLElementEventMap[K]> {
  return new Promise((resolve) => {
    target.addEventListener(
      type,
      (event) => {
        resolve(event as HTMLElementEventMap[K]);
      },
      { once: true },
    );
  });
}

/** The next discount change that is not `pending`: Spendgo's answer, an error, or none. */
export async function settled(target: EventTarget): Promise<HTMLElementEventMap['spendgo-discount-change']> {
  for (;;) {
    const event = await oneEvent(target, 'spendgo-discount-change');
    if (event.status !== 'pending') return event;
  }
}

export const CART = { items: [{ label: 'Salad', unit_cost: 21.5, quantity: 1 }], subtotal: 21.5 };
export async function mount(
  attrs: {
    lang?: string;
    currency?: string;
    allowGuest?: boolean;
    mode?: string;
    /** Offers joining: the terms page and the points per dollar. */
    join?: { terms: string; rate: string };
  } = {},
): Promise<SpendgoLoyalty> {
  const el = await fixture<SpendgoLoyalty>(
    html`<spendgo-loyalty
      client-id=${CLIENT_ID}
      proxy=${PROXY}
      store="999999"
      lang=${attrs.lang ?? 'en'}
      currency=${attrs.currency ?? 'USD'}
      mode=${attrs.mode ?? 'live'}
      ?allow-guest=${attrs.allowGuest ?? false}
      join-terms=${attrs.join?.terms ?? nothing}
      join-earn-rate=${attrs.join?.rate ?? nothing}
    ></spendgo-loyalty>`,
  );
  return el;
}

export const part = (el: SpendgoLoyalty, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const text = (el: SpendgoLoyalty) => el.shadowRoot!.textContent.replace(/\s+/g, ' ');
export const radios = (el: SpendgoLoyalty) => [
  ...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]'),
];
/** Waits (bounded: 5 s) until `predicate` holds. A file's first test may wait for the dev server
 * to build the widget's lazy chunks from cold, which under load takes longer than @open-wc's
 * 1 s default (CI once timed out there). */
export const until = (predicate: () => unknown, message: string) => waitUntil(predicate, message, { timeout: 5000 });

export const ready = (el: SpendgoLoyalty) =>
  until(() => part(el, 'rewards') ?? part(el, 'empty'), 'rewards never shown');
