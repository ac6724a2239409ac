// Which locale an element renders in and its direction, and amounts, numbers, dates and ages
// formatted with Intl in that locale (the strings themselves: i18n.ts).

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

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatDate(isoDate: string, locale: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  return Number.isNaN(date.getTime())
    ? isoDate
    : new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/** How long ago `fromMs` was: "30 seconds ago", "5 minutes ago", "2 hours ago" (never "this minute"). */
export function formatAge(fromMs: number, nowMs: number, locale: string): string {
  const seconds = Math.min(-1, Math.round((fromMs - nowMs) / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  if (seconds > -60) return format.format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  return minutes > -60 ? format.format(minutes, 'minute') : format.format(Math.round(minutes / 60), 'hour');
}
