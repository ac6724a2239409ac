// Join at checkout in the widget, in Chromium against the fake proxy: the offer with its points,
// the form's own checks before any request, what it sends, the sign-in with the proxy's ticket,
// and the shopper-facing answers to someone who already belongs or tries too often.

import { expect } from '@open-wc/testing';
import '../src/index';
import type { SpendgoLoyalty } from '../src/index';
import { CLIENT_ID } from './fake-proxy';
import { CART, mount, part, proxy, text, until, useFakeProxy } from './widget-helpers';

useFakeProxy();

async function mountJoin(attrs: { lang?: string; rate?: string } = {}): Promise<SpendgoLoyalty> {
  const el = await mount({
    ...(attrs.lang && { lang: attrs.lang }),
    join: { terms: 'https://shop.test/terms', rate: attrs.rate ?? '1' },
  });
  el.cart = CART;
  await until(() => part(el, 'join-button'), 'no join offer');
  return el;
}

const input = (el: SpendgoLoyalty, name: string) =>
  el.shadowRoot!.querySelector<HTMLInputElement>(`input[name=${name}]`)!;

async function fillAndSubmit(el: SpendgoLoyalty, values: { phone: string; email?: string; terms?: boolean }) {
  input(el, 'phone').value = values.phone;
  if (values.email !== undefined) input(el, 'email').value = values.email;
  if (values.terms ?? true) input(el, 'accept_terms').checked = true;
  part(el, 'join-submit')!.click();
  await el.updateComplete;
}

/** Replaces the element's sign-in with a recorder (a real one would leave the page). */
function recordSignIn(el: SpendgoLoyalty): (string | undefined)[] {
  const calls: (string | undefined)[] = [];
  el.signIn = (ticket?: string) => {
    calls.push(ticket);
    return Promise.resolve();
  };
  return calls;
}

const joins = () => proxy.requests.filter((r) => r.path === '/v1/join');

describe('join at checkout', () => {
  it('offers the points this order would earn from the first render, and nothing without a terms page', async () => {
    const el = await mountJoin({ rate: '1' });
    expect(part(el, 'join-button')!.textContent.trim()).to.equal('Join and earn 21 points on this order');
    // The form's chunk is asked for only when the offer is taken.
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    el.removeAttribute('join-terms');
    el.requestUpdate();
    await el.updateComplete;
    expect(part(el, 'join-button')).to.equal(null);
  });

  it('goes back to the offer on Cancel, focused, and opens again', async () => {
    const el = await mountJoin();
    part(el, 'join-button')!.click();
    await until(() => el.shadowRoot!.querySelector('form'), 'no form');
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Cancel')!.click();
    await until(() => el.shadowRoot!.activeElement === part(el, 'join-button'), 'offer not focused');
    part(el, 'join-button')!.click();
    await until(() => el.shadowRoot!.querySelector('form'), 'form did not open again');
  });

  it('says "rewards" without an earn rate', async () => {
    const el = await mountJoin({ rate: '' });
    expect(part(el, 'join-button')!.textContent.trim()).to.equal('Join and earn rewards on this order');
  });

  it('opens a labelled form with the phone focused, and checks it before asking the proxy', async () => {
    const el = await mountJoin();
    part(el, 'join-button')!.click();
    await until(() => {
      const phone = el.shadowRoot!.querySelector('input[name=phone]');
      return phone !== null && el.shadowRoot!.activeElement === phone;
    }, 'phone not focused');
    await fillAndSubmit(el, { phone: '555-0100', terms: false });
    expect(input(el, 'phone').getAttribute('aria-invalid')).to.equal('true');
    expect(text(el)).to.contain('Enter a 10-digit mobile number.');
    expect(text(el)).to.contain('To join, agree to the programme terms.');
    expect(joins()).to.have.length(0);
    await until(() => el.shadowRoot!.activeElement === input(el, 'phone'), 'first problem not focused');
  });

  it('sends the number, the consents as ticked, and signs in with the ticket', async () => {
    const el = await mountJoin();
    const signIns = recordSignIn(el);
    part(el, 'join-button')!.click();
    await until(() => el.shadowRoot!.querySelector('form'), 'no form');
    input(el, 'first_name').value = 'Alex';
    input(el, 'sms_opt_in').checked = true;
    await fillAndSubmit(el, { phone: '(628) 555-0142' });
    await until(() => signIns.length === 1, 'never signed in');
    expect(signIns[0]).to.equal('ticket-from-the-proxy');
    expect(joins()[0]!.body).to.deep.equal({
      client_id: CLIENT_ID,
      store: '999999',
      phone: '6285550142',
      first_name: 'Alex',
      sms_opt_in: true,
      email_opt_in: false,
      accept_terms: true,
    });
  });

  it('offers sign-in to someone who already belongs, in their words', async () => {
    proxy.join = () => ({
      status: 409,
      value: { error: { code: 'member_exists', message: 'developer text', retryable: false } },
    });
    const el = await mountJoin();
    const signIns = recordSignIn(el);
    part(el, 'join-button')!.click();
    await until(() => el.shadowRoot!.querySelector('form'), 'no form');
    await fillAndSubmit(el, { phone: '4155550100' });
    await until(() => part(el, 'error'), 'no problem shown');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(text(el)).to.contain('already has a Spendgo account');
    expect(text(el)).not.to.contain('developer text');
    part(el, 'error')!.querySelector('button')!.click();
    expect(signIns).to.deep.equal([undefined]);
  });

  it('tells a shopper who tries too often to wait, and says nothing of developer reasons', async () => {
    proxy.join = () => ({ status: 429, value: { error: { code: 'rate_limited', message: 'x', retryable: true } } });
    const el = await mountJoin();
    part(el, 'join-button')!.click();
    await until(() => el.shadowRoot!.querySelector('form'), 'no form');
    await fillAndSubmit(el, { phone: '6285550142' });
    await until(() => part(el, 'error'), 'no problem shown');
    expect(text(el)).to.contain('Please wait a minute');
  });

  it('speaks the shopper’s language, plural forms included', async () => {
    const es = await mountJoin({ lang: 'es' });
    await until(() => part(es, 'join-button')!.textContent.includes('21 puntos'), 'Spanish offer not shown');
    const ar = await mountJoin({ lang: 'ar' });
    await until(() => /[\u0600-\u06FF]/.test(part(ar, 'join-button')!.textContent), 'Arabic offer not shown');
  });
});
