/**
 * Ice breakers: questions a person can tap to start a conversation, at most 4. Meta takes two formats, one per
 * request: the localized one (`[{call_to_actions: [{question, payload}], locale}]`, a `default` locale
 * required) and the older flat list (`[{question, payload}]`); a GET answers the format that was set.
 */
import { listParam, type Json } from '../core/params.ts';
import type { Platform } from '../store/schema.ts';
import { PROFILE_LIMITS } from './limits.ts';
import { localeOf, objectOf, requireDefaultLocale, requiredText } from './shape.ts';
import { listOf } from '../send/templates/fields.ts';

export interface IceBreaker {
  readonly question: string;
  readonly payload: string;
}

export interface LocalizedIceBreakers {
  readonly call_to_actions: readonly IceBreaker[];
  /** Absent on Instagram for the default set, as Instagram Login's samples send it. */
  readonly locale?: string;
}

/** As stored: the localized format, or the older flat list. */
export type IceBreakers = readonly LocalizedIceBreakers[] | readonly IceBreaker[];

function question(raw: unknown, param: string): IceBreaker {
  const item = objectOf(raw, param, ['question', 'payload']);
  return {
    question: requiredText(item, 'question', param, PROFILE_LIMITS.questionCharacters),
    payload: requiredText(item, 'payload', param, PROFILE_LIMITS.payloadCharacters),
  };
}

const isLocalized = (raw: unknown) =>
  raw !== null && typeof raw === 'object' && Object.hasOwn(raw, 'call_to_actions');

/** The format is the first element's: an element of the other format is refused for its keys. */
export function readIceBreakers(params: Json, name: string, platform: Platform): IceBreakers {
  const list = listOf(listParam(params, name), name, { min: 1 });
  if (!isLocalized(list[0])) {
    return listOf(list, name, { max: PROFILE_LIMITS.iceBreakers }).map((raw, i) =>
      question(raw, `${name}[${i}]`),
    );
  }
  const sets = list.map((raw, i): LocalizedIceBreakers => {
    const param = `${name}[${i}]`;
    const set = objectOf(raw, param, ['call_to_actions', 'locale']);
    const locale = localeOf(set, param, platform === 'messenger');
    const listName = `${param}[call_to_actions]`;
    const questions = listOf(set.call_to_actions, listName, { min: 1, max: PROFILE_LIMITS.iceBreakers });
    return {
      call_to_actions: questions.map((q, j) => question(q, `${listName}[${j}]`)),
      ...(locale !== undefined && { locale }),
    };
  });
  requireDefaultLocale(sets, name);
  return sets;
}
