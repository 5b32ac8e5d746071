/**
 * The UI's words. Every visible string of the widget and the staff console comes from a catalogue
 * under ./locales, one JSON file per language named by its BCP 47 tag (`de.json`, `pt-BR.json`):
 * dropping a file there adds a language (Vite collects the folder at build time). English is the
 * source: its keys type `t()`, and a key missing from another catalogue falls back to English, so
 * a partial translation never shows a raw key.
 */
import en from './locales/en.json';
import { interpolate, pickLanguage } from './language.ts';

export type MessageKey = keyof typeof en;
type Catalogue = Partial<Record<MessageKey, string>>;

const modules = import.meta.glob<Catalogue>('./locales/*.json', { eager: true, import: 'default' });
const catalogues = new Map<string, Catalogue>(
  Object.entries(modules).map(([path, messages]) => [path.replace(/^.*\/(.+)\.json$/, '$1'), messages]),
);

export const LANGUAGES: readonly string[] = [...catalogues.keys()].sort();

let current: Catalogue = en;
let currentTag = 'en';

/**
 * Chooses the catalogue from the browser's languages, falling back to the server's `Language`
 * setting; sets `<html lang>` so screen readers pronounce the page right. Call before rendering.
 */
export function chooseLanguage(browser: readonly string[], serverDefault = 'en'): string {
  currentTag = pickLanguage(browser, LANGUAGES, serverDefault);
  current = catalogues.get(currentTag) ?? en;
  if (typeof document !== 'undefined') document.documentElement.lang = currentTag;
  return currentTag;
}

export function language(): string {
  return currentTag;
}

/** The text for a key in the chosen language, placeholders `{name}` filled from vars. */
export function t(key: MessageKey, vars?: Readonly<Record<string, string | number>>): string {
  return interpolate(current[key] ?? en[key], vars);
}

/** Counted text: `key.one` / `key.other` (and the language's other plural forms when present). */
export function tn(key: string, count: number, vars?: Readonly<Record<string, string | number>>): string {
  const form = new Intl.PluralRules(currentTag).select(count);
  const pick = (c: Catalogue) =>
    (c as Record<string, string | undefined>)[`${key}.${form}`] ??
    (c as Record<string, string | undefined>)[`${key}.other`];
  const text = pick(current) ?? pick(en) ?? key;
  return interpolate(text, { count, ...vars });
}

/** Dates and times in the chosen language. */
export function formatDateTime(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string {
  const date = value instanceof Date ? value : new Date(value);
  return new Intl.DateTimeFormat(currentTag, options ?? { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
