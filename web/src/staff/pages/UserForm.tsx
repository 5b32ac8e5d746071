/** Create or edit a user (Administration > Users): name, username, e-mail, password, roles. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api.ts';
import { Check, ErrorText, TextField, useToast } from '../ui.tsx';
import { ROLE_LABELS } from '../types.ts';
import type { StaffUser } from '../types.ts';
import { t } from '../../i18n/index.ts';

const ROLES = ['admin', 'livechat-manager', 'livechat-agent'] as const;

export function UserForm({
  user,
  onDone,
  onCancel,
}: {
  /** the user to edit; a new user when absent */
  user?: StaffUser;
  onDone: (u: StaffUser) => void;
  onCancel: () => void;
}) {
  const toast = useToast();
  const [name, setName] = useState(user?.name ?? '');
  const [username, setUsername] = useState(user?.username ?? '');
  const [email, setEmail] = useState(user?.emails?.[0]?.address ?? '');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>(user?.roles.filter((r) => r !== 'user') ?? ['livechat-agent']);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const toggle = (r: string) => setRoles((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    // keep the plain 'user' role the account may have besides the three shown here
    const all = user?.roles.includes('user') || roles.length === 0 ? [...roles, 'user'] : roles;
    try {
      const r = user
        ? await api<{ user: StaffUser }>('POST', 'users.update', {
            body: {
              userId: user._id,
              data: { name: name.trim(), username: username.trim(), email: email.trim(), roles: all },
            },
          })
        : await api<{ user: StaffUser }>('POST', 'users.create', {
            body: {
              name: name.trim(),
              username: username.trim(),
              ...(email.trim() ? { email: email.trim() } : {}),
              password,
              roles: all,
            },
          });
      toast(user ? `${r.user.username} saved` : `${r.user.username} created`);
      onDone(r.user);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card"
      onSubmit={submit}
      aria-label={user ? t('users.editUsername', { username: user.username }) : t('users.newUser')}
    >
      <h2>{user ? t('users.editUsername', { username: user.username }) : t('users.newUser')}</h2>
      <div className="grid2">
        {/* focused on open, which also scrolls the form into view from a long list */}
        <TextField
          label={t('common.name')}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="off"
          autoFocus
        />
        <TextField
          label={t('common.username')}
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          pattern="[A-Za-z0-9._\-]+"
          title={t('userForm.lettersDigitsDotUnderscore')}
          autoComplete="off"
        />
        <TextField
          label={t('common.email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="off"
        />
        {!user && (
          <TextField
            label={t('login.password')}
            type="password"
            required
            minLength={8}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            hint={t('userForm.atLeast8Characters')}
            autoComplete="new-password"
          />
        )}
      </div>
      <fieldset>
        <legend>{t('common.roles')}</legend>
        {ROLES.map((r) => (
          <Check
            key={r}
            label={ROLE_LABELS[r] ? t(ROLE_LABELS[r]) : r}
            checked={roles.includes(r)}
            onChange={() => toggle(r)}
          />
        ))}
      </fieldset>
      <ErrorText error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {user ? t('common.save') : t('userForm.createUser')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
