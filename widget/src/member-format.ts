// Numbers, dates and ages formatted with Intl in the element's locale: what only a signed-in
// member sees (balance, expiry, the offline banner's age), so it loads with the member chunk.

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatPercent(fraction: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(fraction);
}

export function formatDate(isoDate: string, locale: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  return Number.isNaN(date.getTime())
    ? isoDate
    : new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The local day of an instant ("Dec 3"), for when an order was placed. */
export function formatDay(isoInstant: string, locale: string): string {
  const date = new Date(isoInstant);
  return Number.isNaN(date.getTime())
    ? isoInstant
    : new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(date);
}

/** How long ago `fromMs` was: "30 seconds ago", "5 minutes ago", "2 hours ago" (never "this minute"). */
export function formatAge(fromMs: number, nowMs: number, locale: string): string {
  const seconds = Math.min(-1, Math.round((fromMs - nowMs) / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  if (seconds > -60) return format.format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  return minutes > -60 ? format.format(minutes, 'minute') : format.format(Math.round(minutes / 60), 'hour');
}
