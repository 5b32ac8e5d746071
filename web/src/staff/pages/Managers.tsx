/** Managers (admins only): who holds livechat-manager; add one by searching users, remove. */
import { useState } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, TableScroll, useLoad, useToast } from '../ui.tsx';
import type { StaffUser } from '../types.ts';
import { UserPicker } from '../UserPicker.tsx';
import { t } from '../../i18n/index.ts';

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
      toast(t('managers.nowManager', { username: u.username }));
      managers.reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (u: StaffUser) => {
    if (!confirm(t('managers.removeUsernameFromThe', { username: u.username }))) return;
    try {
      await api('DELETE', `livechat/users/manager/${u._id}`);
      toast(t('common.removedName', { name: u.username }));
      managers.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const list = managers.data ?? [];
  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('managers.managers')}</h1>
      </header>
      <div className="card narrow-card" role="group" aria-label={t('managers.addManager')}>
        <UserPicker label={t('managers.addManager')} onPick={(u) => void add(u)} exclude={list.map((m) => m._id)} />
      </div>
      <ErrorText error={error ?? managers.error} />
      {/* a wide table scrolls inside its box instead of widening the page */}
      <TableScroll label={t('managers.managers')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('managers.manager')}</th>
              <th scope="col">{t('common.email')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <tr key={m._id} data-manager={m.username}>
                <td>
                  <strong>{m.name || m.username}</strong> <span className="muted">@{m.username}</span>
                </td>
                <td>{m.emails?.[0]?.address ?? <span className="muted">{t('common.none')}</span>}</td>
                <td>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => void remove(m)}
                    aria-label={t('agents.removeUsername', { username: m.username })}
                  >
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
            {managers.data && list.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  {t('managers.noManagersYet')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
