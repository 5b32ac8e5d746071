/**
 * Chats: every chat for managers (open, queued, closed) and one's own history for agents, with
 * Rocket.Chat's livechat/rooms filters (status, agent, department, tag, created and closed dates)
 * and our text search (visitor name, email, any message). A row opens the chat.
 */
import { useEffect, useRef, useState } from 'react';
import { api, isManager } from '../../api.ts';
import { useApp, useLive } from '../app-context.ts';
import { Link } from '../router.tsx';
import { ErrorText, SelectField, TableScroll, TextField, useLoad, when } from '../ui.tsx';
import type { Agent, Department, Room } from '../types.ts';
import type { Tag } from './Tags.tsx';
import { t } from '../../i18n/index.ts';

interface Filters {
  status: '' | 'open' | 'queued' | 'closed';
  agent: string;
  department: string;
  tag: string;
  createdFrom: string;
  createdTo: string;
  closedFrom: string;
  closedTo: string;
}

const PAGE = 25;
const EMPTY: Filters = {
  status: '',
  agent: '',
  department: '',
  tag: '',
  createdFrom: '',
  createdTo: '',
  closedFrom: '',
  closedTo: '',
};

/** A day range of `<input type=date>` values as Rocket.Chat's {"start","end"} JSON, local days. */
function dayRange(from: string, to: string): string | undefined {
  if (!from && !to) return undefined;
  const range: { start?: string; end?: string } = {};
  if (from) range.start = new Date(`${from}T00:00:00`).toISOString();
  if (to) range.end = new Date(`${to}T23:59:59.999`).toISOString();
  return JSON.stringify(range);
}

function statusQuery(s: Filters['status']): Record<string, boolean> {
  if (s === 'open') return { open: true };
  if (s === 'queued') return { queued: true };
  if (s === 'closed') return { open: false };
  return {};
}

const STATUS_TEXT = { Open: 'common.open', Queued: 'allChats.queued', Closed: 'common.closed' } as const;

export function statusOf(r: Room): 'Open' | 'Queued' | 'Closed' {
  // i18n-ignore: status codes; the page shows them through STATUS_TEXT
  if (!r.open) return 'Closed'; // i18n-ignore
  return r.servedBy ? 'Open' : 'Queued'; // i18n-ignore
}

