/**
 * Departments: list, create, edit (fields, forwarding rules, agents), archive and unarchive, and
 * delete while Omnichannel_enable_department_removal allows it (the button is hidden otherwise).
 */
import { useState } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, useLoad, useToast } from '../ui.tsx';
import type { Agent } from '../types.ts';
import { DepartmentForm } from './DepartmentForm.tsx';
import type { DepartmentWithRules as Department } from './DepartmentForm.tsx';

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
    if (!confirm(`Delete the department ${d.name}?`)) return;
    try {
      await api('DELETE', `livechat/department/${d._id}`);
      toast('Deleted');
      deps.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  const setArchived = async (d: Department, archive: boolean) => {
    try {
      await api('POST', `livechat/department/${d._id}/${archive ? 'archive' : 'unarchive'}`);
      toast(archive ? 'Archived' : 'Unarchived');
      deps.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <h1>Departments</h1>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            New department
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
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Enabled</th>
              <th scope="col">Agents</th>
              <th scope="col">Available now</th>
              <th scope="col">Actions</th>
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
                  <td>{d.archived ? 'Archived' : d.enabled ? 'Yes' : 'No'}</td>
                  <td>{members.map((a) => a.username).join(', ') || <span className="muted">none</span>}</td>
                  <td>
                    {members
                      .filter((a) => a.statusLivechat === 'available')
                      .map((a) => a.username)
                      .join(', ') || <span className="muted">nobody</span>}
                  </td>
                  <td className="row-actions">
                    <button type="button" onClick={() => setEditing(d)} aria-label={`Edit ${d.name}`}>
                      Edit
                    </button>
                    <button
                      type="button"
                      onClick={() => void setArchived(d, !d.archived)}
                      aria-label={`${d.archived ? 'Unarchive' : 'Archive'} ${d.name}`}
                    >
                      {d.archived ? 'Unarchive' : 'Archive'}
                    </button>
                    {removal.data !== false && (
                      <button
                        type="button"
                        className="danger"
                        onClick={() => void remove(d)}
                        aria-label={`Delete ${d.name}`}
                      >
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
            {deps.data && deps.data.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No departments yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
