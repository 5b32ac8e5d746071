/**
 * The widget's trigger runner (web/src/widget/triggers.ts) against Rocket.Chat's rules
 * (packages/livechat/src/lib/triggers.ts, triggerConditions.ts): page-url is a regular expression
 * on the host page URL, time-on-site counts seconds, runOnce survives a reload through storage,
 * registered visitors get only after-guest-registration triggers. A fake clock drives the timers.
 */
import { describe, expect, it } from 'vitest';
import { RECORDS_KEY, TriggerRunner, pageMatches } from '../../web/src/widget/triggers.ts';
import type { FiredTrigger, WidgetTrigger } from '../../web/src/widget/triggers.ts';

class FakeClock {
  now = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  };
  clearTimeout = (h: unknown) => void this.timers.delete(h as number);
  advance(ms: number) {
    this.now += ms;
    for (const [id, t] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= this.now) {
        this.timers.delete(id);
        t.fn();
      }
    }
  }
  get active() {
    return this.timers.size;
  }
}

class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
}

const send = (msg: string, sender: 'queue' | 'custom' = 'custom', name = 'Ana') => [
  { name: 'send-message', params: { sender, name, msg } },
];

function setup(triggers: WidgetTrigger[], storage = new MemoryStorage()) {
  const clock = new FakeClock();
  const fired: FiredTrigger[] = [];
  const runner = new TriggerRunner(triggers, {
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    storage,
    fire: (f) => fired.push(f),
  });
  return { clock, fired, runner, storage };
}

