/**
 * The customer feedback template (Messenger): a card with a button that opens one screen of one question,
 * scored as CSAT, NPS or CES (each with its own score options), with an optional free-form follow-up, the
 * business's privacy policy, and an expiry of 1 to 7 days.
 */
import {
  FEEDBACK_SCORES,
  GraphError,
  type CustomerFeedbackTemplate,
  type FeedbackQuestion,
} from '@parley/protocol';
import type { Json } from '../../core/params.ts';
import { TEMPLATE_LIMITS } from '../limits.ts';
import {
  defined,
  object,
  optionalEnum,
  optionalNumber,
  optionalObject,
  optionalText,
  requiredEnum,
  requiredList,
  requiredObject,
  requiredText,
  requiredUrl,
  ROOT,
} from './fields.ts';

function question(raw: unknown, name: string): FeedbackQuestion {
  const q = object(raw, name);
  const type = requiredEnum(
    q,
    'type',
    `${name}[type]`,
    Object.keys(FEEDBACK_SCORES) as (keyof typeof FEEDBACK_SCORES)[],
  );
  const followUp = optionalObject(q, 'follow_up', `${name}[follow_up]`);
  return defined({
    id: requiredText(q, 'id', `${name}[id]`),
    type,
    title: optionalText(q, 'title', `${name}[title]`),
    score_label: optionalEnum(q, 'score_label', `${name}[score_label]`, ['neg_pos', 'pos_neg']),
    score_option: optionalEnum(q, 'score_option', `${name}[score_option]`, FEEDBACK_SCORES[type]),
    follow_up: followUp && {
      type: requiredEnum(followUp, 'type', `${name}[follow_up][type]`, ['free_form']),
      ...defined({ placeholder: optionalText(followUp, 'placeholder', `${name}[follow_up][placeholder]`) }),
    },
  });
}

export function readCustomerFeedback(payload: Json): CustomerFeedbackTemplate {
  const title = requiredText(payload, 'title', `${ROOT}[title]`);
  const subtitle = requiredText(payload, 'subtitle', `${ROOT}[subtitle]`);
  const buttonTitle = requiredText(payload, 'button_title', `${ROOT}[button_title]`, {
    max: TEMPLATE_LIMITS.buttonTitleCharacters,
  });
  const screens = `${ROOT}[feedback_screens]`;
  const [screen] = requiredList(payload, 'feedback_screens', screens, { min: 1, max: 1 });
  const questions = `${screens}[0][questions]`;
  const [only] = requiredList(object(screen, `${screens}[0]`), 'questions', questions, { min: 1, max: 1 });
  const privacy = requiredObject(payload, 'business_privacy', `${ROOT}[business_privacy]`);
  const expiresInDays = optionalNumber(payload, 'expires_in_days', `${ROOT}[expires_in_days]`);
  const { min, max } = TEMPLATE_LIMITS.feedbackExpiresInDays;
  if (
    expiresInDays !== undefined &&
    (!Number.isInteger(expiresInDays) || expiresInDays < min || expiresInDays > max)
  ) {
    throw new GraphError('invalidParameter', {
      detail: `Param ${ROOT}[expires_in_days] must be an integer between ${min} and ${max}`,
    });
  }
  return defined({
    template_type: 'customer_feedback' as const,
    title,
    subtitle,
    button_title: buttonTitle,
    feedback_screens: [{ questions: [question(only, `${questions}[0]`)] as const }] as const,
    business_privacy: { url: requiredUrl(privacy, 'url', `${ROOT}[business_privacy][url]`) },
    expires_in_days: expiresInDays,
  });
}
