/** My account, for everyone: change one's name, and one's password (the current one required). */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api.ts';
import type { Me } from '../../api.ts';
import { useApp } from '../app-context.ts';
import { ErrorText, TextField, useToast } from '../ui.tsx';
import { t } from '../../i18n/index.ts';

export function AccountPage() {
  const { me, setMe } = useApp();
  const toast = useToast();
  const [name, setName] = useState(me.name);
  const [nameError, setNameError] = useState<unknown>();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [pwError, setPwError] = useState<unknown>();

  const saveName = async (e: FormEvent) => {
    e.preventDefault();
    setNameError(undefined);
    try {
      const r = await api<{ user: Me }>('POST', 'users.updateOwnBasicInfo', { body: { data: { name: name.trim() } } });
      setMe({ ...me, name: r.user.name });
      toast(t('account.nameSaved'));
    } catch (err) {
      setNameError(err);
    }
  };
  const savePassword = async (e: FormEvent) => {
    e.preventDefault();
    setPwError(undefined);
    if (next !== again) {
      setPwError(new Error(t('account.passwordsDiffer')));
      return;
    }
    try {
      await api('POST', 'users.updateOwnBasicInfo', {
        body: { data: { currentPassword: current, newPassword: next } },
      });
      setCurrent('');
      setNext('');
      setAgain('');
      toast(t('account.passwordChanged'));
    } catch (err) {
      setPwError(err);
    }
  };

  return (
    <section className="page narrow">
      <header className="page-header">
        <h1>{t('account.title')}</h1>
        <span className="muted">@{me.username}</span>
      </header>
      <form className="card" onSubmit={saveName} aria-label={t('common.name')}>
        <h2>{t('common.name')}</h2>
        <TextField
          label={t('common.name')}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="name"
        />
        <ErrorText error={nameError} />
        <button type="submit" className="primary" disabled={name.trim() === me.name}>
          {t('account.saveName')}
        </button>
      </form>
      <form className="card" onSubmit={savePassword} aria-label={t('account.changePassword')}>
        <h2>{t('account.changePassword')}</h2>
        {/* lets password managers tie the new password to this account */}
        <input type="text" name="username" value={me.username} autoComplete="username" readOnly hidden />
        <TextField
          label={t('account.currentPassword')}
          type="password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          autoComplete="current-password"
        />
        <TextField
          label={t('account.newPassword')}
          type="password"
          required
          minLength={8}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          autoComplete="new-password"
          hint={t('account.passwordHint')}
        />
        <TextField
          label={t('account.newPasswordAgain')}
          type="password"
          required
          minLength={8}
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          autoComplete="new-password"
        />
        <ErrorText error={pwError} />
        <button type="submit" className="primary">
          {t('account.changePassword')}
        </button>
      </form>
    </section>
  );
}
