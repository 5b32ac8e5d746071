/**
 * The visitor's satisfaction survey, Rocket.Chat's `livechat/room.survey`: the token's own room
 * (open or closed: the widget asks once the chat ended), answers filtered as Rocket.Chat filters
 * them (domain/survey.ts) and stored on the room as `surveyFeedback`, replacing earlier answers as
 * Rocket.Chat's `$set` does.
 *
 * The CRM: Rocket.Chat sends nothing when a survey arrives. The answers come after the close, so
 * the LivechatSession payload went out without them; here a closed room's changed answers are
 * recorded as a LivechatEdit event (the event Rocket.Chat sends when a closed room's data changes),
 * whose payload carries `surveyFeedback` (an additive field, domain/payloads.ts). Unchanged answers
 * record nothing, so repeating a request cannot flood the CRM.
 */
import type { LivechatDeps } from './deps.ts';
import { audienceOf, visitorByToken, visitorRoom } from './deps.ts';
import { recordRoomEvent } from '../events.ts';
import { inTx } from '../tx.ts';
import { fail } from '../../domain/errors.ts';
import { surveyAnswers } from '../../domain/survey.ts';
import type { SurveyFeedback } from '../../domain/survey.ts';
import { toRoom } from '../../store/mappers.ts';

export interface SurveyInput {
  rid: string;
  token: string;
  data: { name: string; value: string }[];
}

export class SurveyService {
  constructor(private readonly deps: LivechatDeps) {}

  async answer(input: SurveyInput): Promise<{ rid: string; data: SurveyFeedback }> {
    return inTx(this.deps.store, async (tx) => {
      // Rocket.Chat's order: the token first (invalid-token), then the room (invalid-room).
      await visitorByToken(tx, input.token);
      const room = await visitorRoom(tx, input.rid, input.token);
      const answers = surveyAnswers(input.data);
      if (Object.keys(answers).length === 0) fail('invalid-data', 'No known survey item with a valid value');
      const text = JSON.stringify(answers);
      if (text === room.survey_feedback) return { rid: room._id, data: answers };
      await tx.db
        .updateTable('rooms')
        .set({ survey_feedback: text, updated_at: this.deps.now() })
        .where('_id', '=', room._id)
        .execute();
      const updated = { ...room, survey_feedback: text, updated_at: this.deps.now() };
      if (updated.open !== 1)
        await recordRoomEvent(tx, this.deps, { type: 'LivechatEdit', rid: room._id, messages: 'all', room: updated });
      tx.after(() =>
        this.deps.hub.publish({
          kind: 'room',
          audience: audienceOf(updated),
          room: toRoom(updated),
          action: 'updated',
        }),
      );
      return { rid: room._id, data: answers };
    });
  }
}
