/**
 * A real SMTP server on loopback (smtp-server) that keeps what it receives, and the app's SMTP
 * settings pointed at it. Tests read `inbox`; `close` stops the server.
 */
import { SMTPServer } from 'smtp-server';
import type { TestApp } from './app.ts';
import { setSetting } from './livechat.ts';

export interface Received {
  from: string;
  to: string[];
  data: string;
}

export interface LocalSmtp {
  port: number;
  inbox: Received[];
  close(): Promise<void>;
}

export async function startSmtp(): Promise<LocalSmtp> {
  const inbox: Received[] = [];
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData: (stream, session, cb) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  return {
    port: (smtp.server.address() as { port: number }).port,
    inbox,
    close: () => new Promise<void>((r) => smtp.close(() => r())),
  };
}

/** The app sends its mail to `smtp` from chat@omnihook.test. */
export async function useSmtp(t: TestApp, smtp: LocalSmtp): Promise<void> {
  await setSetting(t, 'SMTP_Host', '127.0.0.1');
  await setSetting(t, 'SMTP_Port', smtp.port);
  await setSetting(t, 'SMTP_From', 'chat@omnihook.test');
}
