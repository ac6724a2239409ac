// The three pages of the sandbox's Spendgo sign-in: choose a demo member, consent, and the
// error page shown when a request cannot be sent back to any client.

import { html } from 'hono/html';
import { page } from './layout';

export interface SignInChoice {
  id: string;
  name: string;
  email: string;
  program: string;
}

const programNames: Record<string, string> = {
  points: 'Points',
  visits: 'Visits',
  points_banking: 'Points Banking',
  shop_with_points: 'Shop With Points',
};

export function signInPage(requestId: string, clientId: string, members: readonly SignInChoice[]) {
  return page(
    'Sign in',
    html`<h1>Sign in to Spendgo</h1>
      <p>Choose a demo member to continue to <strong>${clientId}</strong>.</p>
      <form method="post" action="/oauth2/v1/auth/sign-in">
        <input type="hidden" name="request" value="${requestId}" />
        <fieldset>
          <legend>Demo members</legend>
          ${members.map(
            (m) =>
              html`<button class="member" type="submit" name="member" value="${m.id}">
                <span>${m.name}</span>
                <small>${m.email} · ${programNames[m.program] ?? m.program}</small>
              </button>`,
          )}
        </fieldset>
      </form>
      <form method="post" action="/oauth2/v1/auth/consent">
        <input type="hidden" name="request" value="${requestId}" />
        <div class="actions"><button type="submit" name="decision" value="deny">Cancel</button></div>
      </form>`,
  );
}

export function consentPage(requestId: string, clientId: string, memberName: string) {
  return page(
    'Allow access',
    html`<h1>Allow ${clientId} to use your Spendgo account?</h1>
      <p>Signed in as <strong>${memberName}</strong>. ${clientId} will be able to:</p>
      <ul class="scopes">
        <li>see your name, email address and phone number</li>
        <li>see your rewards and points, and apply a reward to your orders</li>
      </ul>
      <form method="post" action="/oauth2/v1/auth/consent">
        <input type="hidden" name="request" value="${requestId}" />
        <div class="actions">
          <button class="primary" type="submit" name="decision" value="allow" autofocus>Allow</button>
          <button type="submit" name="decision" value="deny">Deny</button>
        </div>
      </form>`,
  );
}

export function errorPage(message: string) {
  return page(
    'Sign-in problem',
    html`<h1>This sign-in request cannot continue</h1>
      <p class="error" role="alert">${message}</p>
      <p>Return to the store and start signing in again.</p>`,
  );
}
