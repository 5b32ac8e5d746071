/**
 * The trigger runner: decides when a proactive trigger (livechat/config `triggers`, Rocket.Chat's
 * model) fires in this visit. Pure logic: timers, storage and the clock come in, so unit tests run
 * it without a browser (test/unit/widget-triggers.test.ts). The widget shows what fires.
 *
 * Rocket.Chat's widget (packages/livechat/src/lib/triggers.ts, triggerConditions.ts) reads only a
 * trigger's first condition. Ours requires every condition, so "after 5 seconds on a pricing page"
 * is one trigger; with one condition both widgets behave alike:
 * - page-url: a regular expression tested against the host page's URL (as Rocket.Chat's `new
 *   RegExp(value).test(parentUrl)`), checked again whenever the host page's URL changes;
 * - time-on-site: seconds since the widget loaded with the page;
 * - chat-opened-by-visitor: the visitor opened the widget from the launcher;
 * - after-guest-registration: the visitor registered.
 * As in Rocket.Chat, a registered visitor gets only after-guest-registration triggers, a runOnce
 * trigger fires once per browser (kept in localStorage), the others once per visit (page load).
 */

export type TriggerConditionName = 'time-on-site' | 'page-url' | 'chat-opened-by-visitor' | 'after-guest-registration';

export interface WidgetTrigger {
  _id: string;
  runOnce?: boolean;
  conditions: { name: TriggerConditionName | string; value?: string | number | null }[];
  actions: { name: string; params?: { sender?: 'queue' | 'custom'; name?: string | null; msg?: string } | null }[];
}

/** A trigger that fired: what the widget shows, from whom. */
export interface FiredTrigger {
  triggerId: string;
  msg: string;
  sender: 'queue' | 'custom';
  /** custom sender: the name the manager gave (may be empty). */
  name: string;
  /** true when the trigger waited for the visitor's registration (its message stays afterwards). */
  afterRegistration: boolean;
}

export interface RunnerEnv {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** localStorage in the browser; declared here so the runner also compiles without the DOM. */
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  fire(fired: FiredTrigger): void;
}

export const RECORDS_KEY = 'omnihook.widget.triggers';

type Wait = 'timer' | 'opened' | 'registered';

interface Pending {
  trigger: WidgetTrigger;
  waits: Set<Wait>;
  timer?: unknown;
}

/** Rocket.Chat's page-url match; a pattern that does not compile matches nothing. */
export function pageMatches(pattern: string, url: string): boolean {
  if (!pattern || !url) return false;
  try {
    return new RegExp(pattern).test(url);
  } catch {
    return false;
  }
}

/** The widget runs send-message only (use-external-service is Enterprise in Rocket.Chat). */
function runnableAction(t: WidgetTrigger) {
  const a = t.actions[0];
  return a && a.name === 'send-message' && typeof a.params?.msg === 'string' && a.params.msg.trim() !== ''
    ? a
    : undefined;
}

export class TriggerRunner {
  private readonly pending = new Map<string, Pending>();
  private pageUrl = '';
  private registeredVisitor = false;
  private started = false;

  constructor(
    private readonly triggers: readonly WidgetTrigger[],
    private readonly env: RunnerEnv,
  ) {}

  /** Schedules every trigger that may run in this visit. Call once, with what is known now. */
  start(opts: { pageUrl: string; registered: boolean }): void {
    if (this.started) return;
    this.started = true;
    this.pageUrl = opts.pageUrl;
    this.registeredVisitor = opts.registered;
    this.syncRecords();
    for (const t of this.triggers) this.schedule(t);
  }

  /** The host page's URL changed (a link, history navigation): page-url conditions look again. */
  setPageUrl(url: string): void {
    if (url === this.pageUrl) return;
    this.pageUrl = url;
    for (const p of [...this.pending.values()]) this.check(p);
  }

  /** The visitor opened the widget. */
  chatOpened(): void {
    this.settle('opened');
  }

