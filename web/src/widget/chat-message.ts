/** A message as both the widget and the staff console receive it (REST, SSE). */
export interface ChatMessage {
  _id: string;
  msg: string;
  ts: string;
  u: { _id: string; username: string; name?: string };
  t?: string;
}
