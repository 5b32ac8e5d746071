/**
 * The process's logger, built from its settings (LOG_LEVEL, LOG_FORMAT). One pino logger per
 * process: the HTTP app, the delivery worker and the start-up code log through it.
 *
 * On a terminal a person reads the lines, so they are formatted by pino-pretty (time, level,
 * message, then the fields); piped to a file or a log collector they stay JSON, one object a line,
 * which is what those tools parse. LOG_FORMAT overrides the guess either way.
 *
 * pino-pretty runs in this thread, as a stream, not as a pino transport: a transport is a worker
 * thread of its own, and lines written just before a crash or an exit could be lost with it.
 */
import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './index.ts';

export type ResolvedLogFormat = 'pretty' | 'json';

/** `auto` becomes pretty on a terminal, JSON anywhere else. */
export function resolveLogFormat(
  format: Config['logFormat'],
  isTty = process.stdout.isTTY === true,
): ResolvedLogFormat {
  if (format !== 'auto') return format;
  return isTty ? 'pretty' : 'json';
}

export interface LoggerOptions {
  level: Config['logLevel'];
  format: Config['logFormat'];
  /** Where lines go; stdout when omitted. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/** The stream each logger writes its lines into, for text that must come after them. */
const streamOf = new WeakMap<Logger, { write(text: string): unknown }>();

/**
 * Writes `text` where `log` writes (stdout), after every line it has written so far. The log's
 * stream writes asynchronously (from libuv's pool), so a `process.stdout.write` made after a log
 * call can reach the terminal first; this goes into the log's own stream, behind those lines
 * (pino-pretty passes a line that is not JSON through as it is).
 */
export function printAfterLog(log: Logger, text: string): void {
  (streamOf.get(log) ?? process.stdout).write(text);
}

/** Readable lines (pino-pretty) written to `destination`; colours only on a real terminal. */
function prettyInto(destination: DestinationStream, toStdout: boolean): DestinationStream {
  return pretty({
    // escape codes in a file or a pipe are noise
    colorize: toStdout && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    // pid and host are the same on every line of one process; a request line's `http` fields
    // repeat its message (plugins/request-log.ts)
    ignore: 'pid,hostname,http',
    singleLine: true,
    destination,
  });
}

export function createLogger(opts: LoggerOptions): Logger {
  const format = resolveLogFormat(opts.format, opts.destination ? false : undefined);
  // stdout as pino opens it by default (asynchronous writes), unless the caller gives a stream
  const out = opts.destination ?? pino.destination({ dest: 1, sync: false });
  const into = format === 'json' ? out : prettyInto(out, !opts.destination);
  const log = pino({ level: opts.level }, into);
  streamOf.set(log, into);
  return log;
}
