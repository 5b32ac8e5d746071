/**
 * Departments: list, create, edit (fields, forwarding rules, agents), archive and unarchive, and
 * delete while Omnichannel_enable_department_removal allows it (the button is hidden otherwise).
 */
import { useState } from 'react';
import { api, errorText } from '../../api.ts';
import { EditDeleteCell, ErrorText, TableScroll, useLoad, useToast } from '../ui.tsx';
import type { Agent } from '../types.ts';
import { DepartmentForm } from './DepartmentForm.tsx';
import type { DepartmentWithRules as Department } from './DepartmentForm.tsx';
import { t } from '../../i18n/index.ts';

export function DepartmentsPage() {
  const toast = useToast();
  const deps = useLoad(
    () =>
      api<{ departments: Department[] }>('GET', 'livechat/department', {
        query: { count: 500, showArchived: 'true' },
      }).then((r) => r.departments),
    [],
  );
  const removal = useLoad(
    () =>
      api<{ value: boolean }>('GET', 'settings/Omnichannel_enable_department_removal')
        .then((r) => r.value !== false)
        .catch(() => true),
    [],
  );
  const agents = useLoad(
    () => api<{ users: Agent[] }>('GET', 'livechat/users/agent', { query: { count: 500 } }).then((r) => r.users),
    [],
  );
  const [editing, setEditing] = useState<Department | 'new'>();

  const remove = async (d: Department) => {
    if (!confirm(t('departments.deleteTheDepartmentName', { name: d.name }))) return;
    try {
      await api('DELETE', `livechat/department/${d._id}`);
      toast(t('common.deleted'));
      deps.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  const setArchived = async (d: Department, archive: boolean) => {
    try {
      await api('POST', `livechat/department/${d._id}/${archive ? 'archive' : 'unarchive'}`);
      toast(archive ? t('common.archived') : t('departments.unarchived'));
      deps.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('departments.departments')}</h1>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('departments.newDepartment')}
          </button>
        </div>
      </header>
      <ErrorText error={deps.error} />
      {editing && (
        <DepartmentForm
          key={editing === 'new' ? 'new' : editing._id}
          department={editing === 'new' ? undefined : editing}
          agents={agents.data ?? []}
          departments={deps.data ?? []}
          onDone={() => {
            setEditing(undefined);
            deps.reload();
            agents.reload();
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {/* on a phone the table scrolls sideways, the page (and the form above) does not */}
      <TableScroll wide label={t('departments.departments')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('common.enabled')}</th>
              <th scope="col">{t('departments.agents')}</th>
              <th scope="col">{t('departments.availableNow')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(deps.data ?? []).map((d) => {
              const members = (agents.data ?? []).filter((a) => a.departments?.includes(d._id));
              return (
                <tr key={d._id}>
                  <td>
                    <strong>{d.name}</strong>
                    {d.description && <div className="muted small">{d.description}</div>}
                  </td>
                  <td>{d.archived ? t('common.archived') : d.enabled ? t('common.yes') : t('common.no')}</td>
                  <td>
                    {members.map((a) => a.username).join(', ') || <span className="muted">{t('common.none')}</span>}
                  </td>
                  <td>
                    {members
                      .filter((a) => a.statusLivechat === 'available')
                      .map((a) => a.username)
                      .join(', ') || <span className="muted">{t('departments.nobody')}</span>}
                  </td>
                  <EditDeleteCell
                    name={d.name}
                    onEdit={() => setEditing(d)}
                    onDelete={removal.data !== false ? () => void remove(d) : undefined}
                  >
                    <button
                      type="button"
                      onClick={() => void setArchived(d, !d.archived)}
                      aria-label={`${d.archived ? t('departments.unarchive') : t('departments.archive')} ${d.name}`}
                    >
                      {d.archived ? t('departments.unarchive') : t('departments.archive')}
                    </button>
                  </EditDeleteCell>
                </tr>
              );
            })}
            {deps.data && deps.data.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('departments.noDepartmentsYet')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
