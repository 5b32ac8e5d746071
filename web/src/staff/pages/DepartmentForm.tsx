/**
 * Create or edit a department. The API's PUT only adds or updates the agents it lists, so agents
 * unchecked here are removed with a second call (department/:id/agents { remove }).
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api.ts';
import { Check, ErrorText, TextArea, TextField, useToast } from '../ui.tsx';
import type { Agent, Department } from '../types.ts';

export function DepartmentForm({
  department,
  agents,
  onDone,
  onCancel,
}: {
  department?: Department;
  agents: Agent[];
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
  const [requestTag, setRequestTag] = useState(
    (department as { requestTagBeforeClosingChat?: boolean } | undefined)?.requestTagBeforeClosingChat ?? false,
  );
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
      toast('Saved');
      onDone();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-label={department ? `Edit ${department.name}` : 'New department'}>
      <h2>{department ? `Edit ${department.name}` : 'New department'}</h2>
      <div className="grid2">
        <TextField label="Name" required value={name} onChange={(e) => setName(e.target.value)} />
        <TextField label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <TextArea label="Description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      <Check label="Enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
      <Check
        label="Require a tag before closing a chat"
        checked={requestTag}
        onChange={(e) => setRequestTag(e.target.checked)}
      />
      <Check
        label="Show on registration form"
        checked={showOnRegistration}
        onChange={(e) => setShowOnRegistration(e.target.checked)}
      />
      <Check
        label="Show on offline form"
        checked={showOnOfflineForm}
        onChange={(e) => setShowOnOfflineForm(e.target.checked)}
      />
      <fieldset>
        <legend>Agents</legend>
        {agents.length === 0 && <p className="muted">No agents yet: add them on the Agents page.</p>}
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
          Cancel
        </button>
        <button type="submit" className="primary">
          Save
        </button>
      </div>
    </form>
  );
}
