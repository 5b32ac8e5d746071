/** Managers (admins only): who holds livechat-manager; add one by searching users, remove. */
import { useState } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, useLoad, useToast } from '../ui.tsx';
import type { StaffUser } from '../types.ts';
import { UserPicker } from '../UserPicker.tsx';

export function ManagersPage() {
  const toast = useToast();
  const managers = useLoad(
    () => api<{ users: StaffUser[] }>('GET', 'livechat/users/manager', { query: { count: 500 } }).then((r) => r.users),
    [],
  );
  const [error, setError] = useState<unknown>();
  const add = async (u: StaffUser) => {
    setError(undefined);
    try {
      await api('POST', 'livechat/users/manager', { body: { username: u.username } });
      toast(`${u.username} is now a manager`);
      managers.reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (u: StaffUser) => {
    if (!confirm(`Remove ${u.username} from the managers?`)) return;
    try {
      await api('DELETE', `livechat/users/manager/${u._id}`);
      toast(`${u.username} removed`);
      managers.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const list = managers.data ?? [];
  return (
    <section className="page">
      <header className="page-header">
        <h1>Managers</h1>
      </header>
      <div className="card narrow-card" role="group" aria-label="Add manager">
        <UserPicker label="Add manager" onPick={(u) => void add(u)} exclude={list.map((m) => m._id)} />
      </div>
      <ErrorText error={error ?? managers.error} />
      {/* a wide table scrolls inside its box instead of widening the page */}
      <div style={{ overflowX: 'auto' }}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Manager</th>
              <th scope="col">Email</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <tr key={m._id} data-manager={m.username}>
                <td>
                  <strong>{m.name || m.username}</strong> <span className="muted">@{m.username}</span>
                </td>
                <td>{m.emails?.[0]?.address ?? <span className="muted">none</span>}</td>
                <td>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => void remove(m)}
                    aria-label={`Remove ${m.username}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
            {managers.data && list.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  No managers yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
