// Strings with a count: the plural form Intl.PluralRules names for it in the locale being
// rendered (`id-one`, `id-few`, …, falling back to the id's own form). Only members' strings
// count things, so this comes with the member chunk.

import { fill, rendered } from './i18n';

/** A count's string: the plural form Intl names for `count` in the locale being rendered. */
export function plural(id: string, count: number, english: { one: string; other: string }, ...args: string[]): string {
  const { locale, table } = rendered();
  const category = new Intl.PluralRules(locale).select(count);
  const template = table ? (table[`${id}-${category}`] ?? table[id]) : category === 'one' ? english.one : english.other;
  return fill(template ?? english.other, args);
}
