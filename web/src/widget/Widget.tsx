/**
 * The visitor widget: the visitor token lives in localStorage; livechat/config says whether anyone
 * is online, who the visitor is and whether a chat is open. The room is created on the first
 * message (as Rocket.Chat's widget does), and agent messages arrive over SSE (?token=).
 * Typing goes both ways: the visitor's through livechat/visitor.typing, the agent's over SSE.
 * Files go by the paperclip or by dropping them on the chat (livechat/upload/:rid, upload.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DragEvent, FormEvent } from 'react';
import { ApiError, api, errorText } from '../api.ts';
import { LiveStream } from '../live.ts';
import { MessageList, upsertMessage } from './MessageList.tsx';
import type { ChatMessage } from './MessageList.tsx';
import { OfflineForm, RegisterForm } from './Forms.tsx';
import { TypingSignal, useTypingIndicator } from './typing.ts';
import { sendFile } from './upload.ts';
import { PaperclipIcon } from './Attachment.tsx';
import { Survey } from './Survey.tsx';
import { Header, headerState, useFocusWhenShown } from './Header.tsx';
import { QueueStatus } from './QueueStatus.tsx';
import type { QueueInfo } from './QueueStatus.tsx';
import { ChatMenu, TranscriptAfterChat, guestEmail } from './EndChat.tsx';
import { TriggerMessages, useTriggerMessages } from './TriggerMessage.tsx';
import type { WidgetTrigger } from './triggers.ts';
import { launcherTheme, themeStyle } from './theme.ts';
import type { WidgetTheme } from './theme.ts';
import { useHostBridge, useNotificationSound } from './sound.ts';
import { useLauncherLabels } from './launcher-labels.ts';
import { BellIcon } from './Forms.tsx';
import type { RegistrationFields, WidgetCustomField, WidgetDepartment } from './Forms.tsx';
import { t } from '../i18n/index.ts';

const TOKEN_KEY = 'omnihook.widget.token';

function visitorToken(): string {
  let t = localStorage.getItem(TOKEN_KEY);
  if (!t) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    t = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    localStorage.setItem(TOKEN_KEY, t);
  }
  return t;
}

interface Config {
  enabled: boolean;
  online: boolean;
  settings: { displayOfflineForm: boolean; fileUpload?: boolean };
  theme: { title: string; color: string; offlineTitle: string; offlineColor: string };
  messages: {
    offlineMessage: string;
    offlineSuccessMessage: string;
    offlineUnavailableMessage: string;
    conversationFinishedMessage: string;
  };
  guest?: { _id: string; name?: string };
  room?: { _id: string; open: boolean };
  agent?: { username: string; name?: string };
  triggers?: WidgetTrigger[];
  // end of chat and queue (EndChat.tsx, QueueStatus.tsx): Rocket.Chat's fields
  queueInfo?: QueueInfo;
}
type EndOfChatSettings = { visitorsCanCloseChat?: boolean; transcript?: boolean };
type EndOfChatMessages = { transcriptMessage?: string };
// appearance (issue 15): the registration fields, limit, colours, greeting and sound
type AppearanceConfig = {
  settings: { registrationForm?: boolean; registrationFields?: RegistrationFields; limitTextLength?: number | false };
  theme: WidgetTheme;
  messages: { registrationFormMessage?: string; welcomeMessage?: string };
  departments?: WidgetDepartment[];
  customFields?: WidgetCustomField[];
  resources?: { sound?: string };
};

export function Widget() {
  const token = useRef(visitorToken()).current;
  const [config, setConfig] = useState<Config>();
  const [error, setError] = useState<string>();
  const [guest, setGuest] = useState<Config['guest']>();
  const [rid, setRid] = useState<string>();
  const [closed, setClosed] = useState(false);
  const [agent, setAgent] = useState<string>();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [text, setText] = useState('');
  const [uploading, setUploading] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const ridRef = useRef<string | undefined>(undefined);
  ridRef.current = rid;
  const [agentTyping, onTyping] = useTypingIndicator();
  // Only once a room exists: before the first message there is nobody to tell.
  const typing = useRef<TypingSignal>(undefined);
  typing.current ??= new TypingSignal((on) => {
    const roomId = ridRef.current;
    if (!roomId) return;
    void api('POST', 'livechat/visitor.typing', { staff: false, body: { token, rid: roomId, typing: on } }).catch(
      () => undefined,
    );
  });
  useEffect(() => () => typing.current?.stop(), []);
  const look = config as (Config & AppearanceConfig) | undefined;
  const sound = useNotificationSound(look?.resources?.sound);
  // an agent's message while the visitor is not looking: the sound, and the launcher's badge
  const noticeAgentMessage = useHostBridge(sound, launcherTheme(look?.theme));
  useLauncherLabels();
  // Set when business hours closed while the widget was open: focus goes to the offline form.
  const [closedByHours, setClosedByHours] = useState(false);
  useEffect(() => {
    if (closedByHours)
      document.querySelector<HTMLElement>('.wbody input, .wbody textarea, .wbody select, .wbody button')?.focus();
  }, [closedByHours]);
  const limit = look?.settings.limitTextLength || undefined;

  const loadHistory = useCallback(
    (roomId: string) =>
      api<{ messages: ChatMessage[] }>('GET', `livechat/messages.history/${roomId}`, {
        staff: false,
        query: { token, limit: 100 },
      }).then(
        (r) => setMessages(r.messages.slice().reverse()),
        (e: unknown) => setError(errorText(e)),
      ),
    [token],
  );

  useEffect(() => {
    api<{ config: Config }>('GET', 'livechat/config', { staff: false, query: { token } }).then(
      (r) => {
        setConfig(r.config);
        setGuest(r.config.guest);
        if (r.config.agent) setAgent(r.config.agent.name || r.config.agent.username);
        if (r.config.room) {
          setRid(r.config.room._id);
          void loadHistory(r.config.room._id);
        }
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [token, loadHistory]);

  // Live updates once the visitor exists (the stream refuses unknown tokens).
  useEffect(() => {
    if (!guest) return;
    const live = new LiveStream(`/api/v1/stream?token=${encodeURIComponent(token)}`);
    live.subscribe((kind, data) => {
      const current = ridRef.current;
      if (kind === 'ready' && current) void loadHistory(current);
      if (kind === 'message') {
        const m = data.message as ChatMessage & { rid: string };
        if (m.rid !== current) return;
        setMessages((list) => upsertMessage(list, m));
        if (m.u._id !== guest._id) onTyping('', false); // an agent who sent has stopped typing
        if (m.u._id !== guest._id && !m.t) noticeAgentMessage(m);
      }
      // Our own typing comes back on our stream too: show the agent's only.
      if (kind === 'typing' && data.rid === current && data.from === 'agent')
        onTyping(String(data.username), data.typing === true);
      if (kind === 'message-deleted') setMessages((list) => list.filter((m) => m._id !== data._id));
      if (kind === 'room') {
        const room = data.room as { _id: string; open: boolean; servedBy?: { username: string } };
        if (room._id !== current) return;
        if (!room.open) setClosed(true);
        setAgent(room.servedBy?.username);
      }
    });
    return () => live.close();
  }, [guest, token, loadHistory, onTyping, noticeAgentMessage]);

  /** The open room, created on first use (a message or a file), as Rocket.Chat's widget does. */
  const ensureRoom = async (): Promise<string> => {
    if (rid && !closed) return rid;
    const r = await api<{ room: { _id: string; servedBy?: { username: string } } }>('GET', 'livechat/room', {
      staff: false,
      query: { token },
    });
    setRid(r.room._id);
    ridRef.current = r.room._id;
    setClosed(false);
    setMessages([]);
    setAgent(r.room.servedBy?.username);
    return r.room._id;
  };

  /**
   * A new chat refused with `no-agent-online`: the hours closed (or the last agent left) since the
   * widget loaded its config. Rocket.Chat's widget then offers the offline form; we re-read
   * livechat/config and show it, with the shop's offline texts, instead of an error line.
   */
  const offlineNow = async (err: unknown): Promise<boolean> => {
    if (!(err instanceof ApiError) || err.errorType !== 'no-agent-online') return false;
    const r = await api<{ config: Config }>('GET', 'livechat/config', { staff: false, query: { token } });
    if (r.config.online) return false; // still staffed: the refusal stands as it was said
    ridRef.current = undefined;
    setRid(undefined);
    setClosed(false);
    setMessages([]);
    setAgent(undefined);
    setConfig(r.config);
    setClosedByHours(true);
    return true;
  };

  const upload = async (file: File | undefined) => {
    if (!file || uploading) return;
    setError(undefined);
    setUploading(file.name);
    try {
      const roomId = await ensureRoom();
      const m = await sendFile({ kind: 'visitor', token }, roomId, file);
      setMessages((list) => upsertMessage(list, m));
    } catch (err) {
      if (await offlineNow(err).catch(() => false)) return;
      setError(`${file.name}: ${errorText(err)}`);
    } finally {
      setUploading(undefined);
    }
  };

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    const msg = text.trim();
    if (!msg) return;
    setError(undefined);
    typing.current?.stop();
    // Cleared at once: the message can reach the list over the stream before the answer, and
    // the same text in the list and in the composer reads as not sent (and invites a second Enter).
    setText('');
    try {
      const roomId = await ensureRoom();
      const r = await api<{ message: ChatMessage }>('POST', 'livechat/message', {
        staff: false,
        body: { token, rid: roomId, msg },
      });
      setMessages((list) => upsertMessage(list, r.message));
    } catch (err) {
      setText((current) => current || msg); // not sent: the visitor gets the text back to retry
      if (await offlineNow(err).catch(() => false)) return;
      setError(errorText(err));
    }
  };

  const minimize = () => window.parent.postMessage({ omnihook: 'minimize' }, '*');
  // End of chat (EndChat.tsx): what Rocket.Chat's config allows, and the composer's focus on open.
  const endSettings = (config?.settings ?? {}) as EndOfChatSettings;
  const transcriptMessage = (config?.messages as EndOfChatMessages | undefined)?.transcriptMessage;
  useFocusWhenShown(composer, config?.enabled === true && !!guest && (config.online || !!rid));
  const online = config?.online ?? false;
  const offline = config && !online && !rid;
  const color = offline ? config.theme.offlineColor : (config?.theme.color ?? '#1d74f5');
  const title = offline ? config.theme.offlineTitle : (config?.theme.title ?? t('widget.livechat'));
  // proactive triggers (TriggerMessage.tsx): shown above the registration form or the chat
  const triggerMessages = useTriggerMessages({
    // as Rocket.Chat's widget: no triggers while the widget is offline or disabled
    triggers: config ? (config.enabled && !offline ? (config.triggers ?? []) : []) : undefined,
    registered: !!guest,
    token,
    fallbackName: config?.theme.title ?? '',
  });

  // Only in a chat the visitor can write to: a file needs a registered visitor and their room.
  const canUpload = config?.enabled === true && config.settings.fileUpload === true && !!guest && !offline;
  const dropProps = canUpload
    ? {
        onDragOver: (e: DragEvent) => {
          if (!e.dataTransfer.types.includes(t('composer.files'))) return;
          e.preventDefault(); // without it the browser opens the file instead of dropping it here
          setDragging(true);
        },
        onDragLeave: (e: DragEvent) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        },
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          setDragging(false);
          void upload(e.dataTransfer.files[0]);
        },
      }
    : {};

  return (
    <div className={`widget${dragging ? ' dropping' : ''}`} style={themeStyle(look?.theme, !!offline)} {...dropProps}>
      {dragging && (
        <div className="drop-hint" aria-hidden="true">
          {t('widget.dropTheFileTo')}
        </div>
      )}
      <Header
        title={title}
        color={color}
        state={headerState({ offline: !!offline, rid, closed, agent })}
        onMinimize={window.parent !== window ? minimize : undefined}
        actions={
          rid && !closed && !offline && guest ? (
            <ChatMenu
              token={token}
              rid={rid}
              email={guestEmail(guest)}
              canEnd={endSettings.visitorsCanCloseChat === true}
              transcript={endSettings.transcript === true}
              onEnded={() => setClosed(true)}
            />
          ) : undefined
        }
      />
      <div className="wbody">
        {!config && !error && <p className="wnote">{t('common.loading')}</p>}
        {config && !config.enabled && <p className="wnote">{t('widget.livechatIsNotAvailable')}</p>}
        {config?.enabled && offline && (
          <OfflineForm
            intro={config.messages.offlineMessage}
            success={config.messages.offlineSuccessMessage}
            unavailable={config.messages.offlineUnavailableMessage}
            enabled={config.settings.displayOfflineForm}
            departments={look?.departments}
          />
        )}
        {config?.enabled && !offline && <TriggerMessages items={triggerMessages} />}
        {config?.enabled && !offline && !guest && (
          <RegisterForm
            token={token}
            onRegistered={setGuest}
            enabled={look?.settings.registrationForm !== false}
            fields={look?.settings.registrationFields}
            message={look?.messages.registrationFormMessage}
            departments={look?.departments}
            customFields={look?.customFields}
          />
        )}
        {config?.enabled && !offline && guest && (
          <>
            {rid && !closed && !agent && <QueueStatus token={token} rid={rid} initial={config.queueInfo} />}
            <MessageList
              messages={messages}
              mineId={guest._id}
              visitorId={guest._id}
              visitorToken={token}
              empty={
                look?.messages.welcomeMessage ||
                (guest.name ? t('widget.hiName', { name: guest.name }) : t('preview.defaultWelcome'))
              }
            />
            {agentTyping && !closed && (
              <p className="wtyping" aria-live="polite">
                {t('widget.typing', { name: agent ?? agentTyping })}
              </p>
            )}
            {closed && (
              <p className="wnote">
                {config.messages.conversationFinishedMessage || t('widget.theConversationHasEnded')}{' '}
                {t('widget.startNew')}
              </p>
            )}
            {closed && rid && <Survey token={token} rid={rid} />}
            {closed && rid && endSettings.transcript === true && (
              <TranscriptAfterChat
                key={rid}
                token={token}
                rid={rid}
                email={guestEmail(guest)}
                message={transcriptMessage}
              />
            )}
          </>
        )}
        {uploading && (
          <p className="wnote" role="status">
            {t('widget.sendingFile', { name: uploading })}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      {config?.enabled && !offline && guest && (
        <form className="wcomposer" onSubmit={send}>
          {canUpload && (
            <>
              <input
                ref={fileInput}
                type="file"
                className="sr-only"
                tabIndex={-1}
                aria-label={t('composer.fileToAttach')}
                onChange={(e) => {
                  void upload(e.target.files?.[0]);
                  e.target.value = ''; // the same file again is a new choice
                }}
              />
              <button
                type="button"
                className="attach"
                aria-label={t('composer.attachAFile')}
                title={t('widget.attachAFileOr')}
                disabled={uploading !== undefined}
                onClick={() => fileInput.current?.click()}
              >
                <PaperclipIcon />
              </button>
            </>
          )}
          <label htmlFor="visitor-message" className="sr-only">
            {t('widget.typeYourMessage')}
          </label>
          <textarea
            ref={composer}
            id="visitor-message"
            rows={1}
            value={text}
            placeholder={t('widget.typeYourMessageHere')}
            maxLength={limit}
            aria-describedby={limit && text.length > 0 ? 'visitor-message-count' : undefined}
            onChange={(e) => {
              setText(e.target.value);
              typing.current?.input(e.target.value);
            }}
            onBlur={() => typing.current?.stop()}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                void send();
              }
            }}
          />
          {limit && text.length > 0 && (
            <span id="visitor-message-count" className="wcount" aria-live="polite">
              {text.length}/{limit}
            </span>
          )}
          <button
            type="button"
            className="wmute"
            aria-pressed={sound.muted}
            aria-label={sound.muted ? t('widget.turnNotificationSoundOn') : t('widget.turnNotificationSoundOff')}
            title={sound.muted ? t('widget.soundOff') : t('widget.soundOn')}
            onClick={sound.toggle}
          >
            <BellIcon off={sound.muted} />
          </button>
          <button type="submit" className="primary" disabled={!text.trim()} aria-label={t('common.send')}>
            {t('common.send')}
          </button>
        </form>
      )}
    </div>
  );
}
