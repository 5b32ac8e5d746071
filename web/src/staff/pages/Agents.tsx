/** Agents: who is an agent, who is available right now (live), add by username, remove. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { useLive } from '../app-context.ts';
import { ErrorText, TextField, useLoad, useToast } from '../ui.tsx';
import type { Agent, Department } from '../types.ts';
import { RoutingSetting } from './RoutingSetting.tsx';

export function AgentsPage() {
  const toast = useToast();
  const agents = useLoad(
    () => api<{ users: Agent[] }>('GET', 'livechat/users/agent', { query: { count: 500 } }).then((r) => r.users),
    [],
  );
  const departments = useLoad(
    () =>
      api<{ departments: Department[] }>('GET', 'livechat/department', { query: { count: 500 } }).then(
        (r) => r.departments,
      ),
    [],
  );
  const [username, setUsername] = useState('');
  const [error, setError] = useState<unknown>();
  useLive((kind) => {
    if (kind === 'agent-status' || kind === 'ready') agents.reload();
  });

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api('POST', 'livechat/users/agent', { body: { username: username.trim() } });
      toast(`${username.trim()} is now an agent`);
      setUsername('');
      agents.reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (a: Agent) => {
    if (!confirm(`Remove ${a.username} from the agents? They also leave every department.`)) return;
    try {
      await api('DELETE', `livechat/users/agent/${a._id}`);
      toast(`${a.username} removed`);
      agents.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const names = new Map((departments.data ?? []).map((d) => [d._id, d.name]));
  const list = agents.data ?? [];
  const available = list.filter((a) => a.statusLivechat === 'available');

  return (
    <section className="page">
      <header className="page-header">
        <h1>Agents</h1>
        <span className="muted" aria-live="polite" data-testid="available-count">
          {agents.data ? `${available.length} of ${list.length} available` : ''}
        </span>
      </header>
      <form className="card inline-form" onSubmit={add} aria-label="Add agent">
        <TextField
          label="Username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          placeholder="An existing user's username"
        />
        <button type="submit" className="primary">
          Add agent
        </button>
      </form>
      <ErrorText error={error ?? agents.error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Availability</th>
            <th scope="col">Departments</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr key={a._id} data-agent={a.username}>
              <td>
                <strong>{a.name || a.username}</strong> <span className="muted">@{a.username}</span>
              </td>
              <td>
                <span className={`badge ${a.statusLivechat === 'available' ? 'good' : ''}`}>
                  {a.statusLivechat === 'available' ? 'Available' : 'Not available'}
                </span>
              </td>
              <td>
                {(a.departments ?? []).map((d) => names.get(d) ?? d).join(', ') || <span className="muted">none</span>}
              </td>
              <td>
                <button
                  type="button"
                  className="danger"
                  onClick={() => void remove(a)}
                  aria-label={`Remove ${a.username}`}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
          {agents.data && list.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No agents yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <RoutingSetting />
    </section>
  );
}
