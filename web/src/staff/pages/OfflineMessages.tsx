/**
 * Offline messages (issue 13): what visitors left while nobody was online, with whether it was
 * emailed. Reply opens the manager's own mail program (a mailto: link), so the answer comes from a
 * real mailbox; Mark handled keeps the list a to-do list.
 */
import { useState } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, useLoad, useToast, when } from '../ui.tsx';
import { t } from '../../i18n/index.ts';

interface OfflineMessage {
  _id: string;
  name: string;
  email: string;
  message: string;
  department: { _id: string; name: string } | null;
  mailTo: string | null;
  mailStatus: 'pending' | 'sent' | 'failed' | 'none';
  mailError: string | null;
  handledAt: string | null;
  handledBy: string | null;
  createdAt: string;
}

type Filter = 'open' | 'handled' | 'all';
const PAGE = 50;

function mailBadge(m: OfflineMessage): { label: string; tone: string; hint: string } {
  if (m.mailStatus === 'sent')
    return {
      label: t('offlineMessages.emailed'),
      tone: 'good',
      hint: t('offlineMessages.sentToV1', { v1: m.mailTo ?? '' }),
    };
  if (m.mailStatus === 'pending')
    return { label: t('common.sending'), tone: '', hint: t('offlineMessages.toV1', { v1: m.mailTo ?? '' }) };
  if (m.mailStatus === 'failed')
    return {
      label: t('offlineMessages.notEmailed'),
      tone: 'bad',
      hint: m.mailError ?? t('offlineMessages.theSmtpServerCould'),
    };
  return {
    label: t('offlineMessages.notEmailed'),
    tone: 'warn',
    hint: 'No address: set Livechat_offline_email or a department email',
  };
}

function replyLink(m: OfflineMessage): string {
  const subject = encodeURIComponent(t('offlineMessages.reYourMessage'));
  const quoted = m.message
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  return `mailto:${encodeURIComponent(m.email)}?subject=${subject}&body=${encodeURIComponent(`\n\n${quoted}`)}`;
}

export function OfflineMessagesPage() {
  const toast = useToast();
  const [filter, setFilter] = useState<Filter>('open');
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    () =>
      api<{ messages: OfflineMessage[]; total: number }>('GET', 'livechat/offline-messages', {
        query: { count: PAGE, offset, ...(filter === 'all' ? {} : { handled: filter === 'handled' }) },
      }),
    [filter, offset],
  );
  const setHandled = async (m: OfflineMessage, handled: boolean) => {
    try {
      await api('POST', `livechat/offline-messages/${m._id}/handled`, { body: { handled } });
      toast(
        handled
          ? t('offlineMessages.messageFromNameMarked', { name: m.name })
          : t('offlineMessages.messageFromNameReopened', { name: m.name }),
      );
      list.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const messages = list.data?.messages ?? [];
  const total = list.data?.total ?? 0;

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('offlineMessages.offlineMessages')}</h1>
        <label>
          {t('offlineMessages.show')}{' '}
          <select
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value as Filter);
              setOffset(0);
            }}
          >
            <option value="open">{t('offlineMessages.notHandled')}</option>
            <option value="handled">{t('offlineMessages.handled')}</option>
            <option value="all">{t('common.all')}</option>
          </select>
        </label>
      </header>
      <ErrorText error={list.error} />
      {/* one card per message: a table would hide the actions off-screen on a phone */}
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('offlineMessages.offlineMessages')}>
        {messages.map((m) => {
          const mail = mailBadge(m);
          return (
            <li key={m._id} className="card" data-offline-message={m._id}>
              <div className="row-actions" style={{ justifyContent: 'space-between' }}>
                <span>
                  <strong>{m.name}</strong> <span className="muted">{m.email}</span>
                </span>
                <span className="muted">{when(m.createdAt)}</span>
              </div>
              <div className="row-actions muted" style={{ marginTop: '0.25rem' }}>
                <span>{t('offlineMessages.department', { name: m.department?.name ?? t('common.none') })}</span>
                <span className={`badge ${mail.tone}`} title={mail.hint}>
                  {mail.label}
                </span>
                {m.mailStatus !== 'sent' && <span className="small">{mail.hint}</span>}
                {m.handledAt && (
                  <span className="badge">
                    {m.handledBy
                      ? t('offlineMessages.handledBy', { name: m.handledBy, when: when(m.handledAt) })
                      : t('offlineMessages.handledAt', { when: when(m.handledAt) })}
                  </span>
                )}
              </div>
              <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.message}</p>
              <div className="row-actions">
                <a
                  className="button"
                  href={replyLink(m)}
                  aria-label={t('offlineMessages.replyToName', { name: m.name })}
                >
                  {t('offlineMessages.reply')}
                </a>
                {m.handledAt ? (
                  <button
                    type="button"
                    onClick={() => void setHandled(m, false)}
                    aria-label={t('offlineMessages.reopenName', { name: m.name })}
                  >
                    {t('offlineMessages.reopen')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void setHandled(m, true)}
                    aria-label={t('offlineMessages.markMessageFromName', { name: m.name })}
                  >
                    {t('offlineMessages.markHandled')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {list.data && messages.length === 0 && (
        <p className="muted">
          {filter === 'open' ? t('offlineMessages.nothingWaitingEveryOffline') : t('offlineMessages.noOfflineMessages')}
        </p>
      )}
      {total > PAGE && (
        <div className="row-actions">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('common.previous')}
          </button>
          <span className="muted">
            {t('common.range', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}
          </span>
          <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            {t('common.next')}
          </button>
        </div>
      )}
    </section>
  );
}
