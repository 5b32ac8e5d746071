/** A message as both the widget and the staff console receive it (REST, SSE). */
export interface ChatMessage {
  _id: string;
  msg: string;
  ts: string;
  u: { _id: string; username: string; name?: string };
  t?: string;
  /** File messages (Rocket.Chat's shape): the upload, and how to show it. `msg` is then its description. */
  file?: ChatFile;
  attachments?: ChatAttachment[];
}

export interface ChatFile {
  _id: string;
  name: string;
  type: string;
  size: number;
}

/** The fields of Rocket.Chat's file attachment that the renderers read (server: services/livechat/uploads.ts). */
export interface ChatAttachment {
  type?: string;
  title?: string;
  title_link?: string;
  description?: string;
  image_url?: string;
  image_type?: string;
  image_size?: number;
  audio_url?: string;
  audio_size?: number;
  video_url?: string;
  video_size?: number;
  size?: number;
}
