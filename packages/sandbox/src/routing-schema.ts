/**
 * Conversation routing as the app dashboard sets it (an account's primary and secondary receivers), a thread's
 * control as the console shows it, and what the business's inbox does with a thread (pass, take, ask for it).
 */
import { z } from 'zod';
import { object, oneOf, optionalId, optionalStringList, optionalText } from './fields.ts';

/**
 * `POST /accounts/{id}/conversation-routing`: the roles, all of them (absent ones are taken away). A primary
 * receiver (an app, or the account's inbox) turns routing on; none turns it off.
 */
export const RoutingChange = object({
  primary_receiver: optionalId(),
  secondary_receivers: optionalStringList(),
});

/** An app, or Meta's inbox app of the account. */
export const Receiver = z.object({ id: z.string(), name: z.string() });

export const Routing = z.object({
  account_id: z.string(),
  /** Null: routing is off, every subscribed app hears everything and may send. */
  primary_receiver: Receiver.nullable(),
  /** The inbox among them unless it is the primary receiver. */
  secondary_receivers: z.array(Receiver),
  /** The account's inbox app: the Page Inbox (263902037430900) or the Instagram Inbox (1217981644879628). */
  inbox: Receiver,
});

export const CONTROL_ACTIONS = ['pass', 'take', 'request', 'release'] as const;

/** `GET /conversations/{id}/thread-control` */
export const ThreadControlView = z.object({
  conversation_id: z.string(),
  routed: z.boolean(),
  /** The app (or inbox) in control; null when routing is off. */
  owner: Receiver.nullable(),
  primary_receiver: Receiver.nullable(),
  /** When control returns to the primary receiver (epoch milliseconds), if another app holds the thread. */
  expires_at: z.number().nullable(),
  inbox: Receiver,
  /** What the inbox may do now (`POST /conversations/{id}/thread-control`). */
  inbox_may: z.array(z.enum(CONTROL_ACTIONS)),
});

/**
 * `POST /conversations/{id}/thread-control`: the business's inbox acts, as an app's thread control call does:
 * `pass` (to `target_app_id`, by default the primary receiver: "Move to done"), `take` (when the inbox is the
 * primary receiver), `request` (asks the primary receiver), `release`.
 */
export const InboxControl = object({
  action: oneOf(CONTROL_ACTIONS),
  target_app_id: optionalId(),
  metadata: optionalText(1000),
});
