/**
 * How commands print: a table with a header line and columns padded to their widest cell (two
 * spaces between columns, as `ps` and `kubectl` do), or the same data as JSON with `--json` for
 * scripts. Messages for people go to stderr when stdout carries data (a secret, JSON).
 */
import type { Endpoint } from '../services/endpoints.ts';

export type Cell = string | number | null | undefined;

/** Columns padded to the widest cell; the last column is not padded (no trailing spaces). */
export function table(header: string[], rows: Cell[][]): string[] {
  const text = [
    header,
    ...rows.map((r) => r.map((c) => (c === null || c === undefined || c === '' ? '-' : String(c)))),
  ];
  const widths = header.map((_, i) => Math.max(...text.map((r) => (r[i] ?? '').length)));
  return text.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function printJson(data: unknown): void {
  process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
}

/** `--json`: the data; otherwise the lines. */
export function print(json: boolean | undefined, data: unknown, lines: () => string[]): void {
  if (json) printJson(data);
  else process.stdout.write(`${lines().join('\n')}\n`);
}

/** A note for the person at the terminal, never mixed into stdout's data. */
export function note(text: string): void {
  process.stderr.write(`${text}\n`);
}

/**
 * The name an endpoint goes by: its description, else its URL's host (what the Endpoints page
 * shows first); the built-in endpoint is the Webhooks page's URL.
 */
export function endpointName(e: Pick<Endpoint, 'kind' | 'url' | 'description'>): string {
  if (e.kind === 'rocketchat') return 'Webhooks page';
  if (e.description) return e.description;
  try {
    return new URL(e.url).host;
  } catch {
    return e.url || '(no URL)';
  }
}

/** A URL fit for a terminal someone may be watching: no password, no query values. */
export function displayUrl(url: string): string {
  if (!url) return '(no URL)';
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) u.searchParams.set(key, '***');
    return u.toString().replace(/%2A%2A%2A/g, '***');
  } catch {
    return url;
  }
}
