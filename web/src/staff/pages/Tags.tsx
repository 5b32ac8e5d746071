/** Tags (managers): the list the close form picks from, global or limited to departments. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, TextField, useLoad, useToast } from '../ui.tsx';
import { MultiSelect } from '../MultiSelect.tsx';
import type { Department } from '../types.ts';

export interface Tag {
  _id: string;
  name: string;
  description?: string;
  departments: string[];
}

export function TagsPage() {
  const toast = useToast();
  const list = useLoad(
    () => api<{ tags: Tag[] }>('GET', 'livechat/tags', { query: { count: 1000 } }).then((r) => r.tags),
    [],
  );
  const deps = useLoad(
    () =>
      api<{ departments: Department[] }>('GET', 'livechat/department', { query: { count: 500 } }).then(
        (r) => r.departments,
      ),
    [],
  );
  const [editing, setEditing] = useState<Tag | undefined>();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [departments, setDepartments] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();

  const edit = (t?: Tag) => {
    setEditing(t);
    setName(t?.name ?? '');
    setDescription(t?.description ?? '');
    setDepartments(t?.departments ?? []);
    setError(undefined);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api('POST', 'livechat/tags.save', {
        body: {
          ...(editing ? { _id: editing._id } : {}),
          tagData: { name, ...(description.trim() ? { description } : {}) },
          tagDepartments: departments,
        },
      });
      toast('Saved');
      edit(undefined);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (t: Tag) => {
    if (!confirm(`Delete the tag ${t.name}?`)) return;
    try {
      await api('POST', 'livechat/tags.delete', { body: { id: t._id } });
      toast('Deleted');
      list.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const names = (ids: string[]) =>
    ids.length === 0
      ? 'Every department'
      : ids.map((id) => deps.data?.find((d) => d._id === id)?.name ?? id).join(', ');

  return (
    <section className="page">
      <header className="page-header">
        <h1>Tags</h1>
      </header>
      <form className="card" onSubmit={save} aria-label={editing ? 'Edit tag' : 'New tag'}>
        <ErrorText error={error} />
        <TextField label="Name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
        <MultiSelect
          label="Departments"
          placeholder="Every department"
          options={(deps.data ?? []).map((d) => ({ value: d._id, label: d.name }))}
          value={departments}
          onChange={setDepartments}
        />
        <div className="actions">
          <button type="submit" className="primary">
            {editing ? 'Save' : 'Add'}
          </button>
          {editing && (
            <button type="button" onClick={() => edit(undefined)}>
              Cancel
            </button>
          )}
        </div>
      </form>
      <ErrorText error={list.error} />
      {/* a wide table scrolls inside its box instead of widening the page */}
      <div style={{ overflowX: 'auto' }}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Departments</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((t) => (
              <tr key={t._id}>
                <td>
                  <strong>{t.name}</strong>
                  {t.description && <div className="muted small">{t.description}</div>}
                </td>
                <td>{names(t.departments)}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => edit(t)} aria-label={`Edit ${t.name}`}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => void remove(t)}
                    aria-label={`Delete ${t.name}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
            {list.data && list.data.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  No tags yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
