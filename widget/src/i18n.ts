// Per-element localisation: English in messages.ts, the other languages' tables loaded on
// demand (one small chunk each). Each element renders in its own locale: it renders inside
// `inLocale(locale, …)`, and every string looked up meanwhile comes from that locale's table,
// so two widgets with different `lang` on one page each keep theirs. Plurals pick the form
// Intl.PluralRules names (`id-one`, `id-few`, …), falling back to the id's own form.

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['es', 'fr', 'ar'] as const;
type TargetLocale = (typeof TARGET_LOCALES)[number];

const loaders: Record<TargetLocale, () => Promise<{ templates: Record<string, string> }>> = {
  es: () => import('./locales/es'),
  fr: () => import('./locales/fr'),
  ar: () => import('./locales/ar'),
};

const tables = new Map<string, Record<string, string>>([[SOURCE_LOCALE, {}]]);
const loading = new Map<string, Promise<void>>();
let rendering = SOURCE_LOCALE;

/** True when `locale`'s strings are here (English always is). */
export const hasLocale = (locale: string): boolean => tables.has(locale);

/** Loads `locale`'s strings once; resolves when they can be used (or, failing, keeps English). */
export function loadLocale(locale: string): Promise<void> {
  const loader = loaders[locale as TargetLocale] as (typeof loaders)[TargetLocale] | undefined;
  if (hasLocale(locale) || !loader) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    pending = loader().then(
      (module) => {
        tables.set(locale, module.templates);
      },
      () => {
        loading.delete(locale); // try again next time
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}

/** Runs `work` (a render, or building a message) with strings from `locale`. */
export function inLocale<T>(locale: string, work: () => T): T {
  const previous = rendering;
  rendering = locale;
  try {
    return work();
  } finally {
    rendering = previous;
  }
}

const fill = (template: string, args: readonly string[]) =>
  template.replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? '');

/** The string `id` in the locale being rendered (English when it has none), `{0}`… filled in. */
export function text(id: string, english: string, ...args: string[]): string {
  return fill(tables.get(rendering)?.[id] ?? english, args);
}

/** A count's string: the plural form Intl names for `count` in the locale being rendered. */
export function plural(id: string, count: number, english: { one: string; other: string }, ...args: string[]): string {
  const category = new Intl.PluralRules(rendering).select(count);
  const table = rendering === SOURCE_LOCALE ? undefined : tables.get(rendering);
  const template = table ? (table[`${id}-${category}`] ?? table[id]) : category === 'one' ? english.one : english.other;
  return fill(template ?? english.other, args);
}
