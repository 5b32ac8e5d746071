/** Departments: list, create, edit (fields and agents), delete. */
import { useState } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, useLoad, useToast } from '../ui.tsx';
import type { Agent, Department } from '../types.ts';
import { DepartmentForm } from './DepartmentForm.tsx';

export function DepartmentsPage() {
  const toast = useToast();
  const deps = useLoad(
    () =>
      api<{ departments: Department[] }>('GET', 'livechat/department', { query: { count: 500 } }).then(
        (r) => r.departments,
      ),
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
          onDone={() => {
            setEditing(undefined);
            deps.reload();
            agents.reload();
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
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
                <td>{d.enabled ? 'Yes' : 'No'}</td>
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
                    className="danger"
                    onClick={() => void remove(d)}
                    aria-label={`Delete ${d.name}`}
                  >
                    Delete
                  </button>
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
    </section>
  );
}
