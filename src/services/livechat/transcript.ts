/**
 * Transcripts (issue 13), rendered by transcript-render.ts:
 * - `livechat/transcript`: the visitor asks for the conversation by email (widget, on close when
 *   Livechat_enable_transcript is on). Only the token's own room; a few per room per hour, so the
 *   endpoint cannot be used to send mail in bulk.
 * - staff read, download and email the transcript of a room they may read (history.ts);
 * - Rocket.Chat's `livechat/transcript/:rid`: staff ask for the transcript to be emailed when the
 *   open room closes (the room's `transcriptRequest`), or withdraw that; it goes out after the
 *   close commits, and its outcome is written back onto the request.
 */
import type { LivechatDeps } from './deps.ts';
import { visitorByToken, visitorRoom } from './deps.ts';
import { readableRoom } from './history.ts';
import { stamp, transcriptHtml, transcriptLines, transcriptText } from './transcript-render.ts';
import type { TranscriptHead, TranscriptLine } from './transcript-render.ts';
import { AppError, fail } from '../../domain/errors.ts';
import type { User } from '../../domain/models.ts';
import type { LiveEvent, LivePublisher } from '../../domain/live-events.ts';
import { EMAIL_PATTERN } from '../users.ts';
import { FailureLimiter } from '../rate-limit.ts';
import { sendMail } from '../mail.ts';
import { parseJson } from '../../store/mappers.ts';
import type { MessageRow, RoomRow } from '../../store/mappers.ts';

