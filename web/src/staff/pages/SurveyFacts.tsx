/**
 * The visitor's answers to the satisfaction survey (Rocket.Chat's `surveyFeedback` on the room,
 * posted through `livechat/room.survey`): each rated item out of 5, then the comment.
 */
import { Fragment } from 'react';
import type { Room } from '../types.ts';
import { FACTS } from './VisitorContact.tsx';
import { t } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/index.ts';

/** Rocket.Chat's item keys (`agentResposiveness` is its spelling) and how a person reads them. */
const LABELS: Record<string, MessageKey> = {
  satisfaction: 'survey.satisfaction',
  agentKnowledge: 'survey.knowledge',
  agentResposiveness: 'survey.responsiveness',
  agentFriendliness: 'survey.friendliness',
};

export function SurveyFacts({ room }: { room: Room }) {
  const feedback = (room as Room & { surveyFeedback?: Record<string, string> }).surveyFeedback;
  const rated = Object.entries(feedback ?? {}).filter(([k]) => k in LABELS);
  const comment = feedback?.additionalFeedback;
  return (
    <section aria-label={t('survey.title')} data-testid="survey-facts">
      <h3>{t('survey.title')}</h3>
      {!feedback ? (
        <p className="muted small">{room.open ? t('survey.pending') : t('survey.unanswered')}</p>
      ) : (
        <dl className="facts" style={FACTS}>
          {rated.map(([k, v]) => (
            <Fragment key={k}>
              <dt>{t(LABELS[k]!)}</dt>
              <dd aria-label={t('survey.rating', { item: t(LABELS[k]!), value: v })}>
                <span aria-hidden="true" style={{ color: '#b45309', letterSpacing: '0.1em' }}>
                  {'★'.repeat(Number(v))}
                  <span style={{ color: '#9ca3af' }}>{'★'.repeat(5 - Number(v))}</span>
                </span>{' '}
                {v}/5
              </dd>
            </Fragment>
          ))}
          {comment && (
            <>
              <dt>{t('survey.comment')}</dt>
              <dd style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{comment}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
