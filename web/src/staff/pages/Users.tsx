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
import { t } from '../../i18n/index.ts';

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
    if (!active && !confirm(t('users.deactivateUsernameTheirSessions', { username: u.username }))) return;
    try {
      await api('POST', 'users.setActiveStatus', { body: { userId: u._id, activeStatus: active } });
      toast(t(active ? 'users.reactivatedName' : 'users.deactivatedName', { username: u.username }));
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
        <h1>{t('users.users')}</h1>
        <div className="actions" style={{ alignItems: 'center' }}>
          <span className="muted" aria-live="polite" data-testid="users-count">
            {users.data ? `${list.length} of ${users.data.total}` : ''}
          </span>
          <button type="button" className="primary" onClick={() => setPanel({ kind: 'new' })}>
            {t('users.newUser')}
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
          label={t('users.searchUsers')}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('users.nameUsernameOrE')}
          style={{ minWidth: '15rem' }}
        />
      </div>
      <ErrorText error={users.error} />
      {/* a wide table scrolls inside its box instead of widening the page */}
      <div className="wrap" style={{ overflowX: 'auto' }}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('users.user')}</th>
              {!narrow && <th scope="col">{t('common.email')}</th>}
              {!narrow && <th scope="col">{t('common.roles')}</th>}
              {!narrow && <th scope="col">{t('common.status')}</th>}
              <th scope="col">{t('common.actions')}</th>
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
                {!narrow && <td>{u.emails?.[0]?.address ?? <span className="muted">{t('common.none')}</span>}</td>}
                {!narrow && <td>{roleNames(u) || <span className="muted">{t('common.none')}</span>}</td>}
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
                      aria-label={t('users.editUsername', { username: u.username })}
                    >
                      {t('common.edit')}
                    </button>
                    {/* one's own password and status are changed under My account, not here */}
                    {u._id !== me._id && (
                      <button
                        type="button"
                        onClick={() => setPanel({ kind: 'password', user: u })}
                        aria-label={t('users.resetPasswordOfUsername', { username: u.username })}
                      >
                        {t('users.resetPassword')}
                      </button>
                    )}
                    {u._id !== me._id && (
                      <button
                        type="button"
                        className={u.active ? 'danger' : ''}
                        onClick={() => void setActive(u, !u.active)}
                        aria-label={`${u.active ? t('users.deactivate') : t('users.reactivate')} ${u.username}`}
                      >
                        {u.active ? t('users.deactivate') : t('users.reactivate')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
            {users.data && list.length === 0 && (
              <tr>
                <td colSpan={narrow ? 2 : 5} className="muted">
                  {t('users.noUserMatches')}
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
    {active ? t('common.active') : t('users.deactivated')}
  </span>
);

const roleNames = (u: StaffUser) =>
  u.roles
    .filter((r) => ROLE_LABELS[r])
    .map((r) => t(ROLE_LABELS[r]!))
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
        toast(t('users.passwordOfUsernameChanged', { username: user.username }));
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
          <strong>{t('users.newPasswordOf', { username: user.username })}</strong>{' '}
          <code className="secret" data-testid="generated-password">
            {generated}
          </code>{' '}
          <button type="button" onClick={() => void navigator.clipboard?.writeText(generated)}>
            {t('common.copy')}
          </button>{' '}
          <button type="button" onClick={onClose}>
            {t('common.done')}
          </button>
        </p>
        <p className="small">{t('users.theirSessionsHaveEnded')}</p>
      </div>
    );
  }
  return (
    <form
      className="card"
      onSubmit={submit}
      aria-label={t('users.resetPasswordOfUsername', { username: user.username })}
    >
      <h2>{t('users.resetPasswordOfUsername', { username: user.username })}</h2>
      <fieldset>
        <legend>{t('account.newPassword')}</legend>
        <label className="check">
          <input
            type="radio"
            name="mode"
            checked={mode === 'generate'}
            onChange={() => setMode('generate')}
            autoFocus
          />{' '}
          {t('users.generateOne')}
        </label>
        <label className="check">
          <input type="radio" name="mode" checked={mode === 'set'} onChange={() => setMode('set')} />{' '}
          {t('users.setOne')}
        </label>
      </fieldset>
      {mode === 'set' && (
        <TextField
          label={t('login.password')}
          type="password"
          required
          minLength={8}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          hint={t('account.passwordHint')}
        />
      )}
      <p className="small muted">{t('users.theirSessionsEndThey')}</p>
      <ErrorText error={error} />
      <div className="actions">
        <button type="submit" className="primary">
          {mode === 'generate' ? t('users.generatePassword') : t('users.setPassword')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
