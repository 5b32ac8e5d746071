/**
 * The agent object the Rocket.Chat widget reads (docs/rocketchat-widget.md, 'The DDP subset'), shared by livechat/config,
 * agent.info, agent.next and the DDP `agentData` event so all four always agree.
 */
import type { SettingsService } from '../settings.ts';
import type { UsersService } from '../users.ts';
import type { WidgetAgent } from '../../domain/widget.ts';

export async function widgetAgent(
  s: { users: UsersService; settings: SettingsService },
  agentId: string,
): Promise<WidgetAgent | undefined> {
  const agent = await s.users.get(agentId);
  if (!agent) return undefined;
  const showEmail = s.settings.get('Livechat_show_agent_email');
  return {
    _id: agent._id,
    username: agent.username,
    name: agent.name,
    status: agent.status,
    ...(showEmail && agent.emails ? { emails: agent.emails } : {}),
  };
}
