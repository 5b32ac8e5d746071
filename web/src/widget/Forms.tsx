/** The visitor's forms: name + email before chatting, and the offline message form. */
import { useState } from 'react';
import type { FormEvent, InputHTMLAttributes, ReactNode } from 'react';
import { api, errorText } from '../api.ts';

function Input({ label, ...rest }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="wfield">
      <span>{label}</span>
      <input {...rest} />
    </label>
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
}: {
  token: string;
  onRegistered: (guest: { _id: string; name?: string }) => void;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [submit, busy, error] = useSubmit(async () => {
    const r = await api<{ visitor: { _id: string; name?: string } }>('POST', 'livechat/visitor', {
      staff: false,
      body: { visitor: { token, name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}) } },
    });
    onRegistered(r.visitor);
  });
  return (
    <FormShell
      title="Please tell us your name and email to start the chat."
      onSubmit={submit}
      busy={busy}
      error={error}
      button="Start chat"
    >
      <Input
        label="Name"
        required
        autoComplete="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoFocus
      />
      <Input
        label="Email"
        type="email"
        required
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
    </FormShell>
  );
}

export function OfflineForm({
  intro,
  success,
  unavailable,
  enabled,
}: {
  intro: string;
  success: string;
  unavailable: string;
  enabled: boolean;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const [submit, busy, error] = useSubmit(async () => {
    await api('POST', 'livechat/offline.message', {
      staff: false,
      body: { name: name.trim(), email: email.trim(), message: message.trim(), host: location.origin },
    });
    setSent(true);
  });
  if (!enabled) return <p className="wnote">{unavailable}</p>;
  if (sent)
    return (
      <p className="wnote" role="status">
        {success || 'Thanks! We will get back to you soon.'}
      </p>
    );
  return (
    <FormShell
      title={intro || 'We are not online right now. Leave a message and we will get back to you.'}
      onSubmit={submit}
      busy={busy}
      error={error}
      button="Send"
    >
      <Input label="Name" required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      <Input
        label="Email"
        type="email"
        required
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <label className="wfield">
        <span>Message</span>
        <textarea required rows={4} value={message} onChange={(e) => setMessage(e.target.value)} />
      </label>
    </FormShell>
  );
}
