/**
 * Rocket.Chat's `POST livechat/room.survey` {rid, token, data: [{name, value}]}: the visitor's
 * answers to the satisfaction survey `livechat/config` announces (services/livechat/survey.ts).
 * Visitor-authenticated by the token, like every `livechat/room.*` visitor route. The body is
 * Rocket.Chat's schema (isPOSTLivechatRoomSurveyParams: all three required, at least one item,
 * no other properties), with bounds Rocket.Chat lacks so a body cannot grow without limit.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, VisitorToken } from '../schemas.ts';
import { SurveyService } from '../../services/livechat/survey.ts';
import { SURVEY_COMMENT_MAX } from '../../domain/survey.ts';

const Answer = Type.Object(
  { name: Type.String({ maxLength: 64 }), value: Type.String({ maxLength: SURVEY_COMMENT_MAX }) },
  { additionalProperties: false },
);

export const livechatSurveyRoutes: RouteRegistrar = (app, s) => {
  const survey = new SurveyService(s.livechat.deps);
  app.post(
    '/api/v1/livechat/room.survey',
    {
      schema: {
        tags: ['livechat visitor'],
        summary: "The visitor's satisfaction survey answers, stored on the room (Rocket.Chat's surveyFeedback)",
        body: Type.Object(
          { rid: Id, token: VisitorToken, data: Type.Array(Answer, { minItems: 1, maxItems: 20 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({ ...(await survey.answer(request.body)), success: true }),
  );
};
