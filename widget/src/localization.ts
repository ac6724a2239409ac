// Runtime localisation with @lit/localize: English in the source, other locales loaded on
// demand. Amounts and dates use Intl with the element's locale and currency.

import { configureLocalization } from '@lit/localize';

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['es', 'fr', 'ar'] as const;
const RTL = new Set(['ar']);

const loaders: Record<(typeof TARGET_LOCALES)[number], () => Promise<{ templates: Record<string, unknown> }>> = {
  es: () => import('./locales/es'),
  fr: () => import('./locales/fr'),
  ar: () => import('./locales/ar'),
};

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: SOURCE_LOCALE,
  targetLocales: TARGET_LOCALES,
  loadLocale: (locale) => loaders[locale as keyof typeof loaders]() as never,
});

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

export function formatAge(fromMs: number, nowMs: number, locale: string): string {
  const minutes = Math.round((fromMs - nowMs) / 60_000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return Math.abs(minutes) < 60 ? format.format(minutes, 'minute') : format.format(Math.round(minutes / 60), 'hour');
}
