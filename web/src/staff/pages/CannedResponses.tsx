/**
 * Canned responses (managers): shortcut, text, tags, scope global or one department. The tag
 * filter above the table asks the server (Rocket.Chat's `tags` query), so it is what agents get.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, SelectField, TextArea, TextField, useLoad, useToast } from '../ui.tsx';
import type { Department } from '../types.ts';
import type { Canned } from '../CannedPicker.tsx';

/** "billing, vip" -> ['billing', 'vip']: how the form's one text field holds a list. */
export function splitTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

export function CannedResponsesPage() {
  const toast = useToast();
  const [filter, setFilter] = useState('');
  const filterTags = splitTags(filter);
  const list = useLoad(
    () =>
      api<{ cannedResponses: Canned[] }>('GET', 'canned-responses', {
        query: { count: 1000, ...(filterTags.length ? { tags: filterTags } : {}) },
      }).then((r) => r.cannedResponses),
    [filterTags.join(',')],
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
  const [tags, setTags] = useState('');
  const [error, setError] = useState<unknown>();

  const edit = (c?: Canned) => {
    setEditing(c);
    setShortcut(c?.shortcut ?? '');
    setText(c?.text ?? '');
    setTags((c?.tags ?? []).join(', '));
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
          tags: splitTags(tags),
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
        <TextField
          label="Tags"
          hint="Comma-separated, e.g. billing, refunds. Agents find responses by tag in the !picker."
          maxLength={500}
          value={tags}
          onChange={(e) => setTags(e.target.value)}
        />
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
      <TextField
        label="Filter by tag"
        hint="Shows responses with any of these tags (comma-separated)"
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {/* a wide table scrolls inside its box instead of widening the page */}
      <div style={{ overflowX: 'auto' }}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Shortcut</th>
              <th scope="col">Text</th>
              <th scope="col">Tags</th>
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
                <td>
                  <span className="chips">
                    {(c.tags ?? []).map((tag) => (
                      <span key={tag} className="chip">
                        {tag}
                      </span>
                    ))}
                  </span>
                </td>
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
                <td colSpan={5} className="muted">
                  {filterTags.length ? 'No canned response has these tags.' : 'No canned responses yet.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
