/**
 * Offline messages reach a human (issue 13): each one is stored, then emailed after the commit to
 * the department's email or else `Livechat_offline_email` (Rocket.Chat's order), with Reply-To
 * set to the visitor. The visitor's request never waits for SMTP: the mail runs in the
 * background and its outcome (sent, failed, none) is written on the row the managers' page lists.
 */
import { promises as dns } from 'node:dns';
import type { LivechatDeps } from './deps.ts';
import type { Tx } from '../tx.ts';
import { newSortableId } from '../../domain/ids.ts';
import { fail } from '../../domain/errors.ts';
import { sendMail } from '../mail.ts';
import { unescapeHtml } from './transcript.ts';
import type { OfflineMessagesTable } from '../../store/schema.ts';

export interface OfflineMessage {
  _id: string;
  name: string;
  email: string;
  message: string;
  department: { _id: string; name: string } | null;
  mailTo: string | null;
  /** pending: the mail is on its way; none: no address was configured. */
  mailStatus: 'pending' | 'sent' | 'failed' | 'none';
  mailError: string | null;
  handledAt: string | null;
  handledBy: string | null;
  createdAt: string;
}

/** Mails still in flight, per deps (one process's services), so tests and shutdown can wait. */
const inflight = new WeakMap<LivechatDeps, Set<Promise<void>>>();

/**
 * The one DNS question `Livechat_validate_offline_email` asks: the MX records of the visitor's
 * domain. node's `dns.promises.Resolver` fits it; tests point one at a loopback DNS server.
 */
export interface MxResolver {
  resolveMx(domain: string): Promise<{ exchange: string; priority: number }[]>;
}

/** Per deps, as `inflight`: the resolver in use (the system's DNS unless replaced). */
const resolvers = new WeakMap<LivechatDeps, MxResolver>();

function systemResolver(): MxResolver {
  // One try, a short timeout: the visitor's request waits for this answer.
  return new dns.Resolver({ timeout: 3000, tries: 1 });
}

// An address a mail server would take: a local part, then a domain of at least two labels, each
// label letters, digits and inner hyphens. Stricter than the route's format check on purpose.
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$/;

/**
 * Rocket.Chat's `Livechat_validate_offline_email` (sendOfflineMessage): when on, the visitor's
 * address must be well formed and its domain must have MX records, else the message is refused
 * with `error-invalid-email-address`. Off (our default), nothing is checked here. Call it before
 * the transaction opens: a DNS lookup must never run inside one.
 */
export async function checkOfflineEmail(deps: LivechatDeps, email: string): Promise<void> {
  if (!deps.settings.get('Livechat_validate_offline_email')) return;
  const domain = ADDRESS.exec(email.trim())?.[1];
  if (!domain) fail('error-invalid-email-address', 'Error sending livechat offline message');
  let records: { exchange: string }[] = [];
  try {
    records = await (resolvers.get(deps) ?? systemResolver()).resolveMx(domain);
  } catch {
    // NXDOMAIN, no MX, or no answer at all: Rocket.Chat refuses in every case, and so do we
  }
  if (!records.some((r) => r.exchange !== '')) {
    fail('error-invalid-email-address', 'Error sending livechat offline message');
  }
}

/** Stores the message in the visitor's transaction and queues its email for after the commit. */
export async function storeOfflineMessage(
  tx: Tx,
  deps: LivechatDeps,
  input: { name: string; email: string; message: string; department?: string },
): Promise<string> {
  const dept = input.department
    ? await tx.db.selectFrom('departments').select(['email']).where('_id', '=', input.department).executeTakeFirst()
    : undefined;
  const to = dept?.email?.trim() || deps.settings.get('Livechat_offline_email').trim() || null;
  const id = newSortableId();
  await tx.db
    .insertInto('offline_messages')
    .values({
      _id: id,
      name: input.name,
      email: input.email,
      message: input.message,
      department_id: input.department ?? null,
      mail_to: to,
      mail_status: to ? 'pending' : 'none',
      mail_error: null,
      handled_at: null,
      handled_by: null,
      created_at: deps.now(),
    })
    .execute();
  if (to) tx.after(() => track(deps, mailOne(deps, id, to, input)));
  return id;
}

