/**
 * Permissions (admins): Rocket.Chat's role x permission grid. A change is saved at once with
 * permissions.update and every route honours it from the next request.
 */
import { useState } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, TableScroll, TextField, useLoad, useToast } from '../ui.tsx';
import { t } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/index.ts';

interface Permission {
  _id: string;
  roles: string[];
  _updatedAt: string;
}

/** The roles a user can hold here; other Rocket.Chat roles a script set stay stored, unshown. */
const ROLES: [string, MessageKey][] = [
  ['admin', 'roles.admin'],
  ['livechat-manager', 'roles.manager'],
  ['livechat-agent', 'roles.agent'],
];

export function PermissionsPage() {
  const toast = useToast();
  const list = useLoad(() => api<{ update: Permission[] }>('GET', 'permissions.listAll').then((r) => r.update), []);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState<string | undefined>();
  // the box shows the click at once; a refused save puts it back
  const [pending, setPending] = useState<Record<string, string[]>>({});
  const rolesOf = (p: Permission) => pending[p._id] ?? p.roles;

  const toggle = async (p: Permission, role: string, on: boolean) => {
    const current = rolesOf(p);
    const roles = on ? [...current, role] : current.filter((r) => r !== role);
    setPending((m) => ({ ...m, [p._id]: roles }));
    setBusy(`${p._id}/${role}`);
    try {
      await api('POST', 'permissions.update', { body: { permissions: [{ _id: p._id, roles }] } });
      toast(t('common.saved'));
      list.reload();
    } catch (err) {
      setPending(({ [p._id]: _dropped, ...rest }) => rest);
      toast(errorText(err), 'error');
    } finally {
      setBusy(undefined);
    }
  };

  const shown = (list.data ?? [])
    .filter((p) => p._id.includes(filter.trim().toLowerCase()))
    .sort((a, b) => a._id.localeCompare(b._id));

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('permissions.permissions')}</h1>
      </header>
      <p className="muted">{t('permissions.whichRoleMayDo')}</p>
      <TextField
        label={t('permissions.filter')}
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <ErrorText error={list.error} />
      <TableScroll label={t('permissions.permissions')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('permissions.permission')}</th>
              {ROLES.map(([id, label]) => (
                <th scope="col" key={id} style={{ textAlign: 'center' }}>
                  {t(label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p._id}>
                <td style={{ wordBreak: 'break-word' }}>
                  <code>{p._id}</code>
                </td>
                {ROLES.map(([role, label]) => (
                  <td key={role} style={{ textAlign: 'center' }}>
                    <input
                      type="checkbox"
                      aria-label={`${t(label)}: ${p._id}`}
                      checked={rolesOf(p).includes(role)}
                      disabled={busy !== undefined || (p._id === 'access-permissions' && role === 'admin')}
                      title={
                        p._id === 'access-permissions' && role === 'admin'
                          ? t('permissions.adminsAlwaysKeepThis')
                          : undefined
                      }
                      onChange={(e) => void toggle(p, role, e.target.checked)}
                    />
                  </td>
                ))}
              </tr>
            ))}
            {list.data && shown.length === 0 && (
              <tr>
                <td colSpan={ROLES.length + 1} className="muted">
                  {t('permissions.noPermissionMatches')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
