// The join form's strings, with stable ids like messages.ts; they load with the join chunk.
// locales/*.ts translate them. The string lookup is the element's own, handed in (join-panel.ts
// says why the chunk imports nothing from the core).

import type { text as lookup } from '../i18n';

export const joinTexts = (text: typeof lookup) => ({
  heading: () => text('join-heading', 'Join the rewards programme'),
  phone: () => text('join-phone', 'Mobile number'),
  firstName: () => text('join-first-name', 'First name (optional)'),
  email: () => text('join-email', 'Email (optional)'),
  sms: () => text('join-sms', 'Text me offers and news. Message and data rates may apply; reply STOP to stop.'),
  emailOptIn: () => text('join-email-opt-in', 'Email me offers and news.'),
  terms: () => text('join-terms', 'I agree to the programme terms'),
  readTerms: () => text('join-read-terms', 'Read the terms'),
  signIn: () => text('sign-in', 'Sign in with Spendgo'),
  submit: () => text('join-submit', 'Join and sign in'),
  cancel: () => text('join-cancel', 'Cancel'),
  joining: () => text('join-joining', 'Joining…'),
  memberExists: () =>
    text('join-member-exists', 'This number or email already has a Spendgo account. Sign in with Spendgo to use it.'),
  invalidPhone: () => text('join-invalid-phone', 'Enter a 10-digit mobile number.'),
  invalidEmail: () => text('join-invalid-email', 'Enter a valid email address.'),
  termsNeeded: () => text('join-terms-needed', 'To join, agree to the programme terms.'),
  tooMany: () => text('join-too-many', 'Too many tries. Please wait a minute and try again.'),
  failed: () => text('join-failed', 'Joining didn’t work. Please try again.'),
  unavailable: () => text('join-unavailable', 'Joining isn’t available here right now.'),
});
