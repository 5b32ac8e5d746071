/** The staff app: login, then the Omnichannel menu and its pages. */
import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, isAgent, isManager, loadSession, saveSession, setUnauthorizedHandler } from '../api.ts';
import type { Me, Session } from '../api.ts';
import { LiveStream } from '../live.ts';
import { AppContext } from './app-context.ts';
import { Attention, AttentionContext } from './notify.ts';
import { NotifyControls } from './NotifyControls.tsx';
import { ReconnectBar } from './ReconnectBar.tsx';
import { Link, match, navigate, usePath } from './router.tsx';
import { Login } from './Login.tsx';
import { WebhooksPage } from './pages/Webhooks.tsx';
import { EndpointsPage } from './pages/Endpoints.tsx';
import { EndpointEditPage } from './pages/EndpointEdit.tsx';
import { DeliveriesPage } from './pages/Deliveries.tsx';
import { RoomDeliveriesPage } from './pages/RoomDeliveries.tsx';
import { FailedMenuBadge } from './pages/Endpoints.tsx';
import { AgentsPage } from './pages/Agents.tsx';
import { DepartmentsPage } from './pages/Departments.tsx';
import { CannedResponsesPage } from './pages/CannedResponses.tsx';
import { TagsPage } from './pages/Tags.tsx';
import { TriggersPage } from './pages/Triggers.tsx';
import { CustomFieldsPage } from './pages/CustomFields.tsx';
import { PermissionsPage } from './pages/Permissions.tsx';
import { CurrentChatsPage } from './pages/CurrentChats.tsx';
import { ChatPage } from './pages/Chat.tsx';
import { AllChatsPage } from './pages/AllChats.tsx';
import { TranscriptPage } from './pages/Transcript.tsx';
import { UsersPage } from './pages/Users.tsx';
import { ManagersPage } from './pages/Managers.tsx';
import { AccountPage } from './pages/Account.tsx';
import { OfflineMessagesPage } from './pages/OfflineMessages.tsx';
import { AppearancePage } from './pages/Appearance.tsx';
import { BusinessHoursPage } from './pages/BusinessHours.tsx';
import { DashboardPage } from './pages/Dashboard.tsx';
import { usePageTitle } from './page-title.ts';
import { t } from '../i18n/index.ts';

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [me, setMe] = useState<Me | null>(null);
  const path = usePath();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      saveSession(null);
      setSession(null);
      setMe(null);
    });
  }, []);

  useEffect(() => {
    if (!session) return;
    api<Me & { success: boolean }>('GET', 'me').then(setMe, () => {
      saveSession(null);
      setSession(null);
    });
  }, [session]);

  const live = useMemo(
    () =>
      session
        ? new LiveStream(
            `/api/v1/stream?userId=${encodeURIComponent(session.userId)}&authToken=${encodeURIComponent(session.authToken)}`,
          )
        : null,
    [session],
  );
  useEffect(() => () => live?.close(), [live]);
  // Tones, desktop notifications, unread counts and the tab title (notify.ts): one per login.
  const [attention, setAttention] = useState<Attention | null>(null);
  useEffect(() => {
    if (!live || !me) return;
    const a = new Attention(me, live, (rid) => navigate(rid ? `/omnichannel/chats/${rid}` : '/omnichannel/current'));
    setAttention(a);
    return () => {
      a.stop();
      setAttention(null);
    };
  }, [live, me?._id]);
  useEffect(() => {
    if (me) attention?.setMe(me);
  }, [attention, me]);

  if (!session) {
    return (
      <Login
        onLogin={(s, m) => {
          saveSession(s);
          setSession(s);
          setMe(m);
          if (!path.startsWith('/omnichannel')) navigate(home(m), { replace: true });
        }}
      />
    );
  }
  if (!me || !live || !attention) return <p className="loading">{t('common.loading')}</p>;
  const logout = () => {
    void api('POST', 'logout').catch(() => undefined);
    saveSession(null);
    setSession(null);
    setMe(null);
    navigate('/login', { replace: true });
  };
  return (
    <AppContext.Provider value={{ me, setMe, live, logout }}>
      <AttentionContext.Provider value={attention}>
        <Layout me={me} path={path} logout={logout}>
          <Page path={path} me={me} />
        </Layout>
      </AttentionContext.Provider>
    </AppContext.Provider>
  );
}

const isAdmin = (me: Me) => me.roles.includes('admin');

function home(me: Me): string {
  return isManager(me) ? '/omnichannel/webhooks' : '/omnichannel/current';
}

