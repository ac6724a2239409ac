// Join at checkout, in its own chunk, loaded when a signed-out shopper takes the element's "Join
// and earn N points on this order" offer (where the page sets `join-terms`): a short form (mobile
// number, optional first name and email, the programme's text and email consent, its terms).
// The proxy looks the shopper up and creates the member; its join ticket signs them in through
// the usual sign-in, with nothing typed again. Someone who already belongs is offered sign-in.
// Each element keeps its own form state here.
//
// Of the script tag's core, the chunk imports Lit's templates only; the string lookup is handed
// in. When a second lazy chunk besides the member's imports more than one of the core's modules,
// the bundler splits Lit out of the core into a chunk of its own, which the script tag must then
// fetch before anything renders (and the core goes over its size budget).

import { html, nothing } from 'lit';
import { normalisePhone } from '../../../shared/phone';
import type { text as lookup } from '../i18n';
import { joinTexts } from './join-messages';

export { joinStyles as styles } from './join-styles';

/** What the form uses of the element. */
export interface JoinHost extends HTMLElement {
  proxy: string | null;
  clientId: string | null;
  store: string | null;
  cart: { subtotal: number } | null;
  signIn(joinTicket?: string): Promise<void>;
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** Why the form did not go through (worded at render time, in the element's language). */
type Problem = 'member_exists' | 'too_many' | 'failed' | 'unavailable';

interface JoinState {
  open: boolean;
  busy: boolean;
  problem: Problem | null;
  /** Fields to fix: the phone or email is not one, the terms are not agreed to. */
  invalid: { phone?: true; email?: true; terms?: true };
  emailGiven: boolean;
}

const states = new WeakMap<JoinHost, JoinState>();
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function stateOf(host: JoinHost): JoinState {
  let s = states.get(host);
  if (!s) {
    // The chunk comes when the offer is taken: the form opens at once, on the phone field.
    states.set(host, (s = { open: true, busy: false, problem: null, invalid: {}, emailGiven: false }));
    void focus(host, 'input[name=phone]');
  }
  return s;
}

/** The terms page, if the attribute names an http(s) one (never a script URL). */
function termsUrl(host: JoinHost): string | null {
  const value = host.getAttribute('join-terms');
  if (!value) return null;
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

async function focus(host: JoinHost, selector: string): Promise<void> {
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
}

/** The first field to fix, as a selector; else the problem's button, else the submit button. */
function firstToFix(s: JoinState): string {
  if (s.invalid.phone) return 'input[name=phone]';
  if (s.invalid.email) return 'input[name=email]';
  if (s.invalid.terms) return 'input[name=accept_terms]';
  return '[part~=error] button, [part~=join-submit]';
}

/** A text field's value, trimmed ('' when absent). */
function field(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

async function submit(host: JoinHost, event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const s = stateOf(host);
  const data = new FormData(event.currentTarget as HTMLFormElement);
  // Checked here first, so a typo costs no request.
  const phone = normalisePhone(field(data, 'phone'));
  const email = field(data, 'email');
  s.invalid = {
    ...(!phone && { phone: true }),
    ...(email && !EMAIL.test(email) && { email: true }),
    ...(!data.get('accept_terms') && { terms: true }),
  };
  s.problem = null;
  if (!phone || Object.keys(s.invalid).length > 0) {
    host.requestUpdate();
    void focus(host, firstToFix(s));
    return;
  }
  s.busy = true;
  host.requestUpdate();
  const firstName = field(data, 'first_name');
  try {
    const res = await fetch(`${host.proxy!.replace(/\/+$/, '')}/v1/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_id: host.clientId,
        store: host.store,
        phone,
        ...(email && { email }),
        ...(firstName && { first_name: firstName }),
        sms_opt_in: data.get('sms_opt_in') !== null,
        email_opt_in: Boolean(email) && data.get('email_opt_in') !== null,
        accept_terms: true,
      }),
    });
    if (res.status === 201) {
      const { join_ticket } = (await res.json()) as { join_ticket: string };
      states.delete(host);
      await host.signIn(join_ticket);
      return;
    }
    refused(s, ((await res.json().catch(() => null)) as { error?: { code?: string } } | null)?.error?.code);
  } catch {
    s.problem = 'failed';
  }
  s.busy = false;
  host.requestUpdate();
  void focus(host, firstToFix(s));
}

/** The proxy said no: the shopper is told in their words; a developer's reason goes to the console. */
function refused(s: JoinState, code: string | undefined): void {
  if (code === 'invalid_phone') s.invalid = { phone: true };
  else if (code === 'invalid_email') s.invalid = { email: true };
  else if (code === 'member_exists') s.problem = 'member_exists';
  else if (code === 'rate_limited') s.problem = 'too_many';
  else if (code?.startsWith('upstream')) s.problem = 'failed';
  else {
    console.warn(
      `spendgo-loyalty: the proxy refused joining (${code ?? 'no code'}); see its WIDGET_CLIENTS "join" setting.`,
    );
    s.problem = 'unavailable';
  }
}

/** The offer button, or the form once it is open; nothing without a terms page. */
export function joinPanel(host: JoinHost, text: typeof lookup, offer: string) {
  const t = joinTexts(text);
  const terms = termsUrl(host);
  if (!terms) {
    console.warn('spendgo-loyalty: join-terms must be the http(s) address of the programme terms.');
    return nothing;
  }
  const s = stateOf(host);
  if (!s.open)
    return html`<button
      part="button join-button"
      @click=${() => {
        s.open = true;
        host.requestUpdate();
        void focus(host, 'input[name=phone]');
      }}
    >
      ${offer}
    </button>`;
  const fieldError = (id: string, shown: boolean | undefined, message: () => string) =>
    shown ? html`<p id=${id} class="field-error">${message()}</p>` : nothing;
  const problems: Record<Problem, () => string> = {
    member_exists: t.memberExists,
    too_many: t.tooMany,
    failed: t.failed,
    unavailable: t.unavailable,
  };
  const { invalid } = s;
  return html`<form novalidate @submit=${(event: SubmitEvent) => void submit(host, event)}>
    <fieldset ?disabled=${s.busy}>
      <legend>${t.heading()}</legend>
      <p class="muted">${offer}</p>
      <label
        >${t.phone()}
        <input
          name="phone"
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          maxlength="25"
          required
          aria-invalid=${invalid.phone ? 'true' : 'false'}
          aria-describedby=${invalid.phone ? 'join-phone-error' : nothing}
      /></label>
      ${fieldError('join-phone-error', invalid.phone, t.invalidPhone)}
      <label>${t.firstName()} <input name="first_name" autocomplete="given-name" maxlength="50" /></label>
      <label
        >${t.email()}
        <input
          name="email"
          type="email"
          autocomplete="email"
          maxlength="254"
          aria-invalid=${invalid.email ? 'true' : 'false'}
          aria-describedby=${invalid.email ? 'join-email-error' : nothing}
          @input=${(event: InputEvent) => {
            s.emailGiven = (event.target as HTMLInputElement).value.trim() !== '';
            host.requestUpdate();
          }}
      /></label>
      ${fieldError('join-email-error', invalid.email, t.invalidEmail)}
      <label class="consent"><input type="checkbox" name="sms_opt_in" /><span>${t.sms()}</span></label>
      <label class="consent"
        ><input type="checkbox" name="email_opt_in" ?disabled=${!s.emailGiven} /><span>${t.emailOptIn()}</span></label
      >
      <label class="consent"
        ><input
          type="checkbox"
          name="accept_terms"
          required
          aria-invalid=${invalid.terms ? 'true' : 'false'}
          aria-describedby=${invalid.terms ? 'join-terms-error' : nothing}
        /><span>${t.terms()}</span></label
      >
      <a href=${terms} target="_blank" rel="noopener">${t.readTerms()}</a>
      ${fieldError('join-terms-error', invalid.terms, t.termsNeeded)}
    </fieldset>
    ${
      s.problem
        ? html`<div part="error" role="alert">
            <p>${problems[s.problem]()}</p>
            ${
              s.problem === 'member_exists'
                ? html`<button part="button sign-in-button" type="button" @click=${() => void host.signIn()}>
                    ${t.signIn()}
                  </button>`
                : nothing
            }
          </div>`
        : nothing
    }
    <div class="row">
      <button part="button join-submit" type="submit" ?disabled=${s.busy}>${s.busy ? t.joining() : t.submit()}</button>
      <button
        part="button"
        type="button"
        @click=${() => {
          states.set(host, { ...s, open: false, problem: null, invalid: {} });
          host.requestUpdate();
          void focus(host, '[part~=join-button]');
        }}
      >
        ${t.cancel()}
      </button>
    </div>
  </form>`;
}
