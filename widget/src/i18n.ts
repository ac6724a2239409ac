// Per-element localisation: English in messages.ts, the other languages' tables loaded on
// demand (one small chunk each). Each element renders in its own locale: it renders inside
// `inLocale(locale, …)`, and every string looked up meanwhile comes from that locale's table,
// so two widgets with different `lang` on one page each keep theirs. Plurals (plural.ts) pick
// the form Intl.PluralRules names.

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

/** `template` with `{0}`, `{1}`… replaced by `args`. */
export const fill = (template: string, args: readonly string[]) =>
  template.replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? '');

/** The locale being rendered and its table (none for English: its strings are in the code). */
export const rendered = (): { locale: string; table: Record<string, string> | undefined } => ({
  locale: rendering,
  table: rendering === SOURCE_LOCALE ? undefined : tables.get(rendering),
});

/** The string `id` in the locale being rendered (English when it has none), `{0}`… filled in. */
export function text(id: string, english: string, ...args: string[]): string {
  return fill(tables.get(rendering)?.[id] ?? english, args);
}
