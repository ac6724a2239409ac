// Which locale an element renders in and its direction, and amounts formatted with Intl in that
// locale (numbers, dates and ages, which only members see: member-format.ts; the strings
// themselves: i18n.ts).

import { SOURCE_LOCALE, TARGET_LOCALES } from './i18n';

const RTL = new Set(['ar']);

/** The supported locale for a BCP 47 tag ("es-MX" → "es"), or English. */
export function supportedLocale(tag: string | null | undefined): string {
  const base = (tag ?? '').toLowerCase().split('-')[0] ?? '';
  return (TARGET_LOCALES as readonly string[]).includes(base) ? base : SOURCE_LOCALE;
}

/** The locale an element renders in: its own `lang`, else the page's, else the browser's. */
export function elementLocale(lang: string | null | undefined): string {
  return supportedLocale(lang || document.documentElement.lang || navigator.language);
}

export function isRtl(locale: string): boolean {
  return RTL.has(locale);
}

export function formatMoney(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}
