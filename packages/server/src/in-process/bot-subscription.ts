/**
 * Wires an app to a bot's webhook endpoint as a developer does in Meta's dashboard and API: subscribes it to
 * each object its accounts need (`POST /{app-id}/subscriptions`, Meta's verification handshake included),
 * then installs it on each account it holds a token for (`POST /{account-id}/subscribed_apps`). It goes
 * through Parley's own Graph API, so every rule and error is Meta's.
 */
import { WEBHOOK_FIELDS, WEBHOOK_OBJECTS, type WebhookObject } from '@parley/protocol';

export interface BotSubscription {
  /** The callback URL. */
  readonly url: string;
  /**
   * Fields for both objects; those an object does not have are left out for it (default
   * `DEFAULT_WEBHOOK_FIELDS`).
   */
  readonly fields?: readonly string[];
  /** What the callback expects as `hub.verify_token` (default `parley-verify-token`). */
  readonly verifyToken?: string;
}

export interface WiredApp {
  readonly id: string;
  readonly token: string;
  readonly accounts: readonly {
    readonly id: string;
    readonly type: 'instagram' | 'page';
    readonly token: string;
  }[];
}

export const DEFAULT_VERIFY_TOKEN = 'parley-verify-token';

/**
 * Every messaging field a bot usually wants, in both objects' spellings: what a subscription names unless
 * told. A bot that answers comments adds `comments` (Instagram) and `feed` (Pages) to them. The handover
 * protocol's (`standby`, `messaging_handovers`) are heard only on accounts with conversation routing.
 */
export const DEFAULT_WEBHOOK_FIELDS: readonly string[] = [
  'messages',
  'message_echoes',
  'messaging_postbacks',
  'message_reactions',
  'messaging_seen',
  'message_reads',
  'messaging_referral',
  'messaging_referrals',
  'messaging_optins',
  'standby',
  'messaging_handovers',
  'messaging_handover',
];

/** Answers the subscriptions made, by object, with their fields; fails with Meta's error when one fails. */
export async function subscribeBot(
  parleyUrl: string,
  app: WiredApp,
  bot: BotSubscription,
): Promise<Record<string, string[]>> {
  const post = async (path: string, params: Record<string, string>) => {
    const response = await fetch(`${parleyUrl}/v23.0/${path}`, {
      method: 'POST',
      body: new URLSearchParams(params),
    });
    if (!response.ok) {
      const answer = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      throw new Error(answer.error?.message ?? `HTTP ${response.status}`);
    }
  };
  const made: Record<string, string[]> = {};
  const needed = new Set<WebhookObject>(app.accounts.map((a) => (a.type === 'page' ? 'page' : 'instagram')));
  for (const object of WEBHOOK_OBJECTS.filter((o) => needed.has(o))) {
    const accepted: readonly string[] = WEBHOOK_FIELDS[object];
    const fields = (bot.fields ?? DEFAULT_WEBHOOK_FIELDS).filter((f) => accepted.includes(f));
    await post(`${app.id}/subscriptions`, {
      object,
      callback_url: bot.url,
      verify_token: bot.verifyToken ?? DEFAULT_VERIFY_TOKEN,
      fields: fields.join(','),
      access_token: app.token,
    });
    for (const account of app.accounts.filter((a) => (a.type === 'page' ? 'page' : 'instagram') === object)) {
      await post(`${account.id}/subscribed_apps`, {
        subscribed_fields: fields.join(','),
        access_token: account.token,
      });
    }
    made[object] = fields;
  }
  return made;
}
