/**
 * The visitor's forms: registration before chatting and the offline message form. Which fields
 * the registration form asks for comes from livechat/config (settings.registrationFields, set on
 * the Appearance page): name, email, phone and department each off, optional or required, plus
 * the public custom fields. Departments are offered where their showOnRegistration /
 * showOnOfflineForm switches say. With nothing to ask, the visitor is registered at once.
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent, InputHTMLAttributes, ReactNode } from 'react';
import { api, errorText } from '../api.ts';
import { t } from '../i18n/index.ts';

export type FieldMode = 'off' | 'optional' | 'required';
export interface RegistrationFields {
  name: FieldMode;
  email: FieldMode;
  phone: FieldMode;
  department: FieldMode;
}
/** Rocket.Chat's defaults when a server sends no registrationFields: name and email required. */
export const DEFAULT_FIELDS: RegistrationFields = {
  name: 'required',
  email: 'required',
  phone: 'off',
  department: 'optional',
};
export interface WidgetDepartment {
  _id: string;
  name: string;
  showOnRegistration?: boolean;
  showOnOfflineForm?: boolean;
}
export interface WidgetCustomField {
  _id: string;
  label: string;
  type: string;
  required: boolean;
  defaultValue?: string;
  options?: string[];
  regexp?: string;
}

function Input({ label, ...rest }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="wfield">
      <span>
        {label}
        {!rest.required && <span className="woptional"> {t('preview.optional')}</span>}
      </span>
      <input {...rest} />
    </label>
  );
}

