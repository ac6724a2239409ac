// Every language, per element: two widgets with different `lang` on one page each keep theirs;
// counts take their plural form; an age is never "this minute".

import { expect, fixture, html } from '@open-wc/testing';
import '../src/index';
import { inLocale, loadLocale } from '../src/i18n';
import { plural } from '../src/plural';
import type { SpendgoLoyalty } from '../src/index';
import { formatAge } from '../src/member-format';
import { memberText } from '../src/member-messages';
import { CLIENT_ID, PROXY } from './fake-proxy';
import { part, proxy, ready, text, until, useFakeProxy } from './widget-helpers';

useFakeProxy('Jordan');

describe('languages', () => {
  it('two widgets with different lang on one page each render in their own', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <spendgo-loyalty client-id=${CLIENT_ID} proxy=${PROXY} store="999999" lang="es"></spendgo-loyalty>
        <spendgo-loyalty client-id=${CLIENT_ID} proxy=${PROXY} store="999999" lang="fr"></spendgo-loyalty>
      </div>`,
    );
    const [es, fr] = [...host.querySelectorAll<SpendgoLoyalty>('spendgo-loyalty')] as [SpendgoLoyalty, SpendgoLoyalty];
    await Promise.all([ready(es), ready(fr)]);
    await until(() => text(es).includes('Hola, Jordan') && text(fr).includes('Bonjour, Jordan'), 'languages mixed');
    // A change to one does not move the other.
    es.lang = 'ar';
    await until(() => text(es).includes('المكافآت'), 'Arabic never shown');
    await fr.updateComplete;
    expect(text(fr)).to.contain('Récompenses');
    expect(fr.hasAttribute('dir')).to.equal(false);
  });

  it('counts take their plural form in each language', async () => {
    proxy.balance = {
      ...proxy.balance,
      units: 'visits',
      program: 'visits',
      balance: 7,
      threshold: 8,
      label: 'Free drink',
    };
    const el = await fixture<SpendgoLoyalty>(
      html`<spendgo-loyalty client-id=${CLIENT_ID} proxy=${PROXY} store="999999" lang="en"></spendgo-loyalty>`,
    );
    await ready(el);
    expect(text(el)).to.contain('1 more visit to your next reward');
    expect(part(el, 'balance')?.textContent).to.equal('7 visits');
    await Promise.all(['es', 'fr', 'ar'].map(loadLocale));
    expect(inLocale('es', () => memberText.toNextVisits(1, '1'))).to.equal('1 visita más para tu próxima recompensa');
    expect(inLocale('fr', () => memberText.balancePoints(0, '0'))).to.equal('0 point');
    expect(inLocale('ar', () => memberText.balancePoints(5, '٥'))).to.equal('٥ نقاط');
    expect(inLocale('ar', () => memberText.balancePoints(40, '٤٠'))).to.equal('٤٠ نقطة');
    expect(inLocale('en', () => plural('x', 2, { one: '{0} thing', other: '{0} things' }, '2'))).to.equal('2 things');
  });

  it('gives Spendgo’s English reason after a sentence in the shopper’s language, marked as English', async () => {
    proxy.checkout = () => ({
      checkout_id: `ck_${'2'.repeat(64)}`,
      discount: 0,
      reward_applied: false,
      reason: 'reward_not_applied',
      message: 'Add a cookie to your order to use Free Cookie.',
      currency: 'USD',
      expires_at: new Date().toISOString(),
    });
    const el = await fixture<SpendgoLoyalty>(
      html`<spendgo-loyalty client-id=${CLIENT_ID} proxy=${PROXY} store="999999" lang="es"></spendgo-loyalty>`,
    );
    el.cart = { items: [{ label: 'Salad', unit_cost: 21.5, quantity: 1 }], subtotal: 21.5 };
    await ready(el);
    await until(() => text(el).includes('Recompensas'), 'Spanish never shown');
    el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')[2]!.click();
    await until(() => part(el, 'status')?.querySelector('[lang="en"]'), 'no reason shown');
    const status = part(el, 'status')!;
    expect(status.textContent.replace(/\s+/g, ' ').trim()).to.equal(
      'Esta recompensa no se puede usar con este pedido. Add a cookie to your order to use Free Cookie.',
    );
    expect(status.querySelector('[lang="en"]')!.textContent).to.equal('Add a cookie to your order to use Free Cookie.');
  });

  it('says how long ago in seconds, minutes or hours, never "this minute"', () => {
    const now = 1_800_000_000_000;
    expect(formatAge(now - 20_000, now, 'en')).to.equal('20 seconds ago');
    expect(formatAge(now, now, 'en')).to.equal('1 second ago');
    expect(formatAge(now - 5 * 60_000, now, 'en')).to.equal('5 minutes ago');
    expect(formatAge(now - 3 * 3_600_000, now, 'es')).to.equal('hace 3 horas');
  });
});
