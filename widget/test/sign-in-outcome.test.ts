import { expect } from '@open-wc/testing';
import { issuerChecked } from '../src/auth/oidc';
import { popupBlocked, signInError } from '../src/auth/sign-in-outcome';

// The errors oidc-client-ts raises when a popup sign-in does not finish, and what the widget makes of them.
const responseError = (error: string) => Object.assign(new Error(error), { error });

describe('how a sign-in that did not finish is read', () => {
  const cases: [string, Error, 'sign_in_cancelled' | 'sign_in_failed', boolean][] = [
    ['denied at Spendgo', responseError('access_denied'), 'sign_in_cancelled', false],
    ['popup closed by the member', new Error('Popup closed by user'), 'sign_in_cancelled', false],
    ['popup timed out', new Error('TimeoutError: signal timed out'), 'sign_in_cancelled', false],
    ['popup blocked by the browser', new Error('Attempted to navigate on a disposed window'), 'sign_in_failed', true],
    ['a server error', responseError('server_error'), 'sign_in_failed', false],
  ];
  for (const [name, error, code, blocked] of cases) {
    it(`${name}: ${code}${blocked ? ', falls back to a redirect' : ''}`, () => {
      expect(signInError(error)).to.equal(code);
      expect(popupBlocked(error)).to.equal(blocked);
    });
  }
});

describe('the authorization response names its issuer (RFC 9207)', () => {
  const authority = 'https://proxy.test';
  it('an answer from the proxy passes unchanged', () => {
    const url = `https://shop.test/?code=c1&state=s1&iss=${encodeURIComponent(authority)}`;
    expect(issuerChecked(url, authority)).to.equal(url);
  });
  for (const [name, iss] of [
    ['another issuer', 'https://evil.test'],
    ['no issuer', null],
  ] as const) {
    it(`${name}: becomes an error for the same state, and the code is dropped`, () => {
      const url = `https://shop.test/?code=c1&state=s1${iss ? `&iss=${encodeURIComponent(iss)}` : ''}`;
      const checked = new URL(issuerChecked(url, authority));
      expect(checked.searchParams.get('error')).to.equal('invalid_request');
      expect(checked.searchParams.get('state')).to.equal('s1');
      expect(checked.searchParams.has('code')).to.equal(false);
    });
  }
});
