/**
 * The visitor's name, email and phone, editable through Rocket.Chat's `livechat/room.saveInfo`.
 * The phone is the one lead capture matches in visitor messages: a wrong match is fixed here.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { TextField, useToast } from '../ui.tsx';
import { t } from '../../i18n/index.ts';

/** The panel's fact lists share their first column, so contact and details line up. */
export const FACTS = { gridTemplateColumns: '6.5rem minmax(0, 1fr)' };

export interface Contact {
  name?: string;
  email?: string;
  phone?: string;
}

export function VisitorContact({
  rid,
  visitorId,
  contact,
  onSaved,
}: {
  rid: string;
  visitorId: string;
  contact: Contact;
  onSaved: () => void;
}) {
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<Contact>(contact);
  const [busy, setBusy] = useState(false);
  const start = () => {
    setForm(contact);
    setEditing(true);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('POST', 'livechat/room.saveInfo', {
        body: {
          guestData: {
            _id: visitorId,
            name: form.name?.trim(),
            email: form.email?.trim() ?? '',
            phone: form.phone?.trim() ?? '',
          },
          roomData: { _id: rid },
        },
      });
      toast(t('contact.saved'));
      setEditing(false);
      onSaved();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  if (!editing) {
    return (
      <>
        <dl className="facts" style={FACTS}>
          <dt>{t('common.name')}</dt>
          <dd>{contact.name || '–'}</dd>
          <dt>{t('common.email')}</dt>
          <dd>{contact.email || '–'}</dd>
          <dt>{t('common.phone')}</dt>
          <dd>{contact.phone || '–'}</dd>
        </dl>
        <button type="button" className="link" onClick={start}>
          {t('contact.edit')}
        </button>
      </>
    );
  }
  return (
    <form onSubmit={save} aria-label={t('contact.edit')}>
      <TextField
        label={t('common.name')}
        required
        maxLength={256}
        value={form.name ?? ''}
        onChange={(e) => setForm({ ...form, name: e.target.value })}
      />
      <TextField
        label={t('common.email')}
        type="email"
        maxLength={320}
        value={form.email ?? ''}
        onChange={(e) => setForm({ ...form, email: e.target.value })}
      />
      <TextField
        label={t('common.phone')}
        type="tel"
        maxLength={64}
        value={form.phone ?? ''}
        onChange={(e) => setForm({ ...form, phone: e.target.value })}
      />
      <div className="actions">
        <button type="submit" disabled={busy || !form.name?.trim()}>
          {t('common.save')}
        </button>
        <button type="button" className="ghost" onClick={() => setEditing(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