function Page({ path, me }: { path: string; me: Me }) {
  const p = path.split('?')[0]!.replace(/\/$/, '') || '/';
  useEffect(() => {
    if (p === '/' || p === '/login' || p === '/omnichannel') navigate(home(me), { replace: true });
  }, [p, me]);
  if (p === '/omnichannel/webhooks') return <WebhooksPage />;
  if (p === '/omnichannel/endpoints') return <EndpointsPage />;
  if (p === '/omnichannel/endpoints/new') return <EndpointEditPage id={undefined} />;
  const ep = match('/omnichannel/endpoints/:id', p);
  if (ep) return <EndpointEditPage id={ep.id} />;
  if (p === '/omnichannel/deliveries') return <DeliveriesPage />;
  if (p === '/omnichannel/room-deliveries') return <RoomDeliveriesPage />;
  if (p === '/omnichannel/agents') return <AgentsPage />;
  if (p === '/omnichannel/managers') return <ManagersPage />;
  if (p === '/admin/users') return <UsersPage />;
  if (p === '/account') return <AccountPage />;
  if (p === '/omnichannel/departments') return <DepartmentsPage />;
  if (p === '/omnichannel/canned-responses') return <CannedResponsesPage />;
  if (p === '/omnichannel/tags') return <TagsPage />;
  if (p === '/omnichannel/triggers') return <TriggersPage />;
  if (p === '/omnichannel/custom-fields') return <CustomFieldsPage />;
  if (p === '/admin/permissions') return <PermissionsPage />;
  if (p === '/omnichannel/offline-messages') return <OfflineMessagesPage />;
  if (p === '/omnichannel/appearance') return <AppearancePage />;
  if (p === '/omnichannel/business-hours') return <BusinessHoursPage />;
  if (p === '/omnichannel/dashboard') return <DashboardPage />;
  if (p === '/omnichannel/current') return <CurrentChatsPage />;
  if (p === '/omnichannel/chats') return <AllChatsPage />;
  const transcript = match('/omnichannel/transcripts/:rid', p);
  if (transcript) return <TranscriptPage rid={transcript.rid!} key={transcript.rid} />;
  const chat = match('/omnichannel/chats/:rid', p);
  if (chat) return <ChatPage rid={chat.rid!} key={chat.rid} />;
  return (
    <p>
      {t('app.pageNotFound')} <Link to={home(me)}>{t('app.goToOmnichannel')}</Link>
    </p>
  );
}

function Layout({ me, path, logout, children }: { me: Me; path: string; logout: () => void; children: ReactNode }) {
  usePageTitle(path);
  const items: [string, string][] = [];
  if (isAgent(me) || isManager(me))
    items.push(
      ['/omnichannel/current', t('currentChats.currentChats')],
      ['/omnichannel/chats', isManager(me) ? t('allChats.chats') : t('app.myChats')],
    );
  if (isManager(me)) {
    items.push(
      ['/omnichannel/dashboard', t('dashboard.dashboard')],
      ['/omnichannel/agents', t('departments.agents')],
      ...(isAdmin(me) ? ([['/omnichannel/managers', t('managers.managers')]] as [string, string][]) : []),
      ['/omnichannel/departments', t('departments.departments')],
      ['/omnichannel/canned-responses', t('canned.title')],
      ['/omnichannel/tags', t('common.tags')],
      ['/omnichannel/triggers', t('triggers.title')],
      ['/omnichannel/custom-fields', t('customFields.customFields')],
      ['/omnichannel/offline-messages', t('offlineMessages.offlineMessages')],
      ['/omnichannel/appearance', t('app.appearance')],
      ['/omnichannel/business-hours', t('businessHours.title')],
      ['/omnichannel/webhooks', t('webhooks.webhooks')],
      ['/omnichannel/endpoints', t('endpoints.title')],
      ['/omnichannel/deliveries', t('endpoints.deliveries')],
    );
  }
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Omnihook</span>
        <span className="spacer" />
        <NotifyControls />
        <span className="who" title={me.roles.join(', ')}>
          {me.name || me.username}
        </span>
        <button type="button" className="ghost" onClick={logout}>
          {t('app.logOut')}
        </button>
      </header>
      <nav className="sidebar" aria-label={t('app.omnichannel')}>
        <h2>{t('app.omnichannel')}</h2>
        <ul>
          {items.map(([to, label]) => (
            <li key={to}>
              <Link to={to} aria-current={path.startsWith(to) ? 'page' : undefined}>
                {label}
              </Link>
              {to === '/omnichannel/deliveries' && <FailedMenuBadge />}
            </li>
          ))}
        </ul>
        {isAdmin(me) && (
          <>
            <h2 style={{ marginTop: '1.25rem' }}>{t('app.administration')}</h2>
            <ul>
              <li>
                <Link to="/admin/users" aria-current={path.startsWith('/admin/users') ? 'page' : undefined}>
                  {t('users.users')}
                </Link>
              </li>
              <li>
                <Link to="/admin/permissions" aria-current={path.startsWith('/admin/permissions') ? 'page' : undefined}>
                  {t('permissions.permissions')}
                </Link>
              </li>
            </ul>
          </>
        )}
        <h2 style={{ marginTop: '1.25rem' }}>{t('app.account')}</h2>
        <ul>
          <li>
            <Link to="/account" aria-current={path.startsWith('/account') ? 'page' : undefined}>
              {t('account.title')}
            </Link>
          </li>
        </ul>
      </nav>
      <main className="content">
        <ReconnectBar />
        {children}
      </main>
    </div>
  );
}
