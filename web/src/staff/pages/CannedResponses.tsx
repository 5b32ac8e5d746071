/**
 * Canned responses (managers): shortcut, text, tags, scope global or one department. The tag
 * filter above the table asks the server (Rocket.Chat's `tags` query), so it is what agents get.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { EditDeleteCell, ErrorText, SelectField, TableScroll, TextArea, TextField, useLoad, useToast } from '../ui.tsx';
import type { Department } from '../types.ts';
import type { Canned } from '../CannedPicker.tsx';
import { t } from '../../i18n/index.ts';

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
      toast(t('common.saved'));
      edit(undefined);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (c: Canned) => {
    if (!confirm(t('cannedResponses.deleteShortcut', { shortcut: c.shortcut }))) return;
    try {
      await api('DELETE', 'canned-responses', { body: { _id: c._id } });
      toast(t('common.deleted'));
      list.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const depName = (id?: string) =>
    id ? (deps.data?.find((d) => d._id === id)?.name ?? id) : t('cannedResponses.everyone');

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('canned.title')}</h1>
      </header>
      <form
        className="card"
        onSubmit={save}
        aria-label={editing ? t('cannedResponses.editCannedResponse') : t('cannedResponses.newCannedResponse')}
      >
        <ErrorText error={error} />
        <TextField
          label={t('cannedResponses.shortcut')}
          hint={t('cannedResponses.agentsTypeShortcutThen')}
          required
          pattern="[A-Za-z0-9_.\-]+"
          maxLength={64}
          value={shortcut}
          onChange={(e) => setShortcut(e.target.value)}
        />
        <TextArea
          label={t('customFields.text')}
          required
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <TextField
          label={t('common.tags')}
          hint={t('cannedResponses.commaSeparatedEG')}
          maxLength={500}
          value={tags}
          onChange={(e) => setTags(e.target.value)}
        />
        <SelectField label={t('cannedResponses.availableTo')} value={scope} onChange={(e) => setScope(e.target.value)}>
          <option value="global">{t('cannedResponses.everyone')}</option>
          {(deps.data ?? []).map((d) => (
            <option key={d._id} value={d._id}>
              {t('cannedResponses.departmentName', { name: d.name })}
            </option>
          ))}
        </SelectField>
        <div className="actions">
          <button type="submit" className="primary">
            {editing ? t('common.save') : t('common.add')}
          </button>
          {editing && (
            <button type="button" onClick={() => edit(undefined)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      <ErrorText error={list.error} />
      <TextField
        label={t('cannedResponses.filterByTag')}
        hint={t('cannedResponses.showsResponsesWithAny')}
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {/* a wide table scrolls inside its box instead of widening the page */}
      <TableScroll label={t('canned.title')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('cannedResponses.shortcut')}</th>
              <th scope="col">{t('customFields.text')}</th>
              <th scope="col">{t('common.tags')}</th>
              <th scope="col">{t('cannedResponses.availableTo')}</th>
              <th scope="col">{t('common.actions')}</th>
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
                <EditDeleteCell name={`!${c.shortcut}`} onEdit={() => edit(c)} onDelete={() => void remove(c)} />
              </tr>
            ))}
            {list.data && list.data.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {filterTags.length
                    ? t('cannedResponses.noCannedResponseHas')
                    : t('cannedResponses.noCannedResponsesYet')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
