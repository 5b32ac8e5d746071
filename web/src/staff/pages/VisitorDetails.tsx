/** Pieces of the visitor panel: custom fields, the CRM's answer, previous chats, the current page. */
import { Fragment } from 'react';
import { api } from '../../api.ts';
import { Link } from '../router.tsx';
import { useLoad, when } from '../ui.tsx';
import type { Room } from '../types.ts';
import { t } from '../../i18n/index.ts';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function FieldList({ fields, label }: { fields: Record<string, unknown>; label: string }) {
  const entries = Object.entries(fields);
  if (entries.length === 0) return null;
  return (
    <dl className="facts" aria-label={label}>
      {entries.map(([k, v]) => (
        <Fragment key={k}>
          <dt>{k}</dt>
          <dd>{show(v)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The CRM's answer to the chat's webhook: key/values when it is a JSON object, its text otherwise. */
export function CrmAnswer({ crmData }: { crmData?: string }) {
  if (!crmData) return <p className="muted small">{t('visitor.noCrmAnswer')}</p>;
  let parsed: unknown;
  try {
    parsed = JSON.parse(crmData);
  } catch {
    parsed = undefined;
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
    return <FieldList fields={parsed as Record<string, unknown>} label={t('visitor.crmAnswer')} />;
  return <pre className="code">{parsed === undefined ? crmData : JSON.stringify(parsed, null, 2)}</pre>;
}

interface PageVisit {
  _id: string;
  ts: string;
  navigation: { page: { title: string; location: { href: string } } };
}

/** Only web addresses become links: a page URL is whatever the visitor's browser reported. */
const isWeb = (href: string) => /^https?:\/\//i.test(href);

export function CurrentPage({ rid }: { rid: string }) {
  const pages = useLoad(
    () =>
      api<{ pages: PageVisit[] }>('GET', `livechat/visitors.pagesVisited/${encodeURIComponent(rid)}`, {
        query: { count: 1 },
      }).then((r) => r.pages[0] ?? null),
    [rid],
  );
  const p = pages.data;
  if (!p) return <>–</>;
  const { title, location } = p.navigation.page;
  const label = title || location.href;
  return (
    <span data-testid="current-page">
      {isWeb(location.href) ? (
        <a href={location.href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      ) : (
        label
      )}
      <span className="muted small"> · {when(p.ts)}</span>
    </span>
  );
}

export function PreviousChats({ room }: { room: Room }) {
  const list = useLoad(
    () =>
      api<{ history: Room[]; total: number }>(
        'GET',
        `livechat/visitors.chatHistory/room/${encodeURIComponent(room._id)}/visitor/${encodeURIComponent(room.v._id)}`,
        { query: { count: 20 } },
      ),
    [room._id, room.v._id],
  );
  const others = (list.data?.history ?? []).filter((r) => r._id !== room._id);
  if (!list.data) return <p className="muted small">{list.error ? t('visitor.previousFailed') : '…'}</p>;
  if (others.length === 0) return <p className="muted small">{t('visitor.noPrevious')}</p>;
  return (
    <ul className="previous-chats" aria-label={t('visitor.previous')} style={{ margin: 0, paddingLeft: '1.1rem' }}>
      {others.map((r) => (
        <li key={r._id}>
          <Link to={`/omnichannel/transcripts/${encodeURIComponent(r._id)}`}>{when(r.ts)}</Link>
          <span className="muted small">
            {' '}
            · {r.servedBy?.username ?? t('visitor.noAgent')}
            {r.open ? ` · ${t('visitor.open')}` : ''}
          </span>
        </li>
      ))}
      {list.data.total > list.data.history.length && (
        <li className="muted small">{t('visitor.older', { n: list.data.total - list.data.history.length })}</li>
      )}
    </ul>
  );
}
