/**
 * One business hour's form: the time zone and a row per weekday (open or closed, from, to), plus
 * a name and departments for a department schedule. Weekday names come from Intl in the chosen
 * language, so they need no catalogue entries; the API keeps Rocket.Chat's English day names.
 */
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api.ts';
import { Check, ErrorText, SelectField, TextField } from '../ui.tsx';
import { MultiSelect } from '../MultiSelect.tsx';
import type { BusinessHour, Department } from '../types.ts';
import { language, t } from '../../i18n/index.ts';

// Rocket.Chat's day names as the API spells them, never shown (the UI names days through Intl). i18n-ignore
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** The form's words, in one place for the catalogues. */
const TEXT = {
  timezone: () => t('businessHours.timezone'),
  day: () => t('businessHours.day'),
  from: () => t('businessHours.from'),
  to: () => t('businessHours.to'),
  openOn: (day: string) => t('businessHours.openOn', { day }),
  fromOn: (day: string) => t('businessHours.fromOn', { day }),
  toOn: (day: string) => t('businessHours.toOn', { day }),
  nextDay: () => t('businessHours.nextDay'),
  endOfDay: () => t('businessHours.endOfDay', { time: timeText('23:59') }),
  name: () => t('common.name'),
  departments: () => t('departments.departments'),
  enabled: () => t('businessHours.enabled'),
  save: () => t('common.save'),
  cancel: () => t('common.cancel'),
  schedule: () => t('businessHours.schedule'),
};

export interface DayRow {
  day: (typeof WEEKDAYS)[number];
  open: boolean;
  start: string;
  finish: string;
}

/** A weekday's name in the UI language (2024-01-01 was a Monday). */
export function dayName(index: number, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(language(), { weekday: width, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1 + index)),
  );
}

/** "HH:mm" as the UI language writes a time of day (8:00 PM, 20:00). */
export function timeText(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  return new Intl.DateTimeFormat(language(), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1, h ?? 0, m ?? 0)),
  );
}

function rowsOf(bh: BusinessHour | undefined): DayRow[] {
  return WEEKDAYS.map((day, i) => {
    const w = bh?.workHours.find((d) => d.day === day);
    const weekday = i < 5;
    return w
      ? { day, open: w.open, start: w.start.time, finish: w.finish.time }
      : { day, open: !bh && weekday, start: '08:00', finish: '20:00' };
  });
}

function timezones(current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const all = intl.supportedValuesOf?.('timeZone') ?? [];
  return [...new Set(['UTC', current, ...all])].filter(Boolean).sort();
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function BusinessHourForm({
  kind,
  initial,
  departments = [],
  onSaved,
  onCancel,
  label,
}: {
  kind: 'default' | 'custom';
  initial?: BusinessHour;
  departments?: Department[];
  onSaved: (bh: BusinessHour) => void;
  onCancel?: () => void;
  label: string;
}) {
  const [timezone, setTimezone] = useState(initial?.timezone.name ?? browserZone());
  const [rows, setRows] = useState<DayRow[]>(() => rowsOf(initial));
  const [name, setName] = useState(initial?.name ?? '');
  const [active, setActive] = useState(initial?.active ?? true);
  const [deps, setDeps] = useState<string[]>(initial?.departments?.map((d) => d._id) ?? []);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const zones = useMemo(() => timezones(timezone), [timezone]);

  const change = (i: number, patch: Partial<DayRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setSaving(true);
    try {
      const r = await api<{ businessHour: BusinessHour }>('POST', 'livechat/business-hours.save', {
        body: {
          ...(initial ? { _id: initial._id } : {}),
          type: kind,
          timezoneName: timezone,
          workHours: rows,
          ...(kind === 'custom' ? { name, active, departmentsToApplyBusinessHour: deps } : {}),
        },
      });
      onSaved(r.businessHour);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card business-hour-form" onSubmit={submit} aria-label={label}>
      <ErrorText error={error} />
      {kind === 'custom' && (
        <>
          <TextField
            label={TEXT.name()}
            required
            maxLength={256}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <MultiSelect
            label={TEXT.departments()}
            options={departments.map((d) => ({ value: d._id, label: d.name }))}
            value={deps}
            onChange={setDeps}
          />
          <Check label={TEXT.enabled()} checked={active} onChange={(e) => setActive(e.target.checked)} />
        </>
      )}
      <SelectField label={TEXT.timezone()} value={timezone} onChange={(e) => setTimezone(e.target.value)}>
        {zones.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </SelectField>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="small muted">{TEXT.schedule()}</legend>
        <div
          role="table"
          aria-label={TEXT.schedule()}
          style={{
            display: 'grid',
            // three columns that shrink to a phone's width: the day, then two time fields
            gridTemplateColumns: 'auto minmax(0, 1fr) minmax(0, 1fr)',
            gap: '0.4rem 0.4rem',
            alignItems: 'center',
          }}
        >
          <div role="row" style={{ display: 'contents' }}>
            <span role="columnheader" className="small muted">
              {TEXT.day()}
            </span>
            <span role="columnheader" className="small muted">
              {TEXT.from()}
            </span>
            <span role="columnheader" className="small muted">
              {TEXT.to()}
            </span>
          </div>
          {rows.map((r, i) => {
            const day = dayName(i);
            // a closed day's times stay editable later, but look inactive now
            const timeStyle = {
              width: '100%',
              minWidth: 0,
              boxSizing: 'border-box' as const,
              padding: '0.4rem 0.3rem',
              opacity: r.open ? 1 : 0.45,
            };
            const overnight = r.open && r.finish !== '23:59' && r.finish <= r.start;
            return (
              <div role="row" key={r.day} style={{ display: 'contents' }}>
                <label role="cell" className="check" style={{ margin: 0 }}>
                  <input
                    type="checkbox"
                    checked={r.open}
                    aria-label={TEXT.openOn(day)}
                    onChange={(e) => change(i, { open: e.target.checked })}
                  />{' '}
                  <span title={day}>{dayName(i, 'short')}</span>
                </label>
                <input
                  role="cell"
                  type="time"
                  required={r.open}
                  disabled={!r.open}
                  value={r.start}
                  style={timeStyle}
                  aria-label={TEXT.fromOn(day)}
                  onChange={(e) => change(i, { start: e.target.value })}
                />
                <span role="cell" style={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
                  <input
                    type="time"
                    required={r.open}
                    disabled={!r.open}
                    value={r.finish}
                    style={timeStyle}
                    aria-label={TEXT.toOn(day)}
                    onChange={(e) => change(i, { finish: e.target.value })}
                  />
                  {overnight && <small className="muted">{TEXT.nextDay()}</small>}
                </span>
              </div>
            );
          })}
        </div>
        <small className="hint">{TEXT.endOfDay()}</small>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {TEXT.save()}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {TEXT.cancel()}
          </button>
        )}
      </div>
    </form>
  );
}
