/**
 * One Server-Sent Events connection per page (GET /api/v1/stream), shared by every component
 * that wants live updates. EventSource reconnects by itself; after a reconnect the server does not
 * replay what was missed, so subscribers also get a `ready` call to reload what they show.
 */
export type LiveKind = 'ready' | 'message' | 'message-deleted' | 'room' | 'inquiry' | 'agent-status' | 'delivery';
export type LiveHandler = (kind: LiveKind, data: Record<string, unknown>) => void;

const KINDS: LiveKind[] = ['ready', 'message', 'message-deleted', 'room', 'inquiry', 'agent-status', 'delivery'];

export class LiveStream {
  private source: EventSource | undefined;
  private readonly handlers = new Set<LiveHandler>();

  constructor(private readonly url: string) {}

  subscribe(fn: LiveHandler): () => void {
    this.handlers.add(fn);
    if (!this.source) this.open();
    return () => {
      this.handlers.delete(fn);
    };
  }

  private open(): void {
    const source = new EventSource(this.url);
    this.source = source;
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

  close(): void {
    this.source?.close();
    this.source = undefined;
    this.handlers.clear();
  }
}
