/**
 * What a visitor may see of a room's messages (issue 13). Internal notes are for staff only; the
 * forward and close comments agents write for colleagues are stripped, so the visitor sees only a
 * neutral line (the widget words it). One pure rule, used by SSE, DDP and the history routes.
 *
 * Text is stored as typed (the Rocket.Chat widget's entities are decoded on receipt), but
 * Rocket.Chat's widget renders `msg` as HTML-enabled markdown: every visitor-facing copy is
 * HTML-escaped again, so nothing anyone typed becomes markup in a visitor's page
 * (docs/decisions.md, issue 13). Omnihook's widget decodes it for display.
 */
import { CLOSING_MESSAGE_TYPE } from './models.ts';
import type { Message } from './models.ts';

/** An internal note: a staff-only message in a chat (services/livechat/notes.ts). */
export const NOTE_MESSAGE_TYPE = 'livechat_note';

/** System messages whose text is a comment written for colleagues. */
const COMMENT_TYPES: ReadonlySet<string> = new Set([CLOSING_MESSAGE_TYPE, 'livechat_transfer_history']);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

/** What Rocket.Chat's widget does to text before posting it (and what its renderer expects). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The message as its visitor may see it, or undefined when the visitor must not see it at all. */
export function visitorView(m: Message): Message | undefined {
  if (m.t === NOTE_MESSAGE_TYPE) return undefined;
  if (m.t !== undefined && COMMENT_TYPES.has(m.t)) {
    // Rocket.Chat's widget words a forward from transferData: it keeps who and where, not the comment.
    if (m.transferData) {
      const { comment: _comment, ...transferData } = m.transferData;
      return { ...m, msg: '', transferData };
    }
    return { ...m, msg: '' };
  }
  return { ...m, msg: escapeHtml(m.msg) };
}
