/**
 * Proactive triggers, in Rocket.Chat's model (ILivechatTrigger, packages/core-typings): a trigger
 * has conditions (the widget reads the first) and actions (the widget runs the first). The server
 * only keeps them; both widgets run them in the visitor's browser, so a trigger message is never
 * stored, never part of a room and never sent to the CRM (Rocket.Chat's widget works the same way:
 * packages/livechat/src/lib/triggers.ts, triggerActions.ts).
 */

export const TRIGGER_CONDITIONS = [
  'time-on-site',
  'page-url',
  'chat-opened-by-visitor',
  'after-guest-registration',
] as const;
export type TriggerConditionName = (typeof TRIGGER_CONDITIONS)[number];

export interface TriggerCondition {
  name: TriggerConditionName;
  /** page-url: a regular expression tested against the host page URL; time-on-site: seconds. */
  value: string | null;
}

export interface SendMessageAction {
  name: 'send-message';
  /** queue: the agent routing would pick (livechat/agent.next); custom: the name given. */
  params?: { sender: 'queue' | 'custom'; msg: string; name?: string | null } | null;
}

/** Accepted and kept for Rocket.Chat clients; an Enterprise action neither widget runs here. */
export interface ExternalServiceAction {
  name: 'use-external-service';
  params?: {
    sender?: 'queue' | 'custom';
    name?: string | null;
    serviceUrl: string;
    serviceTimeout: number;
    serviceFallbackMessage: string;
  } | null;
}

export type TriggerAction = SendMessageAction | ExternalServiceAction;

export interface TriggerInput {
  name: string;
  description: string;
  enabled: boolean;
  runOnce: boolean;
  conditions: TriggerCondition[];
  actions: TriggerAction[];
}

export interface Trigger extends TriggerInput {
  _id: string;
  _updatedAt: Date;
}

/** What livechat/config carries for each enabled trigger (Rocket.Chat's findTriggers pick). */
export type WidgetTrigger = Pick<Trigger, '_id' | 'actions' | 'conditions' | 'runOnce'>;

/** The Enterprise actions: Rocket.Chat leaves a trigger out of the config when it has no other. */
const PREMIUM_ACTIONS: readonly string[] = ['use-external-service'];

export function widgetTriggers(enabled: readonly Trigger[]): WidgetTrigger[] {
  return enabled
    .filter((t) => t.actions.some((a) => !PREMIUM_ACTIONS.includes(a.name)))
    .map(({ _id, actions, conditions, runOnce }) => ({ _id, actions, conditions, runOnce }));
}

/** The longest time-on-site we accept: a day; a longer wait never fires in one visit anyway. */
export const MAX_TIME_ON_SITE_SECONDS = 86_400;

/**
 * Checks a widget cannot run are refused at save, so a manager learns at once instead of a trigger
 * that silently never fires: a page-url pattern must compile as a JavaScript regular expression,
 * a time-on-site value must be a whole number of seconds. Rocket.Chat stores either unchecked;
 * well-formed requests are accepted alike. Returns the problem, or undefined when fine.
 */
export function triggerProblem(input: Pick<TriggerInput, 'name' | 'conditions'>): string | undefined {
  if (input.name.trim() === '') return 'The trigger name is required';
  for (const c of input.conditions) {
    const value = c.value ?? '';
    if (c.name === 'page-url') {
      if (value === '') return 'A page URL condition needs a pattern';
      try {
        new RegExp(value);
      } catch {
        return `The page URL pattern is not a valid regular expression: ${value}`;
      }
    }
    if (c.name === 'time-on-site') {
      if (!/^\d+$/.test(value.trim()) || Number(value) > MAX_TIME_ON_SITE_SECONDS)
        return `Time on site is a whole number of seconds from 0 to ${MAX_TIME_ON_SITE_SECONDS}`;
    }
  }
  return undefined;
}
