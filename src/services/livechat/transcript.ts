/**
 * `livechat/transcript`: the visitor asks for the conversation by email (widget, on close when
 * Livechat_enable_transcript is on). Only the token's own room; a few per room per hour, so the
 * endpoint cannot be used to send mail in bulk.
 */
import type { LivechatDeps } from './deps.ts';
import { visitorByToken, visitorRoom } from './deps.ts';
import { fail } from '../../domain/errors.ts';
import { EMAIL_PATTERN } from '../users.ts';
import { FailureLimiter } from '../rate-limit.ts';
import { sendMail } from '../mail.ts';
import type { MessageRow } from '../../store/mappers.ts';

/** The widget HTML-escapes visitor text before posting it; decoded once, on receipt (messages.ts). */
export function unescapeHtml(s: string): string {
  return s.replace(
    /&(amp|lt|gt|quot|#39|#x27|#96|#x60);/g,
    (_m, e: string) =>
      ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", '#96': '`', '#x60': '`' })[e] ?? _m,
  );
}

export function transcriptText(rows: MessageRow[], _visitorUsername: string, title: string): string {
  const lines = [title, ''];
  for (const m of rows) {
    if (m.t) continue; // system rows (transfer, close) are not part of the conversation
    const who = m.u_name || m.u_username;
    const when = new Date(m.ts).toISOString().replace('T', ' ').slice(0, 16);
    const files = m.file ? ` [file: ${(JSON.parse(m.file) as { name: string }).name}]` : '';
    lines.push(`${when} UTC  ${who}: ${m.msg}${files}`.trimEnd());
  }
  return lines.join('\n') + '\n';
}

export class TranscriptService {
  private readonly perRoom = new FailureLimiter(5, 60 * 60 * 1000);

  constructor(private readonly deps: LivechatDeps) {}

  async send(input: { token: string; rid: string; email: string }): Promise<void> {
    if (!this.deps.settings.get('Livechat_enable_transcript'))
      fail('error-transcript-disabled', 'Transcripts are disabled');
    if (!EMAIL_PATTERN.test(input.email)) fail('error-invalid-email', 'Invalid email');
    const visitor = await visitorByToken(this.deps.db, input.token);
    const room = await visitorRoom(this.deps.db, input.rid, input.token);
    if (this.perRoom.blockedFor(room._id) > 0)
      fail('error-too-many-requests', 'Too many transcripts for this conversation');
    this.perRoom.fail(room._id);
    const rows = await this.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('rid', '=', room._id)
      .orderBy('seq')
      .execute();
    const title = `Transcript of your conversation (${this.deps.settings.get('Livechat_title')})`;
    await sendMail(this.deps.settings, {
      to: input.email,
      subject: title,
      text: transcriptText(rows, visitor.username, title),
    });
  }
}
