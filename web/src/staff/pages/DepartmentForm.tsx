/**
 * Create or edit a department. The API's PUT only adds or updates the agents it lists, so agents
 * unchecked here are removed with a second call (department/:id/agents { remove }).
 * Forwarding rules (Rocket.Chat's): which departments a chat here may be forwarded to (none
 * ticked = any), whether a forward here waits in the queue when nobody is online, and the
 * fallback department a forward goes on to when nobody here can take it.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api.ts';
import { Check, ErrorText, SelectField, TextArea, TextField, useToast } from '../ui.tsx';
import type { Agent, Department } from '../types.ts';
import { t } from '../../i18n/index.ts';

/** The department as the API sends it, with the fields this form edits beyond the basics. */
export type DepartmentWithRules = Department & {
  archived?: boolean;
  requestTagBeforeClosingChat?: boolean;
  fallbackForwardDepartment?: string;
  departmentsAllowedToForward?: string[];
  allowReceiveForwardOffline?: boolean;
};

export function DepartmentForm({
  department,
  agents,
  departments,
  onDone,
  onCancel,
}: {
  department?: DepartmentWithRules;
  agents: Agent[];
  /** Every department, for the forwarding rules (this one is left out of the choices). */
  departments: DepartmentWithRules[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const toast = useToast();
  const initialAgents = department
    ? agents.filter((a) => a.departments?.includes(department._id)).map((a) => a._id)
    : [];
  const [name, setName] = useState(department?.name ?? '');
  const [description, setDescription] = useState(department?.description ?? '');
  const [email, setEmail] = useState(department?.email ?? '');
  const [enabled, setEnabled] = useState(department?.enabled ?? true);
  const [showOnRegistration, setShowOnRegistration] = useState(department?.showOnRegistration ?? true);
  const [showOnOfflineForm, setShowOnOfflineForm] = useState(department?.showOnOfflineForm ?? true);
  const [requestTag, setRequestTag] = useState(department?.requestTagBeforeClosingChat ?? false);
  const [fallback, setFallback] = useState(department?.fallbackForwardDepartment ?? '');
  const [allowed, setAllowed] = useState<string[]>(department?.departmentsAllowedToForward ?? []);
  const [offlineForward, setOfflineForward] = useState(department?.allowReceiveForwardOffline ?? false);
  const others = departments.filter((d) => d._id !== department?._id);
  const [members, setMembers] = useState<string[]>(initialAgents);
  const [error, setError] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const body = {
      department: {
        name: name.trim(),
        description,
        email: email.trim(),
        enabled,
        showOnRegistration,
        showOnOfflineForm,
        requestTagBeforeClosingChat: requestTag,
        fallbackForwardDepartment: fallback,
        // ids of departments deleted since are dropped, so saving never carries a dangling one
        departmentsAllowedToForward: allowed.filter((id) => others.some((d) => d._id === id)),
        allowReceiveForwardOffline: offlineForward,
      },
      agents: members.map((agentId) => ({ agentId })),
    };
    try {
      if (department) {
        await api('PUT', `livechat/department/${department._id}`, { body });
        const removed = initialAgents.filter((id) => !members.includes(id));
        if (removed.length)
          await api('POST', `livechat/department/${department._id}/agents`, {
            body: { remove: removed.map((agentId) => ({ agentId })) },
          });
      } else {
        await api('POST', 'livechat/department', { body });
      }
      toast(t('common.saved'));
      onDone();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <form
      className="card"
      onSubmit={submit}
      aria-label={department ? t('departments.editName', { name: department.name }) : t('departments.newDepartment')}
    >
      <h2>{department ? t('departments.editName', { name: department.name }) : t('departments.newDepartment')}</h2>
      <div className="grid2">
        <TextField label={t('common.name')} required value={name} onChange={(e) => setName(e.target.value)} />
        <TextField label={t('common.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <TextArea
        label={t('common.description')}
        rows={2}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <Check
        label={department?.archived ? t('departmentForm.enabledUnarchiveItFirst') : t('common.enabled')}
        checked={enabled}
        disabled={department?.archived}
        onChange={(e) => setEnabled(e.target.checked)}
      />
      <Check
        label={t('departmentForm.requireATagBefore')}
        checked={requestTag}
        onChange={(e) => setRequestTag(e.target.checked)}
      />
      <Check
        label={t('departmentForm.showOnRegistrationForm')}
        checked={showOnRegistration}
        onChange={(e) => setShowOnRegistration(e.target.checked)}
      />
      <Check
        label={t('departmentForm.showOnOfflineForm')}
        checked={showOnOfflineForm}
        onChange={(e) => setShowOnOfflineForm(e.target.checked)}
      />
      <fieldset>
        <legend>{t('departmentForm.forwarding')}</legend>
        <Check
          label={t('departmentForm.acceptForwardedChatsWhen')}
          checked={offlineForward}
          onChange={(e) => setOfflineForward(e.target.checked)}
        />
        <SelectField
          label={t('departmentForm.fallbackDepartment')}
          hint={t('departmentForm.whereAForwardedChat')}
          value={fallback}
          onChange={(e) => setFallback(e.target.value)}
        >
          <option value="">{t('departmentForm.none')}</option>
          {others.map((d) => (
            <option key={d._id} value={d._id}>
              {d.name}
              {d.archived ? ' (archived)' : !d.enabled ? ' (disabled)' : ''}
            </option>
          ))}
        </SelectField>
        <p className="muted small">{t('departmentForm.chatsHereMayBe')}</p>
        {others.length === 0 && <p className="muted small">{t('departmentForm.noOtherDepartmentsYet')}</p>}
        {others.map((d) => (
          <Check
            key={d._id}
            label={d.name}
            checked={allowed.includes(d._id)}
            onChange={() =>
              setAllowed(allowed.includes(d._id) ? allowed.filter((x) => x !== d._id) : [...allowed, d._id])
            }
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('departments.agents')}</legend>
        {agents.length === 0 && <p className="muted">{t('dashboard.noAgentsYetAdd')}</p>}
        {agents.map((a) => (
          <Check
            key={a._id}
            label={`${a.username}${a.statusLivechat === 'available' ? ' (available)' : ''}`}
            checked={members.includes(a._id)}
            onChange={() =>
              setMembers(members.includes(a._id) ? members.filter((x) => x !== a._id) : [...members, a._id])
            }
          />
        ))}
      </fieldset>
      <ErrorText error={error} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary">
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
