import { expect } from '@open-wc/testing';
import { popupBlocked, signInError } from '../src/controllers/auth-controller';

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
