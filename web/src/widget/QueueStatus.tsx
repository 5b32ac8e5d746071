/**
 * While the chat waits for an agent: the visitor's place in the queue and, once recent chats tell,
 * about how long it will take (Rocket.Chat's queueInfo: `spot`, `estimatedWaitTimeSeconds`).
 * It starts from livechat/config's `queueInfo` and follows the `queue` events of the visitor's
 * stream. The page's shared stream (live.ts) does not pass that event kind on yet, so this keeps
 * its own stream open for as long as the visitor waits, and reloads its place on each (re)connect.
 */
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { t, tn } from '../i18n/index.ts';

export interface QueueInfo {
  spot: number;
  estimatedWaitTimeSeconds?: number;
}

const TEXT = {
  spot: (n: number) => t('queueStatus.spot', { n }),
  minutes: (n: number) => tn('queueStatus.minutes', n),
};

function waitText(seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  if (seconds < 60) return t('queueStatus.soon');
  return TEXT.minutes(Math.round(seconds / 60));
}

export function QueueStatus(props: { token: string; rid: string; initial?: QueueInfo }) {
  const { token, rid, initial } = props;
  const [info, setInfo] = useState<QueueInfo | undefined>(initial);

  useEffect(() => setInfo(initial), [initial]);

  useEffect(() => {
    const reload = () =>
      api<{ config: { queueInfo?: QueueInfo } }>('GET', 'livechat/config', { staff: false, query: { token } }).then(
        (r) => setInfo(r.config.queueInfo),
        () => undefined, // the stream's next event or reconnect tries again
      );
    const source = new EventSource(`/api/v1/stream?token=${encodeURIComponent(token)}`);
    source.addEventListener('ready', () => void reload());
    source.addEventListener('queue', (ev) => {
      const data = JSON.parse((ev as MessageEvent<string>).data) as QueueInfo & { rid?: string };
      if (data.rid !== rid) return;
      setInfo({ spot: data.spot, estimatedWaitTimeSeconds: data.estimatedWaitTimeSeconds });
    });
    return () => source.close();
  }, [token, rid]);

  if (!info) return null;
  const wait = waitText(info.estimatedWaitTimeSeconds);
  return (
    <div
      className="wnote"
      role="status"
      data-testid="queue-status"
      style={{ borderBottom: '1px solid #e5e7eb', background: '#f8fafc', color: '#1f2937' }}
    >
      <strong>{TEXT.spot(info.spot)}</strong>
      {wait && <span style={{ display: 'block' }}>{wait}</span>}
    </div>
  );
}
