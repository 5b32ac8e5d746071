import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api.ts';
import type { Me, Session } from '../api.ts';
import { ErrorText, TextField } from './ui.tsx';
import { t } from '../i18n/index.ts';

export function Login({ onLogin }: { onLogin: (s: Session, me: Me) => void }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // login answers { status, data } rather than { success }: api() only looks at the HTTP status here
      const r = await api<{ data: { userId: string; authToken: string; me: Me } }>('POST', 'login', {
        body: { user, password },
        staff: false,
      });
      onLogin({ userId: r.data.userId, authToken: r.data.authToken }, r.data.me);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Omnihook</h1>
        <p className="muted">{t('login.subtitle')}</p>
        <TextField
          label={t('login.user')}
          autoComplete="username"
          value={user}
          onChange={(e) => setUser(e.target.value)}
          required
          autoFocus
        />
        <TextField
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <ErrorText error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
