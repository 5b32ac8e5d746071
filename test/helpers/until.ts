/** Waits until a condition holds, polling every 25 ms; fails after `ms` with what it waited for. */
type Check = () => boolean | Promise<boolean>;

export async function until(ok: Check, ms?: number): Promise<void>;
export async function until(what: string, ok: Check, ms?: number): Promise<void>;
export async function until(a: string | Check, b?: Check | number, c?: number): Promise<void> {
  const what = typeof a === 'string' ? a : 'condition';
  const ok = typeof a === 'string' ? (b as Check) : a;
  const ms = (typeof a === 'string' ? c : (b as number | undefined)) ?? 30_000;
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
