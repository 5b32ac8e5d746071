/** Business hours evaluated purely: wall clocks in time zones, DST, windows past midnight. */
import { describe, expect, it } from 'vitest';
import {
  canonicalTimezone,
  defaultWorkHours,
  formatOffset,
  isOpenAt,
  rcWorkHours,
  shiftDayTime,
  wallClock,
  workDayError,
  WEEKDAYS,
} from '../../src/domain/business-hours.ts';
import type { Schedule, Weekday, WorkDay } from '../../src/domain/business-hours.ts';

const at = (iso: string) => Date.parse(iso);

/** A schedule open only on the given days, each from start to finish. */
function schedule(timezone: string, open: Partial<Record<Weekday, [string, string]>>): Schedule {
  const workHours: WorkDay[] = WEEKDAYS.map((day) => {
    const w = open[day];
    return w ? { day, open: true, start: w[0], finish: w[1] } : { day, open: false, start: '08:00', finish: '20:00' };
  });
  return { timezone, workHours };
}

describe('wall clock', () => {
  it('reads the weekday, minute and offset of a time zone', () => {
    // 2026-06-10 is a Wednesday; Berlin is on summer time (+02:00)
    expect(wallClock(at('2026-06-10T12:00:00Z'), 'Europe/Berlin')).toEqual({
      day: 2,
      minute: 14 * 60,
      offsetMinutes: 120,
    });
    expect(wallClock(at('2026-06-10T12:00:00Z'), 'America/St_Johns').offsetMinutes).toBe(-150);
    expect(wallClock(at('2026-01-10T00:30:00Z'), 'UTC')).toEqual({ day: 5, minute: 30, offsetMinutes: 0 });
  });

  it('knows IANA names and refuses others', () => {
    expect(canonicalTimezone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimezone('utc')).toBe('UTC');
    expect(canonicalTimezone('Mars/Olympus_Mons')).toBeUndefined();
    expect(canonicalTimezone('')).toBeUndefined();
  });

  it('formats offsets as Rocket.Chat does', () => {
    expect(formatOffset(120)).toBe('+02:00');
    expect(formatOffset(-210)).toBe('-03:30');
    expect(formatOffset(0)).toBe('+00:00');
  });
});

describe('isOpenAt', () => {
  const berlinDays = schedule('Europe/Berlin', { Wednesday: ['09:00', '17:00'] });

  it('is open inside the day window, closed outside it and on closed days', () => {
    expect(isOpenAt(berlinDays, at('2026-06-10T12:00:00Z'))).toBe(true); // 14:00 local
    expect(isOpenAt(berlinDays, at('2026-06-10T07:00:00Z'))).toBe(true); // 09:00 local, start included
    expect(isOpenAt(berlinDays, at('2026-06-10T06:59:00Z'))).toBe(false); // 08:59 local
    expect(isOpenAt(berlinDays, at('2026-06-10T15:00:00Z'))).toBe(false); // 17:00 local, finish excluded
    expect(isOpenAt(berlinDays, at('2026-06-11T12:00:00Z'))).toBe(false); // Thursday
  });

  it('follows daylight saving: the same UTC instant is before and after opening a week apart', () => {
    // Berlin moves to summer time on Sunday 2026-03-29 at 01:00 UTC
    const sunday = schedule('Europe/Berlin', { Sunday: ['08:00', '20:00'] });
    expect(isOpenAt(sunday, at('2026-03-22T06:30:00Z'))).toBe(false); // 07:30 CET
    expect(isOpenAt(sunday, at('2026-03-29T06:30:00Z'))).toBe(true); // 08:30 CEST
    // New York leaves summer time on Sunday 2026-11-01: 12:30 UTC is 08:30 EDT before, 07:30 EST after
    const ny = schedule('America/New_York', { Sunday: ['08:00', '12:00'] });
    expect(isOpenAt(ny, at('2026-10-25T12:30:00Z'))).toBe(true);
    expect(isOpenAt(ny, at('2026-11-01T12:30:00Z'))).toBe(false);
  });

  it('runs a window whose finish is before its start past midnight', () => {
    const late = schedule('Europe/Berlin', { Friday: ['22:00', '02:00'] });
    expect(isOpenAt(late, at('2026-06-12T19:59:00Z'))).toBe(false); // Friday 21:59
    expect(isOpenAt(late, at('2026-06-12T20:30:00Z'))).toBe(true); // Friday 22:30
    expect(isOpenAt(late, at('2026-06-12T23:00:00Z'))).toBe(true); // Saturday 01:00
    expect(isOpenAt(late, at('2026-06-13T00:00:00Z'))).toBe(false); // Saturday 02:00
    expect(isOpenAt(late, at('2026-06-13T23:00:00Z'))).toBe(false); // Sunday 01:00: Saturday is closed
  });

  it('wraps Sunday night into Monday morning', () => {
    const s = schedule('UTC', { Sunday: ['23:00', '01:00'] });
    expect(isOpenAt(s, at('2026-06-08T00:30:00Z'))).toBe(true); // Monday 00:30
    expect(isOpenAt(s, at('2026-06-08T01:00:00Z'))).toBe(false);
  });

  it('counts 23:59 as the end of the day, so 00:00 to 23:59 has no gap', () => {
    const allDay = schedule('UTC', { Monday: ['00:00', '23:59'] });
    expect(isOpenAt(allDay, at('2026-06-08T23:59:30Z'))).toBe(true);
    expect(isOpenAt(allDay, at('2026-06-09T00:00:00Z'))).toBe(false); // Tuesday
  });

  it('evaluates in the schedule zone when its day differs from the UTC day', () => {
    // Monday 08:00 to 10:00 in Tokyo is Sunday 23:00 to Monday 01:00 UTC
    const tokyo = schedule('Asia/Tokyo', { Monday: ['08:00', '10:00'] });
    expect(isOpenAt(tokyo, at('2026-06-07T23:30:00Z'))).toBe(true);
    expect(isOpenAt(tokyo, at('2026-06-08T23:30:00Z'))).toBe(false); // Tuesday in Tokyo
  });

  it('is never open when every day is closed', () => {
    const closed = schedule('UTC', {});
    for (let h = 0; h < 24 * 7; h += 5)
      expect(isOpenAt(closed, at('2026-06-08T00:00:00Z') + h * 3_600_000)).toBe(false);
  });
});

