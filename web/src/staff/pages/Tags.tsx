/** Tags (managers): the list the close form picks from, global or limited to departments. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { EditDeleteCell, ErrorText, TableScroll, TextField, useLoad, useToast } from '../ui.tsx';
import { MultiSelect } from '../MultiSelect.tsx';
import type { Department } from '../types.ts';
import { t } from '../../i18n/index.ts';

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

  const edit = (tag?: Tag) => {
    setEditing(tag);
    setName(tag?.name ?? '');
    setDescription(tag?.description ?? '');
    setDepartments(tag?.departments ?? []);
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
      toast(t('common.saved'));
      edit(undefined);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (tag: Tag) => {
    if (!confirm(t('tags.deleteTheTagName', { name: tag.name }))) return;
    try {
      await api('POST', 'livechat/tags.delete', { body: { id: tag._id } });
      toast(t('common.deleted'));
      list.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const names = (ids: string[]) =>
    ids.length === 0
      ? t('tags.everyDepartment')
      : ids.map((id) => deps.data?.find((d) => d._id === id)?.name ?? id).join(', ');

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('common.tags')}</h1>
      </header>
      <form className="card" onSubmit={save} aria-label={editing ? t('tags.editTag') : t('tags.newTag')}>
        <ErrorText error={error} />
        <TextField
          label={t('common.name')}
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label={t('common.description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <MultiSelect
          label={t('departments.departments')}
          placeholder={t('tags.everyDepartment')}
          options={(deps.data ?? []).map((d) => ({ value: d._id, label: d.name }))}
          value={departments}
          onChange={setDepartments}
        />
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
      {/* a wide table scrolls inside its box instead of widening the page */}
      <TableScroll label={t('common.tags')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('departments.departments')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((tag) => (
              <tr key={tag._id}>
                <td>
                  <strong>{tag.name}</strong>
                  {tag.description && <div className="muted small">{tag.description}</div>}
                </td>
                <td>{names(tag.departments)}</td>
                <EditDeleteCell name={tag.name} onEdit={() => edit(tag)} onDelete={() => void remove(tag)} />
              </tr>
            ))}
            {list.data && list.data.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  {t('tags.noTagsYet')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
