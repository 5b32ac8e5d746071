/**
 * The words of a system line (forward, join, close), two ways: staff read who did what, to whom,
 * and the comment; the visitor reads a neutral line (the server already strips comments from
 * visitor copies). A forward's target comes from Rocket.Chat's `transferData` on the message.
 */
import type { ChatMessage } from './chat-message.ts';
import { t } from '../i18n/index.ts';

/** Rocket.Chat's `transferData` (server: domain/models.ts TransferData), the fields we word. */
export interface TransferDataView {
  transferredBy?: { _id: string; username: string; name?: string };
  transferredTo?: { _id: string; username: string; name?: string };
  nextDepartment?: { _id: string; name: string };
  scope?: 'agent' | 'department' | 'queue' | string;
  comment?: string;
}

type SystemMessage = ChatMessage & { transferData?: TransferDataView };

const nameOf = (u: { username: string; name?: string }) => u.name || u.username;

/** "alice forwarded the chat to Bob", "... to the Sales department (Bob)", "... to the queue", or no target for an old record. */
function forwardText(who: string, d: TransferDataView | undefined): string {
  const agent = d?.transferredTo ? nameOf(d.transferredTo) : undefined;
  if (d?.nextDepartment)
    return agent
      ? t('system.forwardedToDepartmentAgent', { who, department: d.nextDepartment.name, agent })
      : t('system.forwardedToDepartment', { who, department: d.nextDepartment.name });
  if (agent) return t('system.forwardedToAgent', { who, agent });
  if (d?.scope === 'queue') return t('system.forwardedToQueue', { who });
  return t('system.forwarded', { who });
}

/** A system line with the comment its author gave, if any. */
function withComment(text: string, comment: string | undefined): string {
  return comment ? t('system.withComment', { text, comment }) : text;
}

export function staffText(m: SystemMessage): string {
  const who = nameOf(m.u);
  if (m.t === 'livechat-close') return withComment(t('system.closed', { who }), m.msg);
  if (m.t === 'uj') return t('system.joined', { who });
  if (m.t === 'livechat_transfer_history') {
    const d = m.transferData;
    // Taking a chat over is a forward to oneself (Rocket.Chat records it the same way).
    const self = d?.transferredTo && d.transferredTo._id === m.u._id && !d.nextDepartment;
    const comment = d?.comment ?? m.msg;
    const what = self ? t('system.tookOver', { who }) : forwardText(who, d);
    return withComment(what, comment);
  }
  return m.msg || m.t || '';
}

/**
 * The visitor's line for a forward names the agent who wrote first after it, once someone has:
 * the agent a chat went to may still pass it on, so the visitor learns a name when it speaks.
 */
export function visitorText(m: SystemMessage, after: ChatMessage[], visitorId: string): string {
  if (m.t === 'livechat-close') return t('system-text.theChatWasClosed');
  if (m.t === 'uj') return t('system.joined', { who: nameOf(m.u) });
  if (m.t === 'livechat_transfer_history') {
    const next = after.find((x) => !x.t && x.u._id !== visitorId);
    return next ? t('system-text.youAreNowChatting', { v1: nameOf(next.u) }) : t('system-text.yourChatWasForwarded');
  }
  return m.msg || '';
}
