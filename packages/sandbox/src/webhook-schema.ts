/** The sandbox's view of webhooks: subscriptions, deliveries and their attempts, replays, faults. */
import { WEBHOOK_OBJECTS } from '@parley/protocol';
import { z } from 'zod';
import {
  object,
  optionalFlag,
  optionalGraphId,
  optionalInteger,
  optionalOneOf,
  optionalPercent,
  optionalText,
  text,
} from './fields.ts';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'dropped'] as const;

/** `GET /webhooks/subscriptions`, `GET /faults` */
export const AppQuery = object({ app_id: optionalText(64) });

/**
 * `GET /webhooks/deliveries`: newest first, `before` a delivery id to page back from; `mentions` an id (a
 * message's, a person's) that the event's payload holds as a value.
 */
export const DeliveriesQuery = object({
  app_id: optionalText(64),
  object: optionalOneOf(WEBHOOK_OBJECTS),
  account_id: optionalText(64),
  status: optionalOneOf(DELIVERY_STATUSES),
  mentions: optionalGraphId(),
  limit: optionalInteger({ min: 1, max: 500 }),
  before: optionalInteger({ min: 1 }),
});

/** The longest delay a fault may add. */
export const MAX_FAULT_DELAY_MS = 30_000;

/** Faults injected into one subscription's deliveries; none set means none. */
export interface Faults {
  /** Percentage of POSTs sent twice, the same bytes back to back. */
  readonly duplicate_percent?: number;
  /** Each POST waits this long before it is sent. */
  readonly delay_ms?: number;
  /** Events ready together are sent newest first, each in its own POST. */
  readonly reorder?: boolean;
  /** Percentage of events never sent (recorded as dropped). */
  readonly drop_percent?: number;
}

const delay = () => optionalInteger({ min: 0, max: MAX_FAULT_DELAY_MS });

/** Faults as set: zeros and `reorder: false` are no fault; a full name wins over its short one. */
function faultsOf(given: {
  duplicate_percent?: number;
  duplicate?: number;
  delay_ms?: number;
  delay?: number;
  reorder?: boolean;
  drop_percent?: number;
  drop?: number;
}): Faults {
  const faults: Faults = {
    duplicate_percent: given.duplicate_percent ?? given.duplicate,
    delay_ms: given.delay_ms ?? given.delay,
    reorder: given.reorder === true ? true : undefined,
    drop_percent: given.drop_percent ?? given.drop,
  };
  return Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined && v !== 0));
}

/** `POST /faults`: one subscription's (with `object`), or each of the app's. `duplicate`, `delay`, `drop` are short names. */
export const FaultsChange = object({
  app_id: text(64),
  object: optionalOneOf(WEBHOOK_OBJECTS),
  duplicate_percent: optionalPercent(),
  duplicate: optionalPercent(),
  delay_ms: delay(),
  delay: delay(),
  reorder: optionalFlag(),
  drop_percent: optionalPercent(),
  drop: optionalPercent(),
}).transform(({ app_id, object, ...given }) => ({ app_id, object, faults: faultsOf(given) }));

/** `DELETE /faults`: all of them, an app's, or one subscription's. */
export const FaultsQuery = object({ app_id: optionalText(64), object: optionalOneOf(WEBHOOK_OBJECTS) });

const FaultsView = z.object({
  duplicate_percent: z.number().optional(),
  delay_ms: z.number().optional(),
  reorder: z.boolean().optional(),
  drop_percent: z.number().optional(),
});

export const SubscriptionFaults = FaultsView.extend({ app_id: z.string(), object: z.enum(WEBHOOK_OBJECTS) });
export const FaultsList = z.object({ data: z.array(SubscriptionFaults) });

export const Subscriptions = z.object({
  /** Where each app is installed (`subscribed_apps`): its fields, and whether failures disabled it. */
  installs: z.array(
    z.object({
      app_id: z.string(),
      account_id: z.string(),
      via: z.string(),
      fields: z.array(z.string()),
      failing_since: z.number().nullable(),
      disabled_at: z.number().nullable(),
    }),
  ),
  data: z.array(
    z.object({
      app_id: z.string(),
      object: z.enum(WEBHOOK_OBJECTS),
      callback_url: z.string(),
      fields: z.array(z.string()),
      faults: FaultsView,
    }),
  ),
});

export const Attempt = z.object({
  id: z.string(),
  attempted_at: z.number(),
  callback_url: z.string(),
  status_code: z.number().nullable(),
  error: z.string().nullable(),
  latency_ms: z.number(),
  response_snippet: z.string().nullable(),
  fault: z.string().nullable(),
});

/** One event for one app, with every POST that carried it. */
export const Delivery = z.object({
  id: z.string(),
  app_id: z.string(),
  object: z.enum(WEBHOOK_OBJECTS),
  account_id: z.string(),
  field: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  event_time: z.number(),
  created_at: z.number(),
  next_attempt_at: z.number().nullable().optional(),
  held_back: z.boolean().optional(),
  delivered_at: z.number().nullable(),
  last_error: z.string().nullable(),
  entry: z.looseObject({ id: z.string(), time: z.number() }),
  attempts: z.array(Attempt),
});

export const Deliveries = z.object({
  data: z.array(Delivery),
  paging: z.object({ before: z.string() }).optional(),
});

/** `GET /webhooks/attempts/{id}/request`: a POST as sent, kept while a console watches. */
export const SentRequest = z.object({
  callback_url: z.string(),
  headers: z.record(z.string(), z.string()),
  /** Exactly the bytes sent (UTF-8 JSON): what X-Hub-Signature-256 signs. */
  body: z.string(),
});
