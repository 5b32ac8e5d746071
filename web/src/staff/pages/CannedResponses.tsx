/** Canned responses (managers): shortcut, text, scope global or one department. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, SelectField, TextArea, TextField, useLoad, useToast } from '../ui.tsx';
import type { Department } from '../types.ts';
import type { Canned } from '../CannedPicker.tsx';

export function CannedResponsesPage() {
  const toast = useToast();
  const list = useLoad(
    () =>
      api<{ cannedResponses: Canned[] }>('GET', 'canned-responses', { query: { count: 1000 } }).then(
        (r) => r.cannedResponses,
      ),
    [],
  );
  const deps = useLoad(
    () =>
      api<{ departments: Department[] }>('GET', 'livechat/department', { query: { count: 500 } }).then(
        (r) => r.departments,
      ),
    [],
  );
  const [editing, setEditing] = useState<Canned | undefined>();
  const [shortcut, setShortcut] = useState('');
  const [text, setText] = useState('');
  const [scope, setScope] = useState('global');
  const [error, setError] = useState<unknown>();

  const edit = (c?: Canned) => {
    setEditing(c);
    setShortcut(c?.shortcut ?? '');
    setText(c?.text ?? '');
    setScope(c?.departmentId ?? 'global');
    setError(undefined);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api('POST', 'canned-responses', {
        body: {
          ...(editing ? { _id: editing._id } : {}),
          shortcut,
          text,
          ...(scope === 'global' ? { scope: 'global' } : { scope: 'department', departmentId: scope }),
        },
      });
      toast('Saved');
      edit(undefined);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (c: Canned) => {
    if (!confirm(`Delete !${c.shortcut}?`)) return;
    try {
      await api('DELETE', 'canned-responses', { body: { _id: c._id } });
      toast('Deleted');
      list.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const depName = (id?: string) => (id ? (deps.data?.find((d) => d._id === id)?.name ?? id) : 'Everyone');

  return (
    <section className="page">
      <header className="page-header">
        <h1>Canned responses</h1>
      </header>
      <form className="card" onSubmit={save} aria-label={editing ? 'Edit canned response' : 'New canned response'}>
        <ErrorText error={error} />
        <TextField
          label="Shortcut"
          hint="Agents type !shortcut then a space"
          required
          pattern="[A-Za-z0-9_.\-]+"
          maxLength={64}
          value={shortcut}
          onChange={(e) => setShortcut(e.target.value)}
        />
        <TextArea label="Text" required rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        <SelectField label="Available to" value={scope} onChange={(e) => setScope(e.target.value)}>
          <option value="global">Everyone</option>
          {(deps.data ?? []).map((d) => (
            <option key={d._id} value={d._id}>
              Department {d.name}
            </option>
          ))}
        </SelectField>
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
              <th scope="col">Shortcut</th>
              <th scope="col">Text</th>
              <th scope="col">Available to</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((c) => (
              <tr key={c._id}>
                <td>
                  <code>!{c.shortcut}</code>
                </td>
                <td>{c.text}</td>
                <td>{depName(c.departmentId)}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => edit(c)} aria-label={`Edit !${c.shortcut}`}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => void remove(c)}
                    aria-label={`Delete !${c.shortcut}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
            {list.data && list.data.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  No canned responses yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