export function AllChatsPage() {
  const { me } = useApp();
  const manager = isManager(me);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  // the text filter waits for a pause in typing, so each keystroke is not a query
  useEffect(() => {
    const t = setTimeout(() => {
      setSearch(text.trim());
      setOffset(0);
    }, 300);
    return () => clearTimeout(t);
  }, [text]);

  const agents = useLoad(
    () =>
      manager
        ? api<{ users: Agent[] }>('GET', 'livechat/users/agent', { query: { count: 500 } }).then((r) => r.users)
        : Promise.resolve([] as Agent[]),
    [manager],
  );
  const deps = useLoad(
    () =>
      api<{ departments: Department[] }>('GET', 'livechat/department', { query: { count: 500 } }).then(
        (r) => r.departments,
      ),
    [],
  );
  const tags = useLoad(
    () => api<{ tags: Tag[] }>('GET', 'livechat/tags', { query: { count: 1000 } }).then((r) => r.tags),
    [],
  );
  const list = useLoad(
    () =>
      api<{ rooms: Room[]; total: number }>('GET', 'livechat/rooms', {
        query: {
          ...statusQuery(filters.status),
          agents: filters.agent ? [filters.agent] : undefined,
          departmentId: filters.department,
          tags: filters.tag ? [filters.tag] : undefined,
          createdAt: dayRange(filters.createdFrom, filters.createdTo),
          closedAt: dayRange(filters.closedFrom, filters.closedTo),
          text: search,
          count: PAGE,
          offset,
        },
      }),
    [JSON.stringify(filters), search, offset],
  );
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useLive((kind) => {
    if (kind !== 'room' && kind !== 'ready') return;
    clearTimeout(timer.current);
    timer.current = setTimeout(list.reload, 500);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const set = (patch: Partial<Filters>) => {
    setFilters({ ...filters, ...patch });
    setOffset(0);
  };
  const depName = new Map((deps.data ?? []).map((d) => [d._id, d.name]));
  const total = list.data?.total ?? 0;
  const rooms = list.data?.rooms ?? [];
  const filtered = search !== '' || JSON.stringify(filters) !== JSON.stringify(EMPTY);
  // the four date fields fold away (a phone would show nothing but filters); open once one is set
  const datesSet = Boolean(filters.createdFrom || filters.createdTo || filters.closedFrom || filters.closedTo);

  return (
    <section className="page all-chats">
      <header className="page-header">
        <h1>{t('allChats.chats')}</h1>
        <span className="muted" aria-live="polite">
          {list.data ? `${total} ${total === 1 ? 'chat' : 'chats'}` : ''}
        </span>
      </header>
      {!manager && <p className="muted">{t('allChats.yourChatsOpenAnd')}</p>}
      <form className="filters" aria-label={t('common.filters')} onSubmit={(e) => e.preventDefault()}>
        <TextField
          label={t('common.search')}
          type="search"
          placeholder={t('allChats.visitorEmailOrMessage')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <SelectField
          label={t('common.status')}
          value={filters.status}
          onChange={(e) => set({ status: e.target.value as Filters['status'] })}
        >
          <option value="">{t('common.all')}</option>
          <option value="open">{t('common.open')}</option>
          <option value="queued">{t('allChats.queued')}</option>
          <option value="closed">{t('common.closed')}</option>
        </SelectField>
        {manager && (
          <SelectField label={t('common.agent')} value={filters.agent} onChange={(e) => set({ agent: e.target.value })}>
            <option value="">{t('allChats.anyAgent')}</option>
            {(agents.data ?? []).map((a) => (
              <option key={a._id} value={a._id}>
                {a.name && a.name !== a.username ? `${a.name} (${a.username})` : a.username}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          label={t('common.department')}
          value={filters.department}
          onChange={(e) => set({ department: e.target.value })}
        >
          <option value="">{t('allChats.anyDepartment')}</option>
          {(deps.data ?? []).map((d) => (
            <option key={d._id} value={d._id}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('allChats.tag')} value={filters.tag} onChange={(e) => set({ tag: e.target.value })}>
          <option value="">{t('allChats.anyTag')}</option>
          {(tags.data ?? []).map((t) => (
            <option key={t._id} value={t.name}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <details className="date-filters" open={datesSet}>
          <summary>{datesSet ? t('allChats.datesSet') : t('allChats.dates')}</summary>
          <div className="filters">
            <TextField
              label={t('allChats.startedFrom')}
              type="date"
              value={filters.createdFrom}
              onChange={(e) => set({ createdFrom: e.target.value })}
            />
            <TextField
              label={t('allChats.startedUntil')}
              type="date"
              value={filters.createdTo}
              onChange={(e) => set({ createdTo: e.target.value })}
            />
            <TextField
              label={t('allChats.closedFrom')}
              type="date"
              value={filters.closedFrom}
              onChange={(e) => set({ closedFrom: e.target.value })}
            />
            <TextField
              label={t('allChats.closedUntil')}
              type="date"
              value={filters.closedTo}
              onChange={(e) => set({ closedTo: e.target.value })}
            />
          </div>
        </details>
        {filtered && (
          <button
            type="button"
            className="ghost"
            onClick={() => {
              setFilters(EMPTY);
              setText('');
              setOffset(0);
            }}
          >
            {t('allChats.clearFilters')}
          </button>
        )}
      </form>
      <ErrorText error={list.error} />
      <TableScroll wide label={t('allChats.chats')}>
        <table className="table chats-table">
          <thead>
            <tr>
              <th scope="col">{t('common.visitor')}</th>
              <th scope="col">{t('common.agent')}</th>
              <th scope="col">{t('common.department')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('allChats.started')}</th>
              <th scope="col">{t('common.closed')}</th>
              <th scope="col">{t('common.tags')}</th>
            </tr>
          </thead>
          <tbody>
            {rooms.map((r) => {
              const status = statusOf(r);
              return (
                <tr key={r._id} data-room={r._id}>
                  <td>
                    <Link
                      to={`/omnichannel/chats/${r._id}`}
                      aria-label={t('allChats.openChatWithFname', { fname: r.fname })}
                    >
                      {r.fname}
                    </Link>
                    {r.lastMessage && (
                      <div className="preview small muted">{r.lastMessage.msg || r.lastMessage.file?.name}</div>
                    )}
                  </td>
                  <td>{r.servedBy?.username ?? <span className="muted">—</span>}</td>
                  <td>
                    {r.department?.name ?? (r.departmentId ? depName.get(r.departmentId) : undefined) ?? (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <span className={`badge ${status === 'Open' ? 'good' : status === 'Queued' ? 'warn' : ''}`}>
                      {t(STATUS_TEXT[status])}
                    </span>
                  </td>
                  <td className="small">{when(r.ts)}</td>
                  <td className="small">{r.closedAt ? when(r.closedAt) : <span className="muted">—</span>}</td>
                  <td className="small">{r.tags?.length ? r.tags.join(', ') : <span className="muted">—</span>}</td>
                </tr>
              );
            })}
            {list.data && rooms.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  {filtered ? t('allChats.noChatsMatchThese') : t('allChats.noChatsYet')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
      <nav className="pager" aria-label={t('allChats.pages')}>
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          {t('allChats.newer')}
        </button>
        <span className="muted">
          {total === 0 ? '' : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`}
        </span>
        <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          {t('allChats.older')}
        </button>
      </nav>
    </section>
  );
}