function track(deps: LivechatDeps, p: Promise<void>): void {
  let set = inflight.get(deps);
  if (!set) inflight.set(deps, (set = new Set()));
  const s = set;
  s.add(p);
  void p.finally(() => s.delete(p));
}

async function mailOne(
  deps: LivechatDeps,
  id: string,
  to: string,
  m: { name: string; email: string; message: string },
): Promise<void> {
  // Rocket.Chat's widget HTML-escapes what the visitor typed; a plain-text mail shows it as typed.
  const text = unescapeHtml(m.message);
  let outcome: Pick<OfflineMessagesTable, 'mail_status' | 'mail_error'> = { mail_status: 'sent', mail_error: null };
  try {
    await sendMail(deps.settings, {
      to,
      // the name is the visitor's own text: strip what could break the header
      replyTo: `"${m.name.replace(/["\\\r\n]/g, ' ')}" <${m.email}>`,
      subject: `Livechat offline message from ${m.name.replace(/[\r\n]/g, ' ')}: ${text.replace(/\s+/g, ' ').slice(0, 60)}`,
      text: `Name: ${m.name}\nEmail: ${m.email}\n\n${text}\n`,
    });
  } catch (err) {
    outcome = { mail_status: 'failed', mail_error: err instanceof Error ? err.message.slice(0, 500) : 'failed' };
  }
  try {
    await deps.db.updateTable('offline_messages').set(outcome).where('_id', '=', id).execute();
  } catch {
    // the store is gone (shutdown): the row stays "pending", which is what the page then shows
  }
}

export class OfflineMessagesService {
  constructor(private readonly deps: LivechatDeps) {}

  /** Replaces the DNS resolver of the MX check (tests use a loopback DNS server). */
  useMxResolver(resolver: MxResolver): void {
    resolvers.set(this.deps, resolver);
  }

  /** The `Livechat_validate_offline_email` check alone (see checkOfflineEmail). */
  async checkEmail(email: string): Promise<void> {
    await checkOfflineEmail(this.deps, email);
  }

  /** Resolves once every mail started so far has a recorded outcome. */
  async idle(): Promise<void> {
    await Promise.allSettled([...(inflight.get(this.deps) ?? [])]);
  }

  async list(q: {
    handled?: boolean;
    count: number;
    offset: number;
  }): Promise<{ messages: OfflineMessage[]; total: number }> {
    let base = this.deps.db.selectFrom('offline_messages as o');
    if (q.handled === true) base = base.where('o.handled_at', 'is not', null);
    if (q.handled === false) base = base.where('o.handled_at', 'is', null);
    const rows = await base
      .leftJoin('departments as d', 'd._id', 'o.department_id')
      .leftJoin('users as u', 'u._id', 'o.handled_by')
      .selectAll('o')
      .select(['d.name as department_name', 'u.username as handled_by_username'])
      .orderBy('o.created_at', 'desc')
      .orderBy('o._id', 'desc')
      .limit(q.count)
      .offset(q.offset)
      .execute();
    const total = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    const iso = (n: number | string | null) => (n === null ? null : new Date(Number(n)).toISOString());
    return {
      total: Number(total.n),
      messages: rows.map((r) => ({
        _id: r._id,
        name: r.name,
        email: r.email,
        message: unescapeHtml(r.message),
        department: r.department_id ? { _id: r.department_id, name: r.department_name ?? r.department_id } : null,
        mailTo: r.mail_to,
        mailStatus: r.mail_status as OfflineMessage['mailStatus'],
        mailError: r.mail_error,
        handledAt: iso(r.handled_at),
        handledBy: r.handled_by_username ?? r.handled_by,
        createdAt: iso(r.created_at)!,
      })),
    };
  }

  /** Marks a message handled (or back to open); an unknown id is a 400, as elsewhere. */
  async setHandled(id: string, handled: boolean, userId: string): Promise<void> {
    const res = await this.deps.db
      .updateTable('offline_messages')
      .set(handled ? { handled_at: this.deps.now(), handled_by: userId } : { handled_at: null, handled_by: null })
      .where('_id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) fail('error-invalid-offline-message', 'Unknown offline message');
  }
}
