/**
 * Meta's webhook vocabulary for messaging: the fields each object accepts, and each kind of event Parley
 * sends with the field it is delivered under (spec §10.3–10.5). One table: validation of subscriptions, the
 * outbox's routing, the payload builders and the docs all read it.
 */

/** The `object` of a webhook POST: Instagram accounts, or Facebook Pages. */
export type WebhookObject = 'instagram' | 'page';

/** How the app hears the account: through Instagram Login, or through the Page's token. */
export type WebhookPath = 'instagram' | 'page';

/**
 * Where an event sits in its `entry[]` item: Meta's `messaging` array for messaging events, `changes` for
 * the Graph object changes (comments, mentions, a Page's feed), and `standby` for the messaging events of a
 * thread another app controls (conversation routing, spec §10.4).
 */
export type WebhookChannel = 'messaging' | 'changes' | 'standby';

/**
 * An entry's `time`: epoch milliseconds for messaging events (on `messaging` or `standby`), seconds for
 * `changes` (spec §10.4), whose items are `{field, value}`.
 */
export function entryTime(channel: WebhookChannel, epochMs: number): number {
  return channel === 'changes' ? Math.floor(epochMs / 1000) : epochMs;
}

/** The fields each object accepts in a subscription, as Meta lists them. */
export const WEBHOOK_FIELDS = {
  instagram: [
    'comments',
    'live_comments',
    'mentions',
    'messages',
    'message_echoes',
    'message_edit',
    'message_reactions',
    'messaging_handover',
    'messaging_optins',
    'messaging_policy_enforcement',
    'messaging_postbacks',
    'messaging_referral',
    'messaging_seen',
    'response_feedback',
    'standby',
    'story_insights',
  ],
  page: [
    'feed',
    'mention',
    'messages',
    'message_deliveries',
    'message_echoes',
    'message_edits',
    'message_reactions',
    'message_reads',
    'messaging_account_linking',
    'messaging_customer_information',
    'messaging_feedback',
    'messaging_game_plays',
    'messaging_handovers',
    'messaging_optins',
    'messaging_policy_enforcement',
    'messaging_postbacks',
    'messaging_referrals',
    'response_feedback',
    'send_cart',
    'standby',
  ],
} as const satisfies Record<WebhookObject, readonly string[]>;

/** The objects an app subscribes to, in the order Meta's errors list them. */
export const WEBHOOK_OBJECTS = Object.keys(WEBHOOK_FIELDS) as WebhookObject[];

/** Other spellings in use (Meta's own pages disagree), each mapped to the one a field is matched by. */
export const WEBHOOK_FIELD_ALIASES: Readonly<Record<string, string>> = {
  messaging_reactions: 'message_reactions',
  messaging_referral: 'messaging_referrals',
  message_edit: 'message_edits',
};

interface EventKindSpec {
  /** What the event is, as the docs list it. */
  readonly summary: string;
  /** The field it is delivered under. */
  readonly field: string;
  /** The field on Instagram accounts, where it differs. */
  readonly instagramField?: string;
  /** The field on Instagram Login (graph.instagram.com), where it differs from the Page-token path's. */
  readonly instagramLoginField?: string;
  /** Where it sits in its entry, when not in `messaging`. */
  readonly channel?: 'changes';
  /**
   * Conversation routing does not route it: it goes on `messaging` to every app subscribed to its field,
   * whoever controls the thread (the handover protocol's own events).
   */
  readonly unrouted?: true;
}

/** Every kind of event Parley sends, and the field it goes under. */
export const WEBHOOK_EVENT_KINDS = {
  message: { summary: 'A person sent a message', field: 'messages' },
  deleted: { summary: 'A person unsent a message', field: 'messages' },
  echo: {
    summary: 'The business sent a message (an echo)',
    field: 'message_echoes',
    instagramLoginField: 'messages',
  },
  echo_deleted: {
    summary: "The business's message was unsent",
    field: 'message_echoes',
    instagramLoginField: 'messages',
  },
  reaction: { summary: 'A person reacted to a message, or removed a reaction', field: 'message_reactions' },
  read: {
    summary: 'A person read the conversation',
    field: 'message_reads',
    instagramField: 'messaging_seen',
  },
  postback: {
    summary: 'A person tapped a button that posts back (a template button)',
    field: 'messaging_postbacks',
  },
  referral: { summary: 'A person followed a referral link or ad', field: 'messaging_referrals' },
  optin: {
    summary: 'A person opted in (a plugin, or marketing messages), or stopped or resumed marketing messages',
    field: 'messaging_optins',
  },
  edit: { summary: 'A person edited a message', field: 'message_edits' },
  delivery: { summary: 'Messages were delivered', field: 'message_deliveries' },
  pass_thread_control: {
    summary: 'An app passed control of a thread to another (the handover protocol)',
    field: 'messaging_handovers',
    instagramField: 'messaging_handover',
    unrouted: true,
  },
  take_thread_control: {
    summary: 'The primary receiver took control of a thread',
    field: 'messaging_handovers',
    instagramField: 'messaging_handover',
    unrouted: true,
  },
  request_thread_control: {
    summary: 'An app asked the primary receiver for control of a thread',
    field: 'messaging_handovers',
    instagramField: 'messaging_handover',
    unrouted: true,
  },
  app_roles: {
    summary: "An app's role on the account changed (conversation routing)",
    field: 'messaging_handovers',
    instagramField: 'messaging_handover',
    unrouted: true,
  },
  comment: {
    summary: 'Someone commented on a post, or replied to a comment',
    field: 'feed',
    instagramField: 'comments',
    channel: 'changes',
  },
  live_comment: {
    summary: 'Someone commented on a live broadcast',
    field: 'live_comments',
    channel: 'changes',
  },
  mention: {
    summary: 'A caption or a comment mentioned the account',
    field: 'mention',
    instagramField: 'mentions',
    channel: 'changes',
  },
  visitor_post: {
    summary: "A person posted on a Page's timeline",
    field: 'feed',
    channel: 'changes',
  },
} as const satisfies Record<string, EventKindSpec>;

export type WebhookEventKind = keyof typeof WEBHOOK_EVENT_KINDS;

/** The field an event is delivered under, for the object and the path the app hears the account through. */
export function webhookFieldOf(kind: WebhookEventKind, object: WebhookObject, via: WebhookPath): string {
  const spec: EventKindSpec = WEBHOOK_EVENT_KINDS[kind];
  if (object === 'instagram' && via === 'instagram' && spec.instagramLoginField)
    return spec.instagramLoginField;
  if (object === 'instagram' && spec.instagramField) return spec.instagramField;
  return spec.field;
}

/** Where an event of this kind sits in its `entry[]` item, for the app that controls its thread. */
export function channelOf(kind: WebhookEventKind): WebhookChannel {
  const spec: EventKindSpec = WEBHOOK_EVENT_KINDS[kind];
  return spec.channel ?? 'messaging';
}

/** Whether conversation routing decides who hears it: messaging events of a thread, not handover events. */
export function isRouted(kind: WebhookEventKind): boolean {
  const spec: EventKindSpec = WEBHOOK_EVENT_KINDS[kind];
  return spec.channel === undefined && spec.unrouted === undefined;
}

/** The field an app subscribes to for the messaging events of threads other apps control. */
export const STANDBY_FIELD = 'standby';