  /** The visitor registered: triggers meant for unknown visitors stop, after-registration ones run. */
  registered(): void {
    if (this.registeredVisitor) return;
    this.registeredVisitor = true;
    for (const p of [...this.pending.values()]) {
      if (!this.waitsForRegistration(p.trigger)) this.drop(p.trigger._id);
    }
    this.settle('registered');
  }

  stop(): void {
    for (const id of [...this.pending.keys()]) this.drop(id);
  }

  /** Ids of triggers still waiting (tests and debugging). */
  waiting(): string[] {
    return [...this.pending.keys()];
  }

  private waitsForRegistration(t: WidgetTrigger): boolean {
    return t.conditions.some((c) => c.name === 'after-guest-registration');
  }

  private schedule(t: WidgetTrigger): void {
    if (!runnableAction(t) || t.conditions.length === 0) return;
    if (t.runOnce && this.records()[t._id] === 'fired') return;
    // Rocket.Chat: a registered visitor gets only the triggers that wait for registration
    if (this.registeredVisitor && !this.waitsForRegistration(t)) return;
    const waits = new Set<Wait>();
    let seconds = 0;
    for (const c of t.conditions) {
      if (c.name === 'time-on-site') {
        waits.add('timer');
        seconds = Math.max(seconds, Number.parseInt(String(c.value ?? 0), 10) || 0);
      } else if (c.name === 'chat-opened-by-visitor') waits.add('opened');
      else if (c.name === 'after-guest-registration') waits.add('registered');
      else if (c.name !== 'page-url') return; // a condition this widget does not know: never fire
    }
    const p: Pending = { trigger: t, waits };
    this.pending.set(t._id, p);
    if (waits.has('timer')) {
      p.timer = this.env.setTimeout(() => {
        p.timer = undefined;
        p.waits.delete('timer');
        this.check(p);
      }, seconds * 1000);
    }
    this.check(p);
  }

  private settle(wait: Wait): void {
    for (const p of [...this.pending.values()]) {
      if (p.waits.delete(wait)) this.check(p);
    }
  }

  /** Fires when nothing is awaited and every page-url condition matches the page now. */
  private check(p: Pending): void {
    if (p.waits.size > 0 || this.pending.get(p.trigger._id) !== p) return;
    const onPage = p.trigger.conditions
      .filter((c) => c.name === 'page-url')
      .every((c) => pageMatches(String(c.value ?? ''), this.pageUrl));
    if (!onPage) return; // keeps waiting for a URL change
    this.drop(p.trigger._id);
    const action = runnableAction(p.trigger)!;
    this.setRecord(p.trigger._id);
    this.env.fire({
      triggerId: p.trigger._id,
      msg: action.params!.msg!,
      sender: action.params?.sender === 'custom' ? 'custom' : 'queue',
      name: action.params?.name ?? '',
      afterRegistration: this.waitsForRegistration(p.trigger),
    });
  }

  private drop(id: string): void {
    const p = this.pending.get(id);
    if (!p) return;
    if (p.timer !== undefined) this.env.clearTimeout(p.timer);
    this.pending.delete(id);
  }

  private records(): Record<string, string> {
    try {
      const raw = this.env.storage.getItem(RECORDS_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  private setRecord(id: string): void {
    this.writeRecords({ ...this.records(), [id]: 'fired' });
  }

  /** Forgets records of triggers that no longer exist (Rocket.Chat's _syncTriggerRecords). */
  private syncRecords(): void {
    const known = new Set(this.triggers.map((t) => t._id));
    const kept = Object.fromEntries(Object.entries(this.records()).filter(([id]) => known.has(id)));
    this.writeRecords(kept);
  }

  private writeRecords(r: Record<string, string>): void {
    try {
      this.env.storage.setItem(RECORDS_KEY, JSON.stringify(r));
    } catch {
      // storage full or blocked: runOnce then means once per visit, nothing breaks
    }
  }
}
