/**
 * Administration > Users: search, create, edit, deactivate or reactivate, reset a password (set
 * one, or have one generated and shown once). Deactivating ends the person's sessions and puts
 * their open chats back in the queue; the server refuses to leave no active admin.
 */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { useApp } from '../app-context.ts';
import { ErrorText, TextField, useLoad, useToast } from '../ui.tsx';
import { ROLE_LABELS } from '../types.ts';
import type { StaffUser } from '../types.ts';
import { UserForm } from './UserForm.tsx';

type Panel = { kind: 'new' } | { kind: 'edit'; user: StaffUser } | { kind: 'password'; user: StaffUser } | null;

export function UsersPage() {
  const toast = useToast();
  const { me } = useApp();
  const [text, setText] = useState('');
  const [panel, setPanel] = useState<Panel>(null);
  const users = useLoad(
    () => api<{ users: StaffUser[]; total: number }>('GET', 'users.list', { query: { text: text.trim(), count: 100 } }),
    [text],
  );
  const done = () => {
    setPanel(null);
    users.reload();
  };
  const setActive = async (u: StaffUser, active: boolean) => {
    if (!active && !confirm(`Deactivate ${u.username}? Their sessions end and their open chats go back to the queue.`))
      return;
    try {
      await api('POST', 'users.setActiveStatus', { body: { userId: u._id, activeStatus: active } });
      toast(`${u.username} ${active ? 'reactivated' : 'deactivated'}`);
      users.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const list = users.data?.users ?? [];
  const narrow = useNarrow();

  return (
    <section className="page">
      <header className="page-header">
        <h1>Users</h1>
        <div className="actions" style={{ alignItems: 'center' }}>
          <span className="muted" aria-live="polite" data-testid="users-count">
            {users.data ? `${list.length} of ${users.data.total}` : ''}
          </span>
          <button type="button" className="primary" onClick={() => setPanel({ kind: 'new' })}>
            New user
          </button>
        </div>
      </header>
      {panel?.kind === 'new' && <UserForm onDone={done} onCancel={() => setPanel(null)} />}
      {panel?.kind === 'edit' && (
        <UserForm user={panel.user} key={panel.user._id} onDone={done} onCancel={() => setPanel(null)} />
      )}
      {panel?.kind === 'password' && (
        <PasswordPanel user={panel.user} key={panel.user._id} onClose={() => setPanel(null)} />
      )}
      <div className="filters" role="search">
        <TextField
          label="Search users"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Name, username or e-mail"
          style={{ minWidth: '15rem' }}
        />
      </div>
      <ErrorText error={users.error} />
      {/* a wide table scrolls inside its box instead of widening the page */}
      <div className="wrap" style={{ overflowX: 'auto' }}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">User</th>
              {!narrow && <th scope="col">Email</th>}
              {!narrow && <th scope="col">Roles</th>}
              {!narrow && <th scope="col">Status</th>}
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((u) => (
              <tr key={u._id} data-user={u.username}>
                <td>
                  <strong>{u.name || u.username}</strong> <span className="muted">@{u.username}</span>
                  {narrow && (
                    <div className="small muted">
                      {[u.emails?.[0]?.address, roleNames(u)].filter(Boolean).join(' · ')}{' '}
                      <StatusBadge active={u.active} />
                    </div>
                  )}
                </td>
                {!narrow && <td>{u.emails?.[0]?.address ?? <span className="muted">none</span>}</td>}
                {!narrow && <td>{roleNames(u) || <span className="muted">none</span>}</td>}
                {!narrow && (
                  <td>
                    <StatusBadge active={u.active} />
                  </td>
                )}
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      onClick={() => setPanel({ kind: 'edit', user: u })}
                      aria-label={`Edit ${u.username}`}
                    >
                      Edit
                    </button>
                    {/* one's own password and status are changed under My account, not here */}
                    {u._id !== me._id && (
                      <button
                        type="button"
                        onClick={() => setPanel({ kind: 'password', user: u })}
                        aria-label={`Reset password of ${u.username}`}
                      >
                        Reset password
                      </button>
                    )}
                    {u._id !== me._id && (
                      <button
                        type="button"
                        className={u.active ? 'danger' : ''}
                        onClick={() => void setActive(u, !u.active)}
                        aria-label={`${u.active ? 'Deactivate' : 'Reactivate'} ${u.username}`}
                      >
                        {u.active ? 'Deactivate' : 'Reactivate'}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
            {users.data && list.length === 0 && (
              <tr>
                <td colSpan={narrow ? 2 : 5} className="muted">
                  No user matches.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const StatusBadge = ({ active }: { active: boolean }) => (
  <span className={`badge ${active ? 'good' : 'bad'}`} style={{ whiteSpace: 'nowrap' }}>
    {active ? 'Active' : 'Deactivated'}
  </span>
);

const roleNames = (u: StaffUser) =>
  u.roles
    .filter((r) => ROLE_LABELS[r])
    .map((r) => ROLE_LABELS[r])
    .join(', ');

/** Phone width: the e-mail and roles move under the name, so the table fits without scrolling. */
function useNarrow(): boolean {
  const query = '(max-width: 600px)';
  const [narrow, setNarrow] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const m = matchMedia(query);
    const on = () => setNarrow(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return narrow;
}

/** Set a password, or have the server generate one that is shown here once. */
function PasswordPanel({ user, onClose }: { user: StaffUser; onClose: () => void }) {
  const toast = useToast();
  const [mode, setMode] = useState<'set' | 'generate'>('generate');
  const [password, setPassword] = useState('');
  const [generated, setGenerated] = useState<string>();
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      if (mode === 'generate') {
        const r = await api<{ password: string }>('POST', 'users.resetPassword', { body: { userId: user._id } });
        setGenerated(r.password);
      } else {
        await api('POST', 'users.update', { body: { userId: user._id, data: { password } } });
        toast(`Password of ${user.username} changed`);
        onClose();
      }
    } catch (err) {
      setError(err);
    }
  };
  if (generated) {
    return (
      <div className="notice" role="alert">
        <p>
          <strong>New password of {user.username}, shown only once:</strong>{' '}
          <code className="secret" data-testid="generated-password">
            {generated}
          </code>{' '}
          <button type="button" onClick={() => void navigator.clipboard?.writeText(generated)}>
            Copy
          </button>{' '}
          <button type="button" onClick={onClose}>
            Done
          </button>
        </p>
        <p className="small">Their sessions have ended. They can change it under My account.</p>
      </div>
    );
  }
  return (
    <form className="card" onSubmit={submit} aria-label={`Reset password of ${user.username}`}>
      <h2>Reset password of {user.username}</h2>
      <fieldset>
        <legend>New password</legend>
        <label className="check">
          <input
            type="radio"
            name="mode"
            checked={mode === 'generate'}
            onChange={() => setMode('generate')}
            autoFocus
          />{' '}
          Generate one (shown once)
        </label>
        <label className="check">
          <input type="radio" name="mode" checked={mode === 'set'} onChange={() => setMode('set')} /> Set one
        </label>
      </fieldset>
      {mode === 'set' && (
        <TextField
          label="Password"
          type="password"
          required
          minLength={8}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          hint="At least 8 characters."
        />
      )}
      <p className="small muted">Their sessions end: they log in again with the new password.</p>
      <ErrorText error={error} />
      <div className="actions">
        <button type="submit" className="primary">
          {mode === 'generate' ? 'Generate password' : 'Set password'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