/** The widget HTML-escapes visitor text before posting it; decoded once, on receipt (messages.ts). */
export function unescapeHtml(s: string): string {
  return s.replace(
    /&(amp|lt|gt|quot|#39|#x27|#96|#x60);/g,
    (_m, e: string) =>
      ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", '#96': '`', '#x60': '`' })[e] ?? _m,
  );
}

/** Rocket.Chat's room.transcriptRequest, plus what happened to it once the room closed (ours). */
export interface TranscriptRequest {
  requestedAt: string;
  requestedBy: { _id: string; username: string; name?: string };
  email: string;
  subject: string;
  /** ours: 'sending' while the mail goes out, then 'sent' or 'failed' */
  status?: 'sending' | 'sent' | 'failed';
  sentAt?: string;
  error?: string;
}

export interface StaffTranscript {
  head: TranscriptHead;
  lines: TranscriptLine[];
  transcriptRequest: TranscriptRequest | null;
  text: string;
  html: string;
  filename: string;
}

const DEFAULT_SUBJECT = 'Transcript of your livechat conversation';

export class TranscriptService {
  private readonly perRoom = new FailureLimiter(5, 60 * 60 * 1000);
  /** Staff email transcripts one at a time, by hand: a generous cap only stops a runaway client. */
  private readonly perStaffRoom = new FailureLimiter(20, 60 * 60 * 1000);

  constructor(private readonly deps: LivechatDeps) {}

  async send(input: { token: string; rid: string; email: string }): Promise<void> {
    if (!this.deps.settings.get('Livechat_enable_transcript'))
      fail('error-transcript-disabled', 'Transcripts are disabled');
    if (!EMAIL_PATTERN.test(input.email)) fail('error-invalid-email', 'Invalid email');
    await visitorByToken(this.deps.db, input.token);
    const room = await visitorRoom(this.deps.db, input.rid, input.token);
    if (this.perRoom.blockedFor(room._id) > 0)
      fail('error-too-many-requests', 'Too many transcripts for this conversation');
    this.perRoom.fail(room._id);
    const title = `Transcript of your conversation (${this.deps.settings.get('Livechat_title')})`;
    const rows = await this.rows(room._id);
    const head = { title, facts: [] };
    await sendMail(this.deps.settings, {
      to: input.email,
      subject: title,
      text: transcriptText(rows, head),
      html: transcriptHtml(rows, head),
    });
  }

  /** The transcript of a room the user may read, in every form the console offers. */
  async forStaff(user: User, rid: string, seeAll: boolean): Promise<StaffTranscript> {
    const room = await readableRoom(this.deps.db, user, rid, seeAll);
    const rows = await this.rows(room._id);
    const head = this.head(room);
    return {
      head,
      lines: transcriptLines(rows),
      transcriptRequest: parseJson<TranscriptRequest | null>(room.transcript_request, null),
      text: transcriptText(rows, head),
      html: transcriptHtml(rows, head),
      filename: `transcript-${room._id}`,
    };
  }

  /** Ours: staff email the transcript now, to any address (the visitor's, a colleague's). */
  async emailByStaff(
    user: User,
    input: { rid: string; email: string; subject?: string },
    seeAll: boolean,
  ): Promise<void> {
    if (!EMAIL_PATTERN.test(input.email)) fail('error-invalid-email', 'Invalid email');
    const t = await this.forStaff(user, input.rid, seeAll);
    const key = `${user._id}:${input.rid}`;
    if (this.perStaffRoom.blockedFor(key) > 0)
      fail('error-too-many-requests', 'Too many transcripts for this conversation');
    this.perStaffRoom.fail(key);
    await sendMail(this.deps.settings, {
      to: input.email,
      subject: input.subject?.trim() || DEFAULT_SUBJECT,
      text: t.text,
      html: t.html,
    });
  }

  /** Rocket.Chat's POST livechat/transcript/:rid: email the transcript when this open room closes. */
  async request(user: User, input: { rid: string; email: string; subject: string }, seeAll: boolean): Promise<void> {
    if (!EMAIL_PATTERN.test(input.email)) fail('error-invalid-email', 'Invalid email');
    const room = await readableRoom(this.deps.db, user, input.rid, seeAll);
    if (room.open !== 1) fail('error-invalid-room', 'Invalid room');
    if (room.transcript_request) fail('error-transcript-already-requested', 'Transcript already requested');
    const request: TranscriptRequest = {
      requestedAt: new Date(this.deps.now()).toISOString(),
      requestedBy: { _id: user._id, username: user.username, name: user.name },
      email: input.email,
      subject: input.subject,
    };
    // Conditional: of two requests at once, one wins; the room must still be open.
    const r = await this.deps.db
      .updateTable('rooms')
      .set({ transcript_request: JSON.stringify(request) })
      .where('_id', '=', room._id)
      .where('open', '=', 1)
      .where('transcript_request', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) fail('error-transcript-already-requested', 'Transcript already requested');
  }

  /** Rocket.Chat's DELETE livechat/transcript/:rid: withdraw the request while the room is open. */
  async cancelRequest(user: User, rid: string, seeAll: boolean): Promise<void> {
    const room = await readableRoom(this.deps.db, user, rid, seeAll);
    if (room.open !== 1) fail('error-invalid-room', 'Invalid room');
    if (!room.transcript_request) fail('error-transcript-not-requested', 'No transcript was requested');
    await this.deps.db
      .updateTable('rooms')
      .set({ transcript_request: null })
      .where('_id', '=', room._id)
      .where('open', '=', 1)
      .execute();
  }

  /**
   * After a room closed: sends the requested transcript once. The request is claimed with a
   * conditional update (its exact text), so a repeated close event sends nothing twice. Never
   * throws: the outcome is written onto the request, where the console shows it.
   */
  async sendRequested(rid: string): Promise<void> {
    const room = await this.deps.db.selectFrom('rooms').selectAll().where('_id', '=', rid).executeTakeFirst();
    if (!room?.transcript_request || room.open === 1) return;
    const request = parseJson<TranscriptRequest | null>(room.transcript_request, null);
    if (!request || request.status) return;
    const claimed = await this.writeRequest(rid, room.transcript_request, { ...request, status: 'sending' });
    if (!claimed) return;
    const rows = await this.rows(rid);
    const head = this.head(room);
    let outcome: TranscriptRequest;
    try {
      await sendMail(this.deps.settings, {
        to: request.email,
        subject: request.subject.trim() || DEFAULT_SUBJECT,
        text: transcriptText(rows, head),
        html: transcriptHtml(rows, head),
      });
      outcome = { ...request, status: 'sent', sentAt: new Date(this.deps.now()).toISOString() };
    } catch (err) {
      outcome = { ...request, status: 'failed', error: err instanceof AppError ? err.message : 'The mail failed' };
    }
    await this.writeRequest(rid, claimed, outcome);
  }

  private async writeRequest(rid: string, expected: string, next: TranscriptRequest): Promise<string | undefined> {
    const text = JSON.stringify(next);
    const r = await this.deps.db
      .updateTable('rooms')
      .set({ transcript_request: text })
      .where('_id', '=', rid)
      .where('transcript_request', '=', expected)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1 ? text : undefined;
  }

  private head(room: RoomRow): TranscriptHead {
    const facts = [`Visitor: ${room.fname}`];
    if (room.served_by_username) facts.push(`Agent: ${room.served_by_username}`);
    facts.push(`Started: ${stamp(room.created_at)}`);
    if (room.closed_at !== null) facts.push(`Closed: ${stamp(room.closed_at)}`);
    return { title: `Conversation with ${room.fname} (${this.deps.settings.get('Livechat_title')})`, facts };
  }

  private rows(rid: string): Promise<MessageRow[]> {
    return this.deps.db.selectFrom('messages').selectAll().where('rid', '=', rid).orderBy('seq').execute();
  }
}

/**
 * The livechat services' publisher, watching for closed rooms: a room closes in more than one
 * place (an agent, the visitor, the agent-leave action), and each announces it on the hub after
 * its commit, which is exactly when a requested transcript may go out. The mail is sent in the
 * background; the close never waits for SMTP.
 */
export function sendTranscriptsOnClose(hub: LivePublisher, transcripts: TranscriptService): LivePublisher {
  return {
    publish(event: LiveEvent): void {
      hub.publish(event);
      if (event.kind === 'room' && event.action === 'closed')
        void transcripts.sendRequested(event.room._id).catch(() => undefined);
    },
  };
}
