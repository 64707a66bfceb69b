/** Why an event reached no bot, read from the sandbox's subscriptions and installs. */
import type { z } from 'zod';
import type { Subscriptions } from '@parley/sandbox';

type SubscriptionsView = z.output<typeof Subscriptions>;

/** Why an event of this account reached no bot, from the subscriptions and installs. */
export function whyUnheard(
  subscriptions: SubscriptionsView | undefined,
  object: 'instagram' | 'page',
  accountId: string,
  field: string,
): string {
  const subscribed = subscriptions?.data.filter((s) => s.object === object) ?? [];
  if (subscribed.length === 0) return `No app subscribes to ${object} webhooks.`;
  const installs = subscriptions!.installs.filter(
    (i) => i.account_id === accountId && subscribed.some((s) => s.app_id === i.app_id),
  );
  if (installs.length === 0) return 'The subscribed app is not installed on this account (subscribed_apps).';
  if (installs.every((i) => i.disabled_at !== null))
    return 'The app was disabled on this account after an hour of failures.';
  if (!subscribed.some((s) => s.fields.includes(field)))
    return `The app does not subscribe to the ${field} field.`;
  return 'No delivery found among the latest 50.';
}
