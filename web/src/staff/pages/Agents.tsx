/**
 * Agents: who is an agent, who is available right now (live), add one by searching users, set one
 * not available (managers may, as with Rocket.Chat's livechat/agent.status agentId), remove.
 */
import { useState } from 'react';
import { api, errorText } from '../../api.ts';
import { useLive } from '../app-context.ts';
import { ErrorText, TableScroll, useLoad, useToast } from '../ui.tsx';
import type { Agent, Department, StaffUser } from '../types.ts';
import { UserPicker } from '../UserPicker.tsx';
import { RoutingSetting } from './RoutingSetting.tsx';
import { t } from '../../i18n/index.ts';

/** Rocket.Chat's presence `status` (a live console somewhere) beside the agent's own setting. */
type Presence = Agent & { status?: 'online' | 'offline' };

/** Available only when routing can reach them: marked available AND connected; marked but gone is away. */
function availability(a: Presence): { label: string; tone: string; hint: string } {
  if (a.statusLivechat !== 'available')
    return { label: t('dashboard.notAvailable'), tone: '', hint: t('agents.notTakingChatsSet') };
  if (a.status === 'online') return { label: t('dashboard.available'), tone: 'good', hint: t('agents.takingChats') };
  return {
    label: t('dashboard.away'),
    tone: 'warn',
    hint: t('agents.markedAvailableButNo'),
  };
}

export function AgentsPage() {
  const toast = useToast();
  const agents = useLoad(
    () => api<{ users: Agent[] }>('GET', 'livechat/users/agent', { query: { count: 500 } }).then((r) => r.users),
    [],
  );
  const departments = useLoad(
    () =>
      api<{ departments: Department[] }>('GET', 'livechat/department', { query: { count: 500 } }).then(
        (r) => r.departments,
      ),
    [],
  );
  const [error, setError] = useState<unknown>();
  useLive((kind) => {
    if (kind === 'agent-status' || kind === 'ready') agents.reload();
  });

  const add = async (u: StaffUser) => {
    setError(undefined);
    try {
      await api('POST', 'livechat/users/agent', { body: { username: u.username } });
      toast(t('agents.nowAgent', { username: u.username }));
      agents.reload();
    } catch (err) {
      setError(err);
    }
  };
  const setNotAvailable = async (a: Agent) => {
    try {
      await api('POST', 'livechat/agent.status', { body: { agentId: a._id, status: 'not-available' } });
      toast(t('agents.notAvailableNow', { username: a.username }));
      agents.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const remove = async (a: Agent) => {
    if (!confirm(t('agents.removeUsernameFromThe', { username: a.username }))) return;
    try {
      await api('DELETE', `livechat/users/agent/${a._id}`);
      toast(t('common.removedName', { name: a.username }));
      agents.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const names = new Map((departments.data ?? []).map((d) => [d._id, d.name]));
  const list: Presence[] = agents.data ?? [];
  const available = list.filter((a) => availability(a).label === 'Available');

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('departments.agents')}</h1>
        <span className="muted" aria-live="polite" data-testid="available-count">
          {agents.data ? `${available.length} of ${list.length} available` : ''}
        </span>
      </header>
      <div className="card narrow-card" role="group" aria-label={t('agents.addAgent')}>
        <UserPicker label={t('agents.addAgent')} onPick={(u) => void add(u)} exclude={list.map((a) => a._id)} />
      </div>
      <ErrorText error={error ?? agents.error} />
      {/* a wide table scrolls inside its box instead of widening the page */}
      <TableScroll label={t('departments.agents')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('common.agent')}</th>
              <th scope="col">{t('agents.availability')}</th>
              <th scope="col">{t('departments.departments')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a._id} data-agent={a.username}>
                <td>
                  <strong>{a.name || a.username}</strong> <span className="muted">@{a.username}</span>
                </td>
                <td>
                  <span className={`badge ${availability(a).tone}`} title={availability(a).hint}>
                    {availability(a).label}
                  </span>
                </td>
                <td>
                  {(a.departments ?? []).map((d) => names.get(d) ?? d).join(', ') || (
                    <span className="muted">{t('common.none')}</span>
                  )}
                </td>
                <td>
                  <div className="row-actions">
                    {a.statusLivechat === 'available' && (
                      <button
                        type="button"
                        onClick={() => void setNotAvailable(a)}
                        aria-label={t('agents.setUsernameNotAvailable', { username: a.username })}
                      >
                        {t('agents.setNotAvailable')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="danger"
                      onClick={() => void remove(a)}
                      aria-label={t('agents.removeUsername', { username: a.username })}
                    >
                      {t('common.remove')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
            {agents.data && list.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {t('agents.noAgentsYet')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
      <RoutingSetting />
    </section>
  );
}
