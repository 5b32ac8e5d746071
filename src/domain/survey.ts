/**
 * Rocket.Chat's satisfaction survey (`livechat/room.survey`): the items and values its
 * `livechat/config` announces (apps/meteor/app/livechat/server/api/lib/livechat.ts, settings()),
 * spelled exactly as Rocket.Chat spells them (`agentResposiveness` included: clients send that
 * key), and the filter its route applies to what a visitor posts.
 */

export const SURVEY_ITEMS = ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'] as const;
export const SURVEY_VALUES = ['1', '2', '3', '4', '5'] as const;
/** The free-text answer Rocket.Chat accepts next to the rated items, whatever its value. */
export const SURVEY_COMMENT = 'additionalFeedback';

/** What `livechat/config` carries as `survey`. */
export const SURVEY_CONFIG = { items: [...SURVEY_ITEMS], values: [...SURVEY_VALUES] };

/** A room's answers, Rocket.Chat's `surveyFeedback`: item name to value. */
export type SurveyFeedback = Record<string, string>;

/** Longest comment kept: a visitor's free text, bounded so one answer cannot bloat the room row. */
export const SURVEY_COMMENT_MAX = 2000;

const items: ReadonlySet<string> = new Set(SURVEY_ITEMS);
const values: ReadonlySet<string> = new Set(SURVEY_VALUES);

/**
 * Rocket.Chat's filter: a known item with a known value, or the comment, is kept (the last one
 * wins for a repeated name); anything else is dropped silently. An empty result is the caller's
 * `invalid-data`.
 */
export function surveyAnswers(data: readonly { name: string; value: string }[]): SurveyFeedback {
  const kept: SurveyFeedback = {};
  for (const { name, value } of data) {
    if ((items.has(name) && values.has(value)) || name === SURVEY_COMMENT) kept[name] = value;
  }
  return kept;
}
