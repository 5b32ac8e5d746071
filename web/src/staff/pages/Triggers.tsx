/**
 * Triggers (managers): proactive messages the widgets show to visitors (Rocket.Chat's
 * Omnichannel > Livechat Triggers, apps/meteor/client/views/omnichannel/triggers/TriggersTable.tsx):
 * the list by name with each trigger's condition, a switch to enable or disable it in place, and
 * the form (TriggerForm.tsx) to create or edit one.
 */
import { useState } from 'react';
import { api, errorText } from '../../api.ts';
import { EditDeleteCell, ErrorText, useLoad, useToast } from '../ui.tsx';
import type { Trigger } from '../types.ts';
import { TriggerForm } from './TriggerForm.tsx';
import { t } from '../../i18n/index.ts';

const STRINGS = {
  confirmDelete: (name: string) => t('triggers.confirmDelete', { name }),
  enable: (name: string) => t('triggers.enable', { name }),
  pageUrl: (v: string) => t('triggers.pageUrl', { v }),
  seconds: (v: string) => t('triggers.seconds', { v }),
};

function summary(trigger: Trigger): string {
  const parts = trigger.conditions.map((c) => {
    const v = c.value ?? '';
    if (c.name === 'page-url') return STRINGS.pageUrl(v);
    if (c.name === 'time-on-site') return STRINGS.seconds(v);
    if (c.name === 'chat-opened-by-visitor') return t('triggers.opened');
    return t('triggers.registered');
  });
  return [...parts, ...(trigger.runOnce ? [t('triggers.once')] : [])].join(' · ');
}

export function TriggersPage() {
  const toast = useToast();
  const list = useLoad(
    () => api<{ triggers: Trigger[] }>('GET', 'livechat/triggers', { query: { count: 1000 } }).then((r) => r.triggers),
    [],
  );
  // undefined: no form; null: a new trigger; else the trigger being edited
  const [editing, setEditing] = useState<Trigger | null | undefined>();

  const toggle = async (trigger: Trigger, enabled: boolean) => {
    try {
      // Rocket.Chat's save takes the whole trigger: send it back as stored, with the switch flipped
      const { _id, name, description, runOnce, conditions, actions } = trigger;
      await api('POST', 'livechat/triggers', {
        body: { _id, name, description, enabled, runOnce, conditions, actions },
      });
      toast(t('common.saved'));
      list.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const remove = async (trigger: Trigger) => {
    if (!confirm(STRINGS.confirmDelete(trigger.name))) return;
    try {
      await api('DELETE', `livechat/triggers/${encodeURIComponent(trigger._id)}`);
      toast(t('common.deleted'));
      if (editing?._id === trigger._id) setEditing(undefined);
      list.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('triggers.title')}</h1>
        {editing === undefined && (
          <button type="button" className="primary" onClick={() => setEditing(null)}>
            {t('triggers.create')}
          </button>
        )}
      </header>
      <p className="muted">{t('triggers.intro')}</p>
      {editing !== undefined && (
        <TriggerForm
          key={editing?._id ?? 'new'}
          trigger={editing ?? undefined}
          onCancel={() => setEditing(undefined)}
          onSaved={() => {
            toast(t('common.saved'));
            setEditing(undefined);
            list.reload();
          }}
        />
      )}
      <ErrorText error={list.error} />
      {/* a wide table scrolls inside its box instead of widening the page */}
      <div style={{ overflowX: 'auto' }}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('triggers.when')}</th>
              <th scope="col">{t('common.enabled')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((trigger) => (
              <tr key={trigger._id}>
                <td>
                  <strong>{trigger.name}</strong>
                  {trigger.description && <div className="muted small">{trigger.description}</div>}
                </td>
                <td>{summary(trigger)}</td>
                <td>
                  <input
                    type="checkbox"
                    checked={trigger.enabled}
                    aria-label={STRINGS.enable(trigger.name)}
                    onChange={(e) => void toggle(trigger, e.target.checked)}
                  />
                </td>
                <EditDeleteCell
                  name={trigger.name}
                  onEdit={() => setEditing(trigger)}
                  onDelete={() => void remove(trigger)}
                />
              </tr>
            ))}
            {list.data && list.data.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {t('triggers.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
