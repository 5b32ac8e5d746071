/**
 * Custom fields (managers): Rocket.Chat's registry of the livechatData keys a visitor or a room may
 * carry. Keys that are not registered here are dropped or refused by the livechat API.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { Check, EditDeleteCell, ErrorText, SelectField, TableScroll, TextField, useLoad, useToast } from '../ui.tsx';
import { t } from '../../i18n/index.ts';

export interface CustomField {
  _id: string;
  label: string;
  scope: 'visitor' | 'room';
  visibility: string;
  type?: string;
  regexp?: string;
  required?: boolean;
  defaultValue?: string;
  options?: string;
  public?: boolean;
  searchable?: boolean;
}

interface Draft {
  field: string;
  label: string;
  scope: 'visitor' | 'room';
  visible: boolean;
  type: string;
  regexp: string;
  required: boolean;
  defaultValue: string;
  options: string;
  public: boolean;
  searchable: boolean;
}

const EMPTY: Draft = {
  field: '',
  label: '',
  scope: 'visitor',
  visible: true,
  type: 'input',
  regexp: '',
  required: false,
  defaultValue: '',
  options: '',
  public: false,
  searchable: true,
};

function draftOf(f: CustomField): Draft {
  return {
    field: f._id,
    label: f.label,
    scope: f.scope,
    visible: f.visibility !== 'hidden',
    type: f.type ?? 'input',
    regexp: f.regexp ?? '',
    required: f.required ?? false,
    defaultValue: f.defaultValue ?? '',
    options: f.options ?? '',
    public: f.public ?? false,
    searchable: f.searchable ?? false,
  };
}

export function CustomFieldsPage() {
  const toast = useToast();
  const [text, setText] = useState('');
  const list = useLoad(
    () =>
      api<{ customFields: CustomField[] }>('GET', 'livechat/custom-fields', {
        query: { count: 1000, ...(text.trim() ? { text: text.trim() } : {}) },
      }).then((r) => r.customFields),
    [text],
  );
  const [editing, setEditing] = useState<CustomField | undefined>();
  const [d, setD] = useState<Draft>(EMPTY);
  const [error, setError] = useState<unknown>();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((prev) => ({ ...prev, [k]: v }));

  const edit = (f?: CustomField) => {
    setEditing(f);
    setD(f ? draftOf(f) : EMPTY);
    setError(undefined);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api('POST', 'livechat/custom-fields.save', {
        body: {
          customFieldId: editing ? editing._id : null,
          customFieldData: {
            field: d.field,
            label: d.label,
            scope: d.scope,
            visibility: d.visible ? 'visible' : 'hidden',
            type: d.type,
            regexp: d.regexp,
            required: d.required,
            defaultValue: d.defaultValue,
            options: d.type === 'select' ? d.options : '',
            public: d.public,
            searchable: d.searchable,
          },
        },
      });
      toast(t('common.saved'));
      edit(undefined);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (f: CustomField) => {
    if (!confirm(t('customFields.deleteTheCustomField', { label: f.label }))) return;
    try {
      await api('POST', 'livechat/custom-fields.delete', { body: { customFieldId: f._id } });
      toast(t('common.deleted'));
      if (editing?._id === f._id) edit(undefined);
      list.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('customFields.customFields')}</h1>
      </header>
      <p className="muted">{t('customFields.theExtraDetailsA')}</p>
      <form
        className="card"
        onSubmit={save}
        aria-label={editing ? t('customFields.editCustomField') : t('customFields.newCustomField')}
      >
        <ErrorText error={error} />
        <TextField
          label={t('customFields.fieldName')}
          hint={t('customFields.theKeyInLivechatdata')}
          required
          maxLength={64}
          pattern="[0-9a-zA-Z_\-]+"
          disabled={Boolean(editing)}
          value={d.field}
          onChange={(e) => set('field', e.target.value)}
        />
        <TextField
          label={t('common.label')}
          required
          maxLength={256}
          value={d.label}
          onChange={(e) => set('label', e.target.value)}
        />
        <SelectField
          label={t('customFields.scope')}
          value={d.scope}
          onChange={(e) => set('scope', e.target.value === 'room' ? 'room' : 'visitor')}
        >
          <option value="visitor">{t('common.visitor')}</option>
          <option value="room">{t('customFields.chatRoom')}</option>
        </SelectField>
        <SelectField label={t('common.type')} value={d.type} onChange={(e) => set('type', e.target.value)}>
          <option value="input">{t('customFields.text')}</option>
          <option value="select">{t('customFields.choice')}</option>
        </SelectField>
        {d.type === 'select' && (
          <TextField
            label={t('customFields.options')}
            hint={t('customFields.commaSeparatedEG')}
            value={d.options}
            onChange={(e) => set('options', e.target.value)}
          />
        )}
        <TextField
          label={t('customFields.validationRegularExpression')}
          hint={t('customFields.leaveEmptyToAccept')}
          maxLength={1000}
          value={d.regexp}
          onChange={(e) => set('regexp', e.target.value)}
        />
        <TextField
          label={t('customFields.defaultValue')}
          value={d.defaultValue}
          onChange={(e) => set('defaultValue', e.target.value)}
        />
        <Check label={t('common.visible')} checked={d.visible} onChange={(e) => set('visible', e.target.checked)} />
        <Check label={t('common.required')} checked={d.required} onChange={(e) => set('required', e.target.checked)} />
        <Check
          label={t('customFields.publicOnTheRegistration')}
          checked={d.public}
          onChange={(e) => set('public', e.target.checked)}
        />
        <Check
          label={t('customFields.searchable')}
          checked={d.searchable}
          onChange={(e) => set('searchable', e.target.checked)}
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
      <TextField label={t('common.search')} type="search" value={text} onChange={(e) => setText(e.target.value)} />
      <ErrorText error={list.error} />
      {/* a wide table scrolls inside its box instead of widening the page */}
      <TableScroll label={t('customFields.customFields')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('customFields.field')}</th>
              <th scope="col">{t('customFields.scope')}</th>
              <th scope="col">{t('customFields.flags')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((f) => (
              <tr key={f._id}>
                <td>
                  <strong>{f.label}</strong>
                  <div className="muted small">{f._id}</div>
                </td>
                <td>{f.scope === 'room' ? t('customFields.chat') : t('common.visitor')}</td>
                <td className="small">
                  {[
                    f.visibility === 'hidden' ? 'hidden' : 'visible',
                    f.required ? 'required' : '',
                    f.public ? 'public' : '',
                    f.regexp ? 'validated' : '',
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </td>
                <EditDeleteCell name={f.label} onEdit={() => edit(f)} onDelete={() => void remove(f)} />
              </tr>
            ))}
            {list.data && list.data.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {text.trim() ? t('customFields.noCustomFieldMatches') : t('customFields.noCustomFieldsYet')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
