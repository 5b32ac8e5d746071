/**
 * Business hours (managers): the switch that applies them (Livechat_enable_business_hours, an
 * administrator's setting), the global schedule, and departments' own schedules. Outside the
 * hours routing gives nobody a chat and both widgets show the offline form.
 */
import { useEffect, useState } from 'react';
import { api, errorText } from '../../api.ts';
import { Check, EditDeleteCell, ErrorText, TableScroll, useLoad, useToast } from '../ui.tsx';
import type { BusinessHour, Department } from '../types.ts';
import { BusinessHourForm, dayName, timeText } from './BusinessHourForm.tsx';
import { t } from '../../i18n/index.ts';

const SETTING = 'settings/Livechat_enable_business_hours';

/** The page's words, in one place for the catalogues. */
const TEXT = {
  title: () => t('businessHours.title'),
  enable: () => t('businessHours.enable'),
  enableHint: () => t('businessHours.enableHint'),
  adminOnly: () => t('businessHours.adminOnly'),
  isOn: () => t('businessHours.isOn'),
  isOff: () => t('businessHours.isOff'),
  global: () => t('businessHours.global'),
  globalHint: () => t('businessHours.globalHint'),
  departmentSchedules: () => t('businessHours.departmentSchedules'),
  departmentSchedulesHint: () => t('businessHours.departmentSchedulesHint'),
  newSchedule: () => t('businessHours.newSchedule'),
  editSchedule: (name: string) => t('businessHours.editSchedule', { name }),
  noSchedules: () => t('businessHours.noSchedules'),
  deleteConfirm: (name: string) => t('businessHours.deleteConfirm', { name }),
  saved: () => t('businessHours.saved'),
  deleted: () => t('businessHours.deleted'),
  settingSaved: () => t('businessHours.settingSaved'),
  closedAllWeek: () => t('businessHours.closedAllWeek'),
  name: () => t('common.name'),
  departments: () => t('departments.departments'),
  schedule: () => t('businessHours.schedule'),
  actions: () => t('common.actions'),
  add: () => t('common.add'),
};

/** "Mon–Fri 8:00 AM–8:00 PM; Sat 10:00 AM–2:00 PM": consecutive days with the same hours grouped. */
export function summary(bh: BusinessHour): string {
  const parts: string[] = [];
  const days = bh.workHours;
  for (let i = 0; i < days.length;) {
    const d = days[i]!;
    if (!d.open) {
      i++;
      continue;
    }
    let j = i;
    while (
      j + 1 < days.length &&
      days[j + 1]!.open &&
      days[j + 1]!.start.time === d.start.time &&
      days[j + 1]!.finish.time === d.finish.time
    )
      j++;
    const span = j > i ? `${dayName(i, 'short')}–${dayName(j, 'short')}` : dayName(i, 'short');
    parts.push(`${span} ${timeText(d.start.time)}–${timeText(d.finish.time)}`);
    i = j + 1;
  }
  return parts.length > 0 ? parts.join('; ') : TEXT.closedAllWeek();
}

function EnableSwitch() {
  const toast = useToast();
  const [value, setValue] = useState<boolean>();
  const [canEdit, setCanEdit] = useState(true);
  useEffect(() => {
    // reading it is public; changing it needs the administrator's edit-privileged-setting
    api<{ value: boolean }>('GET', SETTING).then(
      (r) => setValue(r.value === true),
      () => setCanEdit(false),
    );
  }, []);
  const change = async (v: boolean) => {
    setValue(v); // the switch moves at once; a refusal puts it back
    try {
      await api('POST', SETTING, { body: { value: v } });
      toast(TEXT.settingSaved());
    } catch (err) {
      setValue(!v);
      setCanEdit(false);
      toast(errorText(err), 'error');
    }
  };
  return (
    <div className="card">
      <Check
        label={TEXT.enable()}
        checked={value === true}
        disabled={value === undefined || !canEdit}
        onChange={(e) => void change(e.target.checked)}
        aria-describedby="bh-enable-hint"
      />
      <p id="bh-enable-hint" className="small muted">
        {value === undefined ? TEXT.enableHint() : `${value ? TEXT.isOn() : TEXT.isOff()} ${TEXT.enableHint()}`}
        {!canEdit && ` ${TEXT.adminOnly()}`}
      </p>
    </div>
  );
}

export function BusinessHoursPage() {
  const toast = useToast();
  const list = useLoad(
    () =>
      api<{ businessHours: BusinessHour[] }>('GET', 'livechat/business-hours', { query: { count: 100 } }).then(
        (r) => r.businessHours,
      ),
    [],
  );
  const deps = useLoad(
    () =>
      api<{ departments: Department[] }>('GET', 'livechat/department', { query: { count: 500 } }).then(
        (r) => r.departments,
      ),
    [],
  );
  // undefined: no form open; null: a new department schedule; else the one being edited
  const [editing, setEditing] = useState<BusinessHour | null | undefined>();
  const global = list.data?.find((b) => b.type === 'default');
  const custom = (list.data ?? []).filter((b) => b.type === 'custom');

  const saved = () => {
    toast(TEXT.saved());
    setEditing(undefined);
    list.reload();
  };
  const remove = async (bh: BusinessHour) => {
    if (!confirm(TEXT.deleteConfirm(bh.name))) return;
    try {
      await api('POST', 'livechat/business-hours.remove', { body: { _id: bh._id, type: 'custom' } });
      toast(TEXT.deleted());
      list.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <h1>{TEXT.title()}</h1>
      </header>
      <EnableSwitch />
      <ErrorText error={list.error} />
      <h2>{TEXT.global()}</h2>
      <p className="small muted">{TEXT.globalHint()}</p>
      {global && (
        <BusinessHourForm
          key={`${global._id}-${global.timezone.name}`}
          kind="default"
          initial={global}
          label={TEXT.global()}
          onSaved={saved}
        />
      )}
      <h2>{TEXT.departmentSchedules()}</h2>
      <p className="small muted">{TEXT.departmentSchedulesHint()}</p>
      {editing === undefined ? (
        <div className="actions">
          <button type="button" onClick={() => setEditing(null)}>
            {TEXT.newSchedule()}
          </button>
        </div>
      ) : (
        <BusinessHourForm
          key={editing?._id ?? 'new'}
          kind="custom"
          initial={editing ?? undefined}
          departments={deps.data ?? []}
          label={editing ? TEXT.editSchedule(editing.name) : TEXT.newSchedule()}
          onSaved={saved}
          onCancel={() => setEditing(undefined)}
        />
      )}
      <TableScroll label={TEXT.departmentSchedules()}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{TEXT.name()}</th>
              <th scope="col">{TEXT.schedule()}</th>
              <th scope="col">{TEXT.actions()}</th>
            </tr>
          </thead>
          <tbody>
            {custom.map((bh) => (
              <tr key={bh._id}>
                <td>
                  <strong>{bh.name}</strong>
                  <div className="muted small">{(bh.departments ?? []).map((d) => d.name).join(', ')}</div>
                </td>
                <td>
                  {summary(bh)}
                  <div className="muted small">{bh.timezone.name}</div>
                </td>
                <EditDeleteCell name={bh.name} onEdit={() => setEditing(bh)} onDelete={() => void remove(bh)} />
              </tr>
            ))}
            {list.data && custom.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  {TEXT.noSchedules()}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
