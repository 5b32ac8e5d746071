/**
 * The words of a system line (forward, join, close), two ways: staff read who did what, to whom,
 * and the comment; the visitor reads a neutral line (the server already strips comments from
 * visitor copies). A forward's target comes from Rocket.Chat's `transferData` on the message.
 */
import type { ChatMessage } from './chat-message.ts';

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

/** "to Bob", "to the Sales department (Bob)", "to the queue", or nothing for an old record. */
function forwardTarget(d: TransferDataView | undefined): string {
  if (!d) return '';
  const agent = d.transferredTo ? nameOf(d.transferredTo) : undefined;
  if (d.nextDepartment) return ` to the ${d.nextDepartment.name} department${agent ? ` (${agent})` : ''}`;
  if (agent) return ` to ${agent}`;
  if (d.scope === 'queue') return ' to the queue';
  return '';
}

export function staffText(m: SystemMessage): string {
  const who = nameOf(m.u);
  if (m.t === 'livechat-close') return `${who} closed the chat${m.msg ? `: ${m.msg}` : ''}`;
  if (m.t === 'uj') return `${who} joined the chat`;
  if (m.t === 'livechat_transfer_history') {
    const d = m.transferData;
    // Taking a chat over is a forward to oneself (Rocket.Chat records it the same way).
    const self = d?.transferredTo && d.transferredTo._id === m.u._id && !d.nextDepartment;
    const comment = d?.comment ?? m.msg;
    const what = self ? `${who} took over the chat` : `${who} forwarded the chat${forwardTarget(d)}`;
    return `${what}${comment ? `: ${comment}` : ''}`;
  }
  return m.msg || m.t || '';
}

/**
 * The visitor's line for a forward names the agent who wrote first after it, once someone has:
 * the agent a chat went to may still pass it on, so the visitor learns a name when it speaks.
 */
export function visitorText(m: SystemMessage, after: ChatMessage[], visitorId: string): string {
  if (m.t === 'livechat-close') return 'The chat was closed';
  if (m.t === 'uj') return `${nameOf(m.u)} joined the chat`;
  if (m.t === 'livechat_transfer_history') {
    const next = after.find((x) => !x.t && x.u._id !== visitorId);
    return next ? `You are now chatting with ${nameOf(next.u)}` : 'Your chat was forwarded';
  }
  return m.msg || '';
}