function DepartmentSelect({
  departments,
  mode,
  value,
  onChange,
}: {
  departments: WidgetDepartment[];
  mode: FieldMode;
  value: string;
  onChange: (id: string) => void;
}) {
  if (mode === 'off' || departments.length === 0) return null;
  const required = mode === 'required';
  return (
    <label className="wfield">
      <span>
        {t('common.department')}
        {!required && <span className="woptional"> {t('preview.optional')}</span>}
      </span>
      <select required={required} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{required ? t('forms.chooseDepartment') : t('allChats.anyDepartment')}</option>
        {departments.map((d) => (
          <option key={d._id} value={d._id}>
            {d.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function CustomFieldInput({
  field,
  value,
  onChange,
}: {
  field: WidgetCustomField;
  value: string;
  onChange: (v: string) => void;
}) {
  if (field.type === 'select' && field.options) {
    return (
      <label className="wfield">
        <span>
          {field.label}
          {!field.required && <span className="woptional"> {t('preview.optional')}</span>}
        </span>
        <select required={field.required} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="" />
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return (
    <Input
      label={field.label}
      required={field.required}
      value={value}
      pattern={field.regexp || undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function useSubmit(fn: () => Promise<void>): [(e: FormEvent) => void, boolean, string | undefined] {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    fn().then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setError(errorText(err));
      },
    );
  };
  return [submit, busy, error];
}

function FormShell({
  title,
  onSubmit,
  busy,
  error,
  button,
  children,
}: {
  title: string;
  onSubmit: (e: FormEvent) => void;
  busy: boolean;
  error?: string;
  button: string;
  children: ReactNode;
}) {
  return (
    <form className="wform" onSubmit={onSubmit} aria-label={title}>
      <p>{title}</p>
      {children}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {button}
      </button>
    </form>
  );
}

export function RegisterForm({
  token,
  onRegistered,
  fields = DEFAULT_FIELDS,
  message,
  departments = [],
  customFields = [],
  enabled = true,
}: {
  token: string;
  onRegistered: (guest: { _id: string; name?: string }) => void;
  fields?: RegistrationFields;
  /** Livechat_registration_form_message, above the fields. */
  message?: string;
  departments?: WidgetDepartment[];
  customFields?: WidgetCustomField[];
  /** Livechat_registration_form: off registers the visitor without asking anything. */
  enabled?: boolean;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [department, setDepartment] = useState('');
  const [extra, setExtra] = useState<Record<string, string>>(() =>
    Object.fromEntries(customFields.map((f) => [f._id, f.defaultValue ?? ''])),
  );
  const offered = departments.filter((d) => d.showOnRegistration !== false);
  const asks =
    enabled &&
    (fields.name !== 'off' ||
      fields.email !== 'off' ||
      fields.phone !== 'off' ||
      (fields.department !== 'off' && offered.length > 0) ||
      customFields.length > 0);

  const register = async () => {
    const filled = customFields
      .filter((f) => (extra[f._id] ?? '').trim() !== '')
      .map((f) => ({ key: f._id, value: (extra[f._id] ?? '').trim(), overwrite: true }));
    const visitor = {
      token,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(department ? { department } : {}),
      ...(filled.length > 0 ? { customFields: filled } : {}),
    };
    const r = await api<{ visitor: { _id: string; name?: string } }>('POST', 'livechat/visitor', {
      staff: false,
      body: { visitor },
    });
    onRegistered(r.visitor);
  };
  const [submit, busy, error] = useSubmit(register);

  // Nothing to ask: register at once, so the visitor starts typing straight away.
  const started = useRef(false);
  const [autoError, setAutoError] = useState<string>();
  useEffect(() => {
    if (asks || started.current) return;
    started.current = true;
    register().catch((err: unknown) => setAutoError(errorText(err)));
  }, [asks]);
  if (!asks)
    return autoError ? (
      <p className="error" role="alert">
        {autoError}
      </p>
    ) : (
      <p className="wnote">{t('forms.starting')}</p>
    );

  return (
    <FormShell
      title={message || t('preview.defaultRegistration')}
      onSubmit={submit}
      busy={busy}
      error={error}
      button={t('preview.startChat')}
    >
      {fields.name !== 'off' && (
        <Input
          label={t('common.name')}
          required={fields.name === 'required'}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      )}
      {fields.email !== 'off' && (
        <Input
          label={t('common.email')}
          type="email"
          required={fields.email === 'required'}
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      )}
      {fields.phone !== 'off' && (
        <Input
          label={t('common.phone')}
          type="tel"
          required={fields.phone === 'required'}
          autoComplete="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
      )}
      <DepartmentSelect departments={offered} mode={fields.department} value={department} onChange={setDepartment} />
      {customFields.map((f) => (
        <CustomFieldInput
          key={f._id}
          field={f}
          value={extra[f._id] ?? ''}
          onChange={(v) => setExtra((x) => ({ ...x, [f._id]: v }))}
        />
      ))}
    </FormShell>
  );
}

export function OfflineForm({
  intro,
  success,
  unavailable,
  enabled,
  departments = [],
}: {
  intro: string;
  success: string;
  unavailable: string;
  enabled: boolean;
  /** Offered when their showOnOfflineForm switch is on. */
  departments?: WidgetDepartment[];
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [department, setDepartment] = useState('');
  const [sent, setSent] = useState(false);
  const offered = departments.filter((d) => d.showOnOfflineForm === true);
  const [submit, busy, error] = useSubmit(async () => {
    await api('POST', 'livechat/offline.message', {
      staff: false,
      body: {
        name: name.trim(),
        email: email.trim(),
        message: message.trim(),
        host: location.origin,
        ...(department ? { department } : {}),
      },
    });
    setSent(true);
  });
  if (!enabled) return <p className="wnote">{unavailable}</p>;
  if (sent)
    return (
      <p className="wnote" role="status">
        {success || t('forms.offlineThanks')}
      </p>
    );
  return (
    <FormShell
      title={intro || t('preview.defaultOffline')}
      onSubmit={submit}
      busy={busy}
      error={error}
      button={t('common.send')}
    >
      <Input
        label={t('common.name')}
        required
        autoComplete="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <Input
        label={t('common.email')}
        type="email"
        required
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <DepartmentSelect departments={offered} mode="optional" value={department} onChange={setDepartment} />
      <label className="wfield">
        <span>{t('triggerForm.message')}</span>
        <textarea required rows={4} value={message} onChange={(e) => setMessage(e.target.value)} />
      </label>
    </FormShell>
  );
}

/** The composer's sound control (sound.ts): a bell, struck through while muted. */
export function BellIcon({ off }: { off: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        fill="currentColor"
      />
      {off && <path d="M3 3l18 18" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />}
    </svg>
  );
}
