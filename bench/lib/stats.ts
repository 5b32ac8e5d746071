/** Small numeric helpers shared by the benchmarks. */

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Percentiles by nearest rank over an unsorted sample. */
export function summarize(values: number[]): Summary {
  if (values.length === 0) return { count: 0, p50: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    mean: sum / sorted.length,
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ms(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n < 10 ? `${n.toFixed(2)} ms` : `${n.toFixed(1)} ms`;
}

/** A fixed-width text table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Encodes a timestamp with letters only (a..j for 0..9). Message texts carry their creation time
 * this way because digit runs would match the lead-capture phone regex and turn every message
 * into a LeadCapture as well.
 */
export function encodeStamp(t: number): string {
  return String(Math.round(t * 1000)).replace(/[0-9]/g, (d) => String.fromCharCode(97 + Number(d)));
}

/** Inverse of encodeStamp, for a text containing `t0:<letters>`; NaN when absent. */
export function decodeStamp(text: string): number {
  const m = /t0:([a-j]{10,20})/.exec(text);
  if (!m?.[1]) return NaN;
  return Number(m[1].replace(/[a-j]/g, (c) => String(c.charCodeAt(0) - 97))) / 1000;
}

export function messageText(seq: number, t0 = nowMs()): string {
  return `Hello, I have a question about my order (bench message, t0:${encodeStamp(t0)}, n:${encodeStamp(seq)})`;
}

/**
 * A numeric command-line option: a positive number, or the script stops with exit 2 and says which
 * option was wrong (a NaN would otherwise run for minutes and fail far from its cause).
 */
export function positiveOption(name: string, value: unknown): number {
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    process.stderr.write(`--${name} must be a positive number, got ${JSON.stringify(value)}\n`);
    process.exit(2);
  }
  return n;
}
