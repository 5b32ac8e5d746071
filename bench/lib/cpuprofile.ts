/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and summarizes where the time went: self time per
 * function, inclusive time for our own functions (src/), and self time per area (our code,
 * Kysely, better-sqlite3, Fastify, node internals, GC, idle).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fmt, table } from './stats.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function shortUrl(url: string): string {
  let u = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (u.startsWith(REPO)) u = u.slice(REPO.length);
  u = u.replace(/^node_modules\//, '');
  return u;
}

export function area(url: string): string {
  const u = shortUrl(url);
  if (u === '') return '(native / no url)';
  if (u.startsWith('src/')) return 'omnihook src/';
  if (u.startsWith('node:')) return 'node internals';
  const pkg = /^(@[^/]+\/[^/]+|[^/]+)\//.exec(u)?.[1];
  return pkg ?? u;
}

function key(f: CallFrame): string {
  const name = f.functionName || '(anonymous)';
  const u = shortUrl(f.url);
  return u ? `${name}  ${u}:${f.lineNumber + 1}` : name;
}

export interface ProfileSummary {
  totalMs: number;
  text: string;
}

export function summarizeProfile(path: string, top = 25): ProfileSummary {
  const p = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i];
    const dt = (p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0) / 1000; // ms attributed to this sample
    if (id === undefined) continue;
    const node = byId.get(id);
    if (!node) continue;
    total += dt;
    const fname = node.callFrame.functionName;
    if (fname === '(idle)') idle += dt;
    const k = key(node.callFrame);
    self.set(k, (self.get(k) ?? 0) + dt);
    const a = fname.startsWith('(') && node.callFrame.url === '' ? fname : area(node.callFrame.url);
    areas.set(a, (areas.get(a) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cn = byId.get(cur);
      if (!cn || !shortUrl(cn.callFrame.url).startsWith('src/')) continue;
      const ck = key(cn.callFrame);
      if (seen.has(ck)) continue;
      seen.add(ck);
      inclusive.set(ck, (inclusive.get(ck) ?? 0) + dt);
    }
  }
  const busy = total - idle;
  const pct = (v: number) => `${((100 * v) / busy).toFixed(1)}%`;
  const rows = (m: Map<string, number>, n: number, skipIdle = true) =>
    [...m.entries()]
      .filter(([k]) => !(skipIdle && k.startsWith('(idle)')))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => [k, fmt(v), pct(v)]);
  const text = [
    `profile: ${fmt(total)} ms sampled, ${fmt(idle)} ms idle, ${fmt(busy)} ms busy (percentages are of busy time)`,
    '',
    'self time by area',
    table(['area', 'ms', '%busy'], rows(areas, 20)),
    '',
    `top ${top} functions by self time`,
    table(['function  location', 'ms', '%busy'], rows(self, top)),
    '',
    `top ${top} of our functions (src/) by inclusive time`,
    table(['function  location', 'ms', '%busy'], rows(inclusive, top)),
  ].join('\n');
  return { totalMs: total, text };
}
