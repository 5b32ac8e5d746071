/**
 * Resident memory of another process, read from /proc/<pid>/status (Linux): VmRSS sampled on a
 * timer, each sample tagged with the phase the benchmark is in, and VmHWM (the kernel's own peak,
 * which also catches a spike between two samples). Elsewhere every figure is NaN.
 */
import { readFileSync } from 'node:fs';

type Field = 'VmRSS' | 'VmHWM' | 'RssAnon' | 'RssFile';

/** Fields of /proc/<pid>/status in MB (the kernel reports kB); NaN for each when unreadable. */
function statusMb<F extends Field>(pid: number, fields: readonly F[]): Record<F, number> {
  let text = '';
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // the process has exited, or this is not Linux
  }
  const out = {} as Record<F, number>;
  for (const f of fields) {
    const m = new RegExp(`^${f}:\\s+(\\d+) kB`, 'm').exec(text);
    out[f] = m?.[1] ? Number(m[1]) / 1024 : NaN;
  }
  return out;
}

/** One sample: VmRSS split into anonymous memory (heaps, SQLite's page caches) and mapped files (code). */
export interface RssSample {
  phase: string;
  mb: number;
  anon: number;
  file: number;
}

export interface RssSampler {
  phase: string;
  /** The largest VmRSS sample of `phase` (NaN when none), or of every phase. */
  peak(phase?: string): number;
  /** The sample holding that peak. */
  peakSample(phase?: string): RssSample | undefined;
  /** The latest sample. */
  last(): RssSample | undefined;
  /** VmHWM now: the process's peak RSS since it started, between samples included. */
  highWater(): number;
  stop(): void;
}

export function sampleRss(pid: number, everyMs = 200): RssSampler {
  const samples: RssSample[] = [];
  const peakSample = (phase?: string) => {
    let best: RssSample | undefined;
    for (const s of samples) if ((phase === undefined || s.phase === phase) && !(s.mb <= (best?.mb ?? -1))) best = s;
    return best;
  };
  const sampler: RssSampler = {
    phase: 'start',
    peak: (phase) => peakSample(phase)?.mb ?? NaN,
    peakSample,
    last: () => samples[samples.length - 1],
    highWater: () => statusMb(pid, ['VmHWM']).VmHWM,
    stop: () => clearInterval(timer),
  };
  const take = () => {
    const m = statusMb(pid, ['VmRSS', 'RssAnon', 'RssFile']);
    if (Number.isFinite(m.VmRSS)) samples.push({ phase: sampler.phase, mb: m.VmRSS, anon: m.RssAnon, file: m.RssFile });
  };
  const timer = setInterval(take, everyMs);
  take();
  return sampler;
}
