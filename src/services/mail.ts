/**
 * Outgoing mail over SMTP (nodemailer), configured by runtime settings so an admin can change
 * the relay without a restart. A transport is built per message: mail is rare (transcripts),
 * and a cached one would keep using stale settings.
 */
import nodemailer from 'nodemailer';
import type { SettingsService } from './settings.ts';
import { fail } from '../domain/errors.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Where a reply goes (an offline message: the visitor). */
  replyTo?: string;
}

export async function sendMail(settings: SettingsService, mail: Mail): Promise<void> {
  const host = settings.get('SMTP_Host');
  if (!host) fail('error-smtp-not-configured', 'No SMTP server is configured: set SMTP_Host in the settings');
  const port = settings.get('SMTP_Port');
  const user = settings.get('SMTP_Username');
  const transport = nodemailer.createTransport({
    host,
    port,
    secure: port === 465, // implicit TLS; other ports upgrade with STARTTLS when offered
    auth: user ? { user, pass: settings.get('SMTP_Password') } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({
      from: settings.get('SMTP_From'),
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      replyTo: mail.replyTo,
    });
  } catch (err) {
    // The SMTP reply may name internal hosts: log-free, the caller only learns that it failed.
    fail(
      'error-sending-transcript',
      `The mail could not be sent${err instanceof Error && 'responseCode' in err ? ` (SMTP ${String((err as { responseCode?: number }).responseCode)})` : ''}`,
    );
  } finally {
    transport.close();
  }
}
