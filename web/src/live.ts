/**
 * One Server-Sent Events connection per page (GET /api/v1/stream), shared by every component
 * that wants live updates. The server does not replay what a dropped stream missed, so every
 * (re)connection starts with a `ready` event and subscribers reload what they show on it.
 *
 * We reconnect ourselves instead of leaving it to EventSource: it gives up for good after some
 * failures (an HTTP error while the server restarts) and retries at its own pace after others.
 * Our own backoff, and a status the page shows ("Reconnecting…"), make both cases the same.
 */
export type LiveKind =
  'ready' | 'message' | 'message-deleted' | 'room' | 'inquiry' | 'agent-status' | 'delivery' | 'typing';
export type LiveHandler = (kind: LiveKind, data: Record<string, unknown>) => void;
/** `connecting` only before the first connection; `down` once a stream failed, until one opens. */
export type LiveStatus = 'connecting' | 'open' | 'down';

const KINDS: LiveKind[] = [
  'ready',
  'message',
  'message-deleted',
  'room',
  'inquiry',
  'agent-status',
  'delivery',
  'typing',
];
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 10_000;

export class LiveStream {
  private source: EventSource | undefined;
  private readonly handlers = new Set<LiveHandler>();
  private readonly statusListeners = new Set<(s: LiveStatus) => void>();
  private state: LiveStatus = 'connecting';
  private retryDelay = FIRST_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  // Back online, or back to the tab: try at once rather than wait out the backoff.
  private readonly retryNow = () => {
    if (this.state === 'down' && !this.closed && document.visibilityState === 'visible') this.reopen();
  };

  constructor(private readonly url: string) {}

  subscribe(fn: LiveHandler): () => void {
    this.handlers.add(fn);
    if (!this.source && !this.retryTimer && !this.closed) this.open();
    return () => {
      this.handlers.delete(fn);
    };
  }

  get status(): LiveStatus {
    return this.state;
  }

  /** Calls `fn` on every status change; returns the unsubscribe function. */
  onStatus(fn: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(fn);
    return () => {
      this.statusListeners.delete(fn);
    };
  }

  private setStatus(s: LiveStatus): void {
    if (s === this.state) return;
    this.state = s;
    for (const fn of [...this.statusListeners]) fn(s);
  }

  private open(): void {
    // Adding the same listener twice is a no-op, so each reopen may do it again.
    window.addEventListener('online', this.retryNow);
    document.addEventListener('visibilitychange', this.retryNow);
    const source = new EventSource(this.url);
    this.source = source;
    source.onopen = () => {
      this.retryDelay = FIRST_RETRY_MS;
      this.setStatus('open');
    };
    source.onerror = () => {
      if (this.source !== source) return;
      source.close();
      this.source = undefined;
      this.setStatus('down');
      this.schedule();
    };
    for (const kind of KINDS) {
      source.addEventListener(kind, (ev) => {
        let data: Record<string, unknown> = {};
        try {
          data = JSON.parse((ev as MessageEvent<string>).data) as Record<string, unknown>;
        } catch {
          return;
        }
        for (const h of [...this.handlers]) h(kind, data);
      });
    }
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.reopen(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
  }

  private reopen(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = undefined;
    this.open();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    window.removeEventListener('online', this.retryNow);
    document.removeEventListener('visibilitychange', this.retryNow);
    this.source?.close();
    this.source = undefined;
    this.handlers.clear();
    this.statusListeners.clear();
  }
}
