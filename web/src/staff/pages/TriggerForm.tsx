/**
 * The trigger form (managers), Rocket.Chat's fields (apps/meteor/client/views/omnichannel/triggers/
 * EditTrigger.tsx, ConditionForm.tsx, actions/SendMessageActionForm.tsx): enabled, run only once
 * for each visitor, name, description, the condition and its value, the sender (the next agent
 * from the queue, or a custom name) and the message. Ours may hold several conditions, all of
 * which must hold in Omnihook's widget ("5 seconds on a pricing page"); Rocket.Chat's widget
 * reads only the first, so the form says so. An Enterprise external-service action saved by
 * Rocket.Chat is kept as it is.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api.ts';
import { Check, ErrorText, SelectField, TextArea, TextField } from '../ui.tsx';
import type { Trigger, TriggerAction, TriggerCondition, TriggerConditionName } from '../types.ts';
import { t } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/index.ts';

const CONDITION_LABELS: Record<TriggerConditionName, MessageKey> = {
  'page-url': 'triggerForm.pageUrl',
  'time-on-site': 'triggerForm.timeOnSite',
  'chat-opened-by-visitor': 'triggerForm.chatOpened',
  'after-guest-registration': 'triggerForm.afterRegistration',
};
const CONDITION_NAMES = Object.keys(CONDITION_LABELS) as TriggerConditionName[];

/** What the form edits; an existing trigger's extra conditions and actions are kept. */
interface Draft {
  name: string;
  description: string;
  enabled: boolean;
  runOnce: boolean;
  conditions: TriggerCondition[];
  sender: 'queue' | 'custom';
  agentName: string;
  msg: string;
}

function draftOf(t: Trigger | undefined): Draft {
  const action = t?.actions[0];
  return {
    name: t?.name ?? '',
    description: t?.description ?? '',
    enabled: t?.enabled ?? true,
    runOnce: t?.runOnce ?? false,
    conditions: t?.conditions.length ? t.conditions : [{ name: 'page-url', value: '' }],
    sender: action?.params?.sender === 'custom' ? 'custom' : 'queue',
    agentName: action?.params?.name ?? '',
    msg: action?.params?.msg ?? '',
  };
}

/** The problem the server would answer with, shown before sending (same rules: domain/triggers.ts). */
function localProblem(d: Draft): string | undefined {
  for (const c of d.conditions) {
    if (c.name === 'page-url') {
      try {
        new RegExp(c.value ?? '');
      } catch {
        return t('triggerForm.badPattern');
      }
    }
    if (c.name === 'time-on-site' && !/^\d+$/.test((c.value ?? '').trim())) return t('triggerForm.badSeconds');
  }
  return undefined;
}

/** The body of POST livechat/triggers: Rocket.Chat's shape. */
function triggerBody(d: Draft, existing?: Trigger) {
  const external = existing?.actions[0]?.name === 'use-external-service';
  const actions: TriggerAction[] = external
    ? existing!.actions
    : [
        {
          name: 'send-message',
          params: { sender: d.sender, msg: d.msg, ...(d.sender === 'custom' ? { name: d.agentName.trim() } : {}) },
        },
      ];
  return {
    ...(existing ? { _id: existing._id } : {}),
    name: d.name.trim(),
    description: d.description.trim(),
    enabled: d.enabled,
    runOnce: d.runOnce,
    conditions: d.conditions.map((c) => ({
      name: c.name,
      value: c.name === 'page-url' || c.name === 'time-on-site' ? (c.value ?? '').trim() : '',
    })),
    actions,
  };
}

