/**
 * The words of a system line (forward, close), two ways: staff read who did what and the comment;
 * the visitor reads a neutral line (the server already strips comments from visitor copies).
 */
import type { ChatMessage } from './chat-message.ts';

export function staffText(m: ChatMessage): string {
  const who = m.u.name || m.u.username;
  if (m.t === 'livechat-close') return `${who} closed the chat${m.msg ? `: ${m.msg}` : ''}`;
  if (m.t === 'livechat_transfer_history') return `${who} forwarded the chat${m.msg ? `: ${m.msg}` : ''}`;
  return m.msg || m.t || '';
}

/** The visitor's line for a forward names the agent who wrote first after it, once someone has. */
export function visitorText(m: ChatMessage, after: ChatMessage[], visitorId: string): string {
  if (m.t === 'livechat-close') return 'The chat was closed';
  if (m.t === 'livechat_transfer_history') {
    const next = after.find((x) => !x.t && x.u._id !== visitorId);
    return next ? `You are now chatting with ${next.u.name || next.u.username}` : 'Your chat was forwarded';
  }
  return m.msg || '';
}
