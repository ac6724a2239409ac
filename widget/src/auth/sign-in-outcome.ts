// How a sign-in ended, as the element needs to know it: signed in (with the member's name),
// on its way to Spendgo (a redirect), or signed out with why (cancelled or failed). Part of the
// sign-in chunk: reading oidc-client-ts's errors needs nothing before a sign-in starts.

export type SignInProblem = 'sign_in_cancelled' | 'sign_in_failed';

export type SignInOutcome =
  | { status: 'signed-in'; givenName: string | null }
  | { status: 'redirecting' }
  | { status: 'signed-out'; problem?: SignInProblem };

const messageOf = (error: unknown) =>
  error instanceof Error ? `${error.message} ${'error' in error ? String(error.error) : ''}` : '';

/** Backing out (deny, cancel, closing the popup, letting it time out) is a cancellation, not a failure. */
export function signInError(error: unknown): SignInProblem {
  return /access_denied|declined|closed|aborted|timed? ?out/i.test(messageOf(error))
    ? 'sign_in_cancelled'
    : 'sign_in_failed';
}

/** window.open gave no window (oidc-client-ts: "Attempted to navigate on a disposed window"). */
export function popupBlocked(error: unknown): boolean {
  return /disposed window|popup blocked/i.test(messageOf(error));
}

export const notSignedIn = (error: unknown): SignInOutcome => ({ status: 'signed-out', problem: signInError(error) });
