/**
 * The side panel of a chat: who the visitor is (contact, editable), where they are (current
 * page), what is known (custom fields, the CRM's answer), their previous chats, the transcript,
 * the chat's webhook deliveries; forward and close while it is open.
 */
import { api, isManager } from '../../api.ts';
import { useApp } from '../app-context.ts';
import { Link } from '../router.tsx';
import { useLoad, when } from '../ui.tsx';
import type { Room } from '../types.ts';
import { ChatActions } from './ChatActions.tsx';
import { TranscriptActions } from './TranscriptActions.tsx';
import { FACTS, VisitorContact } from './VisitorContact.tsx';
import { CrmAnswer, CurrentPage, FieldList, PreviousChats } from './VisitorDetails.tsx';
import { SurveyFacts } from './SurveyFacts.tsx';
import { t } from '../../i18n/index.ts';

interface Visitor {
  _id: string;
  name?: string;
  username: string;
  visitorEmails?: { address: string }[];
  phone?: { phoneNumber: string }[];
  livechatData?: Record<string, unknown>;
}

export function VisitorPanel({
  room,
  onForwarded,
  onClosed,
}: {
  room: Room;
  onForwarded: (to: string) => void;
  onClosed: () => void;
}) {
  const { me } = useApp();
  const visitor = useLoad(
    () =>
      api<{ visitor: Visitor }>('GET', 'livechat/visitors.info', { query: { visitorId: room.v._id } }).then(
        (r) => r.visitor,
      ),
    [room.v._id],
  );
  const department = useLoad(
    () =>
      room.departmentId
        ? api<{ department: { name: string } | null }>(
            'GET',
            `livechat/department/${encodeURIComponent(room.departmentId)}`,
            { query: { includeAgents: false } },
          ).then((r) => r.department?.name ?? room.departmentId)
        : Promise.resolve(undefined),
    [room.departmentId],
  );
  const v = visitor.data;
  const email = v?.visitorEmails?.[0]?.address;
  const fields = { ...(v?.livechatData ?? {}), ...(room.livechatData ?? {}) };
  return (
    <aside className="card info" aria-label={t('common.visitor')}>
      <h2>{t('common.visitor')}</h2>
      <VisitorContact
        key={`${v?._id}-${v?.name}-${email}-${v?.phone?.[0]?.phoneNumber}`}
        rid={room._id}
        visitorId={room.v._id}
        contact={{ name: v?.name ?? room.fname, email, phone: v?.phone?.[0]?.phoneNumber }}
        onSaved={visitor.reload}
      />
      <dl className="facts" style={{ ...FACTS, marginTop: '0.75rem' }}>
        <dt>{t('common.department')}</dt>
        <dd>{department.data ?? '–'}</dd>
        <dt>{t('visitorPanel.currentPage')}</dt>
        <dd>
          <CurrentPage rid={room._id} />
        </dd>
        <dt>{t('allChats.started')}</dt>
        <dd>{when(room.ts)}</dd>
        <dt>{t('common.agent')}</dt>
        <dd>{room.servedBy?.username ?? 'waiting in queue'}</dd>
        {room.browser && (
          <>
            <dt>{t('visitorPanel.browser')}</dt>
            <dd>
              {room.browser}
              {room.os ? ` on ${room.os}` : ''}
            </dd>
          </>
        )}
        {room.ip && (
          <>
            <dt>{t('visitorPanel.ip')}</dt>
            <dd>{room.ip}</dd>
          </>
        )}
        {room.tags && room.tags.length > 0 && (
          <>
            <dt>{t('common.tags')}</dt>
            <dd>{room.tags.join(', ')}</dd>
          </>
        )}
      </dl>
      {Object.keys(fields).length > 0 && (
        <>
          <h3>{t('customFields.customFields')}</h3>
          <FieldList fields={fields} label={t('customFields.customFields')} />
        </>
      )}
      <SurveyFacts room={room} />
      <h3>{t('visitorPanel.crm')}</h3>
      <CrmAnswer crmData={room.crmData} />
      <h3>{t('visitor.previous')}</h3>
      <PreviousChats room={room} />
      <h3>{t('transcript.transcript')}</h3>
      <TranscriptActions rid={room._id} visitorEmail={email} />
      {isManager(me) && (
        <p className="small">
          <Link to={`/omnichannel/deliveries?roomId=${encodeURIComponent(room._id)}`}>
            {t('visitorPanel.webhookDeliveriesOfThis')}
          </Link>
        </p>
      )}
      {room.open && <ChatActions room={room} onForwarded={onForwarded} onClosed={onClosed} />}
    </aside>
  );
}
