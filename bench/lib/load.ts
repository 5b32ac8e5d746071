/** Producer loops for the delivery benchmark: saturated (with a bound on outstanding events) and paced. */
import { nowMs, sleep } from './stats.ts';

export interface ProduceResult {
  produced: number;
  errors: number;
  firstError?: string;
  startedAt: number;
  endedAt: number;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * `producers` loops call `produce(i)` for `durationMs`. A producer waits while more than `cap`
 * events are produced but not yet received, so the backlog (and the drain after the phase) stays
 * bounded and every system is measured at the same queue depth.
 */
export async function saturate(opts: {
  durationMs: number;
  producers: number;
  cap: number;
  received: () => number;
  produce: (i: number) => Promise<void>;
}): Promise<ProduceResult> {
  const startedAt = nowMs();
  const end = startedAt + opts.durationMs;
  let issued = 0;
  let produced = 0;
  let errors = 0;
  let firstError: string | undefined;
  const loop = async () => {
    while (nowMs() < end) {
      if (produced - opts.received() >= opts.cap) {
        await sleep(1);
        continue;
      }
      const i = issued++;
      try {
        await opts.produce(i);
        produced++;
      } catch (err) {
        errors++;
        firstError ??= errText(err);
        if (errors > 100) return;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.producers }, loop));
  return { produced, errors, firstError, startedAt, endedAt: nowMs() };
}

/** Produces at a fixed `rate` per second for `durationMs` (light load: latency without queueing). */
export async function paced(opts: {
  rate: number;
  durationMs: number;
  produce: (i: number) => Promise<void>;
}): Promise<ProduceResult> {
  const startedAt = nowMs();
  const end = startedAt + opts.durationMs;
  let issued = 0;
  let produced = 0;
  let errors = 0;
  let firstError: string | undefined;
  const pending: Promise<void>[] = [];
  for (let t = startedAt; t < end; t = nowMs()) {
    const due = Math.floor(((t - startedAt) * opts.rate) / 1000);
    while (issued < due) {
      const i = issued++;
      pending.push(
        opts.produce(i).then(
          () => void produced++,
          (err: unknown) => {
            errors++;
            firstError ??= errText(err);
          },
        ),
      );
    }
    await sleep(2);
  }
  await Promise.all(pending);
  return { produced, errors, firstError, startedAt, endedAt: nowMs() };
}