export function TriggerForm({
  trigger,
  onSaved,
  onCancel,
}: {
  trigger: Trigger | undefined;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [d, setD] = useState<Draft>(() => draftOf(trigger));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const setCondition = (i: number, c: TriggerCondition) =>
    set({ conditions: d.conditions.map((x, j) => (j === i ? c : x)) });
  const external = trigger?.actions[0]?.name === 'use-external-service';
  const unused = CONDITION_NAMES.filter((n) => !d.conditions.some((c) => c.name === n));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = localProblem(d);
    if (problem) return setError(new Error(problem));
    setError(undefined);
    setBusy(true);
    try {
      await api('POST', 'livechat/triggers', { body: triggerBody(d, trigger) });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-label={trigger ? t('triggerForm.editTitle') : t('triggers.create')}>
      <h2>{trigger ? t('triggerForm.editTitle') : t('triggers.create')}</h2>
      <ErrorText error={error} />
      <Check label={t('common.enabled')} checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
      <Check
        label={t('triggerForm.runOnce')}
        checked={d.runOnce}
        onChange={(e) => set({ runOnce: e.target.checked })}
      />
      <TextField
        label={t('common.name')}
        required
        maxLength={256}
        value={d.name}
        onChange={(e) => set({ name: e.target.value })}
      />
      <TextField
        label={t('common.description')}
        maxLength={2000}
        value={d.description}
        onChange={(e) => set({ description: e.target.value })}
      />
      <fieldset className="trigger-conditions">
        <legend>{t('triggerForm.conditions')}</legend>
        {d.conditions.length > 1 && <p className="hint">{t('triggerForm.conditionsHint')}</p>}
        {d.conditions.map((c, i) => (
          <div
            key={`${c.name}-${i}`}
            className="trigger-condition"
            // each further condition set apart, so a remove button reads as belonging to its own
            style={i > 0 ? { borderTop: '1px solid #dfe3e8', paddingTop: '0.75rem', marginTop: '0.75rem' } : undefined}
          >
            <SelectField
              label={`${t('triggerForm.condition')}${d.conditions.length > 1 ? ` ${i + 1}` : ''}`}
              value={c.name}
              onChange={(e) => setCondition(i, { name: e.target.value as TriggerConditionName, value: '' })}
            >
              {CONDITION_NAMES.filter((n) => n === c.name || unused.includes(n)).map((n) => (
                <option key={n} value={n}>
                  {t(CONDITION_LABELS[n])}
                </option>
              ))}
            </SelectField>
            {c.name === 'page-url' && (
              <TextField
                label={t('triggerForm.pageUrlValue')}
                hint={t('triggerForm.pageUrlHint')}
                required
                maxLength={2000}
                value={c.value ?? ''}
                onChange={(e) => setCondition(i, { name: c.name, value: e.target.value })}
              />
            )}
            {c.name === 'time-on-site' && (
              <TextField
                label={t('triggerForm.timeOnSiteValue')}
                type="number"
                inputMode="numeric"
                min={0}
                max={86400}
                step={1}
                required
                value={c.value ?? ''}
                onChange={(e) => setCondition(i, { name: c.name, value: e.target.value })}
              />
            )}
            {d.conditions.length > 1 && (
              <button
                type="button"
                aria-label={`${t('triggerForm.removeCondition')} (${t(CONDITION_LABELS[c.name])})`}
                onClick={() => set({ conditions: d.conditions.filter((_, j) => j !== i) })}
              >
                {t('triggerForm.removeCondition')}
              </button>
            )}
          </div>
        ))}
        {unused.length > 0 && (
          <button type="button" onClick={() => set({ conditions: [...d.conditions, { name: unused[0]!, value: '' }] })}>
            {t('triggerForm.addCondition')}
          </button>
        )}
      </fieldset>
      <fieldset>
        {/* the one action Rocket.Chat offers without Enterprise, so no choice to make */}
        <legend>{external ? t('triggerForm.action') : t('triggerForm.actionSendMessage')}</legend>
        {external ? (
          <p>{t('triggerForm.externalService')}</p>
        ) : (
          <>
            <SelectField
              label={t('triggerForm.sender')}
              value={d.sender}
              onChange={(e) => set({ sender: e.target.value === 'custom' ? 'custom' : 'queue' })}
            >
              <option value="queue">{t('triggerForm.senderQueue')}</option>
              <option value="custom">{t('triggerForm.senderCustom')}</option>
            </SelectField>
            {d.sender === 'custom' && (
              <TextField
                label={t('triggerForm.agentName')}
                maxLength={256}
                value={d.agentName}
                onChange={(e) => set({ agentName: e.target.value })}
              />
            )}
            <TextArea
              label={t('triggerForm.message')}
              required
              maxLength={10000}
              rows={3}
              value={d.msg}
              onChange={(e) => set({ msg: e.target.value })}
            />
          </>
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
