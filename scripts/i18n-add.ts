/**
 * Adds or replaces keys in every UI catalogue (web/src/i18n/locales/<lang>.json) from one file
 * shaped { "en": { key: text }, "de": { ... }, ... }, keeping each catalogue sorted so diffs stay
 * small. Several people (or processes) may run it at once: writes serialize on a lock directory.
 *
 * Usage: node --import tsx scripts/i18n-add.ts <file.json> [...]
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const locales = join(root, 'web/src/i18n/locales');
const lock = join(locales, '.lock');

function withLock(fn: () => void): void {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`catalogue lock ${lock} held for 30 s; remove it if stale`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    fn();
  } finally {
    rmdirSync(lock);
  }
}

function merge(file: string): void {
  const additions = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  if (!additions.en) throw new Error(`${file}: no "en" section; English is the source of every key`);
  for (const [lang, entries] of Object.entries(additions)) {
    if (!/^[a-z]{2,3}(-[A-Z][A-Za-z]{1,7})?$/.test(lang)) throw new Error(`${file}: ${lang} is not a language tag`);
    const path = join(locales, `${lang}.json`);
    const current = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
    const next = { ...current, ...entries };
    const sorted = Object.fromEntries(
      Object.keys(next)
        .sort()
        .map((k) => [k, next[k]]),
    );
    writeFileSync(path, `${JSON.stringify(sorted, null, 2)}\n`);
  }
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node --import tsx scripts/i18n-add.ts <file.json> [...]');
  process.exit(2);
}
withLock(() => files.forEach(merge));
console.log(`merged ${files.length} file(s) into ${locales}`);
