/** Forward a chat to an agent or a department, or close it with a comment and tags. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api.ts';
import { useApp } from '../app-context.ts';
import { ErrorText, SelectField, TextField, useLoad, useToast } from '../ui.tsx';
import type { Agent, Department, Room } from '../types.ts';
import { MultiSelect } from '../MultiSelect.tsx';
import type { Tag } from './Tags.tsx';
import { t } from '../../i18n/index.ts';

export function ChatActions({
  room,
  onForwarded,
  onClosed,
}: {
  room: Room;
  onForwarded: (to: string) => void;
  onClosed: () => void;
}) {
  const { me } = useApp();
  const toast = useToast();
  const agents = useLoad(
    () => api<{ users: Agent[] }>('GET', 'livechat/users/agent', { query: { count: 500 } }).then((r) => r.users),
    [],
  );
  const deps = useLoad(
    () =>
      api<{ departments: Department[] }>('GET', 'livechat/department', { query: { enabled: true, count: 500 } }).then(
        (r) => r.departments,
      ),
    [],
  );
  const [target, setTarget] = useState('');
  const [comment, setComment] = useState('');
  const [closeComment, setCloseComment] = useState('');
  // the managed list: global tags plus the room's department's (Rocket.Chat's livechat/tags)
  const tagList = useLoad(
    () =>
      api<{ tags: Tag[] }>('GET', 'livechat/tags', {
        query: { count: 1000, ...(room.departmentId ? { department: room.departmentId } : {}) },
      }).then((r) => r.tags),
    [room.departmentId],
  );
  const [tags, setTags] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();

  const forward = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const [kind, id] = target.split(':');
    try {
      await api('POST', 'livechat/room.forward', {
        body: {
          roomId: room._id,
          ...(kind === 'agent' ? { userId: id } : { departmentId: id }),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        },
      });
      const name =
        kind === 'agent'
          ? agents.data?.find((a) => a._id === id)?.username
          : deps.data?.find((d) => d._id === id)?.name;
      toast(t('chatActions.chatForwarded'));
      onForwarded(name ?? 'the queue');
    } catch (err) {
      setError(err);
    }
  };
  const close = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const list = tags;
    try {
      await api('POST', 'livechat/room.closeByUser', {
        body: {
          rid: room._id,
          ...(closeComment.trim() ? { comment: closeComment.trim() } : {}),
          ...(list.length ? { tags: list } : {}),
        },
      });
      toast(t('chatActions.chatClosed'));
      onClosed();
    } catch (err) {
      setError(err);
    }
  };

  const others = (agents.data ?? []).filter((a) => a._id !== me._id);
  const roomDep = deps.data?.find((d) => d._id === room.departmentId) as
    (Department & { requestTagBeforeClosingChat?: boolean }) | undefined;
  const tagsRequired = roomDep?.requestTagBeforeClosingChat === true;
  return (
    <div className="chat-actions">
      <ErrorText error={error} />
      <form onSubmit={forward} aria-labelledby="forward-title">
        <h3 id="forward-title">{t('chatActions.forward')}</h3>
        <SelectField
          label={t('chatActions.forwardTo')}
          required
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        >
          <option value="">{t('chatActions.choose')}</option>
          <optgroup label={t('departments.agents')}>
            {others.map((a) => (
              <option key={a._id} value={`agent:${a._id}`}>
                {a.username} {a.statusLivechat === 'available' ? '(available)' : '(not available)'}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('departments.departments')}>
            {(deps.data ?? []).map((d) => (
              <option key={d._id} value={`department:${d._id}`}>
                {d.name}
              </option>
            ))}
          </optgroup>
        </SelectField>
        <TextField
          label={t('chatActions.forwardComment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
        <button type="submit">{t('chatActions.forward')}</button>
      </form>
      <form onSubmit={close} aria-labelledby="close-title">
        <h3 id="close-title">{t('common.close')}</h3>
        <TextField
          label={t('chatActions.closingComment')}
          value={closeComment}
          onChange={(e) => setCloseComment(e.target.value)}
        />
        <MultiSelect
          label={tagsRequired ? t('chatActions.tagsRequired') : t('common.tags')}
          placeholder={tagList.data?.length === 0 ? t('chatActions.noTagsDefined') : t('chatActions.selectTags')}
          options={(tagList.data ?? []).map((t) => ({ value: t.name, label: t.name }))}
          value={tags}
          onChange={setTags}
        />
        <button type="submit" className="danger">
          {t('chatActions.closeChat')}
        </button>
      </form>
    </div>
  );
}