describe('widget trigger runner', () => {
  it('page-url is a regular expression on the host page URL; a broken pattern matches nothing', () => {
    expect(pageMatches('/pricing', 'https://shop.example/pricing?x=1')).toBe(true);
    expect(pageMatches('^https://shop\\.example/$', 'https://shop.example/')).toBe(true);
    expect(pageMatches('/pricing', 'https://shop.example/about')).toBe(false);
    expect(pageMatches('(', 'https://shop.example/(')).toBe(false);
    expect(pageMatches('', 'https://shop.example/')).toBe(false);
  });

  it('a page-url trigger fires at once on a matching page, with the sender given', () => {
    const { fired, runner } = setup([
      { _id: 't1', conditions: [{ name: 'page-url', value: 'pricing' }], actions: send('Prices?') },
    ]);
    runner.start({ pageUrl: 'https://shop.example/pricing', registered: false });
    expect(fired).toEqual([
      { triggerId: 't1', msg: 'Prices?', sender: 'custom', name: 'Ana', afterRegistration: false },
    ]);
  });

  it('a page-url trigger waits on another page and fires when the host page URL changes to a match', () => {
    const { fired, runner } = setup([
      { _id: 't1', conditions: [{ name: 'page-url', value: 'pricing' }], actions: send('Prices?') },
    ]);
    runner.start({ pageUrl: 'https://shop.example/', registered: false });
    expect(fired).toHaveLength(0);
    runner.setPageUrl('https://shop.example/about');
    expect(fired).toHaveLength(0);
    runner.setPageUrl('https://shop.example/pricing');
    expect(fired.map((f) => f.triggerId)).toEqual(['t1']);
    // fired: a later visit to a match in the same page load does not fire again
    runner.setPageUrl('https://shop.example/');
    runner.setPageUrl('https://shop.example/pricing');
    expect(fired).toHaveLength(1);
  });

  it('time-on-site waits its seconds; with page-url both must hold', () => {
    const { clock, fired, runner } = setup([
      { _id: 'alone', conditions: [{ name: 'time-on-site', value: '5' }], actions: send('Five') },
      {
        _id: 'both',
        conditions: [
          { name: 'time-on-site', value: '3' },
          { name: 'page-url', value: '/pricing' },
        ],
        actions: send('Three on pricing'),
      },
    ]);
    runner.start({ pageUrl: 'https://shop.example/home', registered: false });
    clock.advance(4_999);
    expect(fired).toHaveLength(0); // 'both': time passed but the page does not match
    clock.advance(1);
    expect(fired.map((f) => f.triggerId)).toEqual(['alone']);
    runner.setPageUrl('https://shop.example/pricing');
    expect(fired.map((f) => f.triggerId)).toEqual(['alone', 'both']);
  });

  it('runOnce survives a reload through storage; other triggers run on every visit', () => {
    const storage = new MemoryStorage();
    const triggers: WidgetTrigger[] = [
      { _id: 'once', runOnce: true, conditions: [{ name: 'time-on-site', value: '1' }], actions: send('Once') },
      { _id: 'each', runOnce: false, conditions: [{ name: 'time-on-site', value: '1' }], actions: send('Each') },
    ];
    const first = setup(triggers, storage);
    first.runner.start({ pageUrl: 'https://shop.example/', registered: false });
    first.clock.advance(1000);
    expect(first.fired.map((f) => f.triggerId)).toEqual(['once', 'each']);
    expect(JSON.parse(storage.getItem(RECORDS_KEY)!)).toMatchObject({ once: 'fired' });

    const reload = setup(triggers, storage);
    reload.runner.start({ pageUrl: 'https://shop.example/', registered: false });
    reload.clock.advance(1000);
    expect(reload.fired.map((f) => f.triggerId)).toEqual(['each']);
  });

  it('records of deleted triggers are forgotten, so a new trigger is not blocked by an old id', () => {
    const storage = new MemoryStorage();
    storage.setItem(RECORDS_KEY, JSON.stringify({ gone: 'fired', kept: 'fired' }));
    const { runner } = setup(
      [{ _id: 'kept', conditions: [{ name: 'page-url', value: 'x' }], actions: send('K') }],
      storage,
    );
    runner.start({ pageUrl: 'https://shop.example/', registered: false });
    expect(JSON.parse(storage.getItem(RECORDS_KEY)!)).toEqual({ kept: 'fired' });
  });

  it('chat-opened-by-visitor fires when the visitor opens the widget', () => {
    const { fired, runner } = setup([
      { _id: 'open', conditions: [{ name: 'chat-opened-by-visitor', value: '' }], actions: send('Hi', 'queue', '') },
    ]);
    runner.start({ pageUrl: 'https://shop.example/', registered: false });
    expect(fired).toHaveLength(0);
    runner.chatOpened();
    expect(fired).toEqual([{ triggerId: 'open', msg: 'Hi', sender: 'queue', name: '', afterRegistration: false }]);
    runner.chatOpened();
    expect(fired).toHaveLength(1);
  });

  it('a registered visitor gets only after-guest-registration triggers; registering stops the others', () => {
    const triggers: WidgetTrigger[] = [
      { _id: 'timer', conditions: [{ name: 'time-on-site', value: '10' }], actions: send('Later') },
      { _id: 'welcome', conditions: [{ name: 'after-guest-registration', value: null }], actions: send('Welcome') },
    ];
    const known = setup(triggers);
    known.runner.start({ pageUrl: 'https://shop.example/', registered: true });
    expect(known.runner.waiting()).toEqual(['welcome']);

    const fresh = setup(triggers);
    fresh.runner.start({ pageUrl: 'https://shop.example/', registered: false });
    expect(fresh.runner.waiting().sort()).toEqual(['timer', 'welcome']);
    fresh.runner.registered();
    expect(fresh.fired).toEqual([
      { triggerId: 'welcome', msg: 'Welcome', sender: 'custom', name: 'Ana', afterRegistration: true },
    ]);
    expect(fresh.clock.active).toBe(0); // the time-on-site timer was cleared
    fresh.clock.advance(10_000);
    expect(fresh.fired).toHaveLength(1);
  });

  it('skips what it cannot run: an external-service action, an empty message, an unknown condition', () => {
    const { clock, fired, runner } = setup([
      {
        _id: 'ext',
        conditions: [{ name: 'time-on-site', value: '0' }],
        actions: [{ name: 'use-external-service', params: { sender: 'queue' } }],
      },
      { _id: 'empty', conditions: [{ name: 'time-on-site', value: '0' }], actions: send('  ') },
      { _id: 'odd', conditions: [{ name: 'on-hover', value: 'x' }], actions: send('Odd') },
    ]);
    runner.start({ pageUrl: 'https://shop.example/', registered: false });
    clock.advance(1000);
    expect(fired).toHaveLength(0);
    expect(runner.waiting()).toEqual([]);
  });

  it('stop clears every timer', () => {
    const { clock, fired, runner } = setup([
      { _id: 't', conditions: [{ name: 'time-on-site', value: '2' }], actions: send('T') },
    ]);
    runner.start({ pageUrl: 'https://shop.example/', registered: false });
    runner.stop();
    clock.advance(5000);
    expect([fired.length, clock.active]).toEqual([0, 0]);
  });
});