describe('saving and answering', () => {
  it("Rocket.Chat's default: weekdays 08:00 to 20:00, weekend closed", () => {
    const d = defaultWorkHours();
    expect(d.map((w) => [w.day, w.open])).toEqual(WEEKDAYS.map((day) => [day, day !== 'Saturday' && day !== 'Sunday']));
    expect(new Set(d.map((w) => `${w.start}-${w.finish}`))).toEqual(new Set(['08:00-20:00']));
  });

  it('refuses equal times on an open day and malformed times', () => {
    expect(workDayError({ day: 'Monday', open: true, start: '09:00', finish: '09:00' })).toBe(
      'error-business-hour-finish-time-equals-start-time',
    );
    expect(workDayError({ day: 'Monday', open: false, start: '09:00', finish: '09:00' })).toBeUndefined();
    expect(workDayError({ day: 'Monday', open: true, start: '24:00', finish: '09:00' })).toBe('invalid-time');
    expect(workDayError({ day: 'Monday', open: true, start: '22:00', finish: '02:00' })).toBeUndefined();
  });

  it('shifts day and time across the week', () => {
    expect(shiftDayTime('Monday', '01:00', -120)).toEqual({ dayOfWeek: 'Sunday', time: '23:00' });
    expect(shiftDayTime('Sunday', '23:30', 60)).toEqual({ dayOfWeek: 'Monday', time: '00:30' });
  });

  it('answers utc and cron times with the offsets in force at the moment', () => {
    const s = schedule('Europe/Berlin', { Monday: ['01:00', '09:00'] });
    const [monday] = rcWorkHours(s, at('2026-06-10T12:00:00Z'), 'America/New_York');
    expect(monday).toMatchObject({
      day: 'Monday',
      code: 1,
      open: true,
      start: {
        time: '01:00',
        utc: { dayOfWeek: 'Sunday', time: '23:00' },
        // New York is at -04:00 in June
        cron: { dayOfWeek: 'Sunday', time: '19:00' },
      },
      finish: { time: '09:00', utc: { dayOfWeek: 'Monday', time: '07:00' } },
    });
    // in winter Berlin is +01:00
    const [winter] = rcWorkHours(s, at('2026-01-10T12:00:00Z'), 'UTC');
    expect(winter!.start.utc).toEqual({ dayOfWeek: 'Monday', time: '00:00' });
  });
});
