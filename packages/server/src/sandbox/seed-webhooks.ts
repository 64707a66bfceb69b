/**
 * A seed's webhook declarations: each an app's subscription to an object, made as
 * `POST /{app-id}/subscriptions` makes it (a new callback URL passes the verification handshake first), and
 * the accounts the app is installed on (`subscribed_apps`) for the same fields.
 */
import type { Store } from '../store/store.ts';
import { withFields } from '../webhooks/fields.ts';
import type { SeedDocument, SeedWebhook } from './seed-document.ts';
import { invalidSeed } from './seed-document.ts';
import { notFound, type World } from './world.ts';

/** Checks a callback URL answers Meta's handshake (`Webhooks.verifyCallback`); throws when it does not. */
export type VerifyCallback = (callbackUrl: string, verifyToken: string) => Promise<void>;

/**
 * Runs the handshake of each declared callback, before the seed's world is stored: it needs nothing of that
 * world, and a callback that fails it leaves nothing of the seed behind.
 */
export async function verifySeedCallbacks(doc: SeedDocument, verify: VerifyCallback | undefined) {
  if (!verify) return;
  const done = new Set<string>();
  for (const { callback_url, verify_token } of doc.webhooks) {
    const key = JSON.stringify([callback_url, verify_token]);
    if (done.has(key)) continue;
    await verify(callback_url, verify_token);
    done.add(key);
  }
}

/** Subscribes and installs, in the seed's world transaction; answers what was made, with ids. */
export async function applySeedWebhooks(
  webhooks: readonly SeedWebhook[],
  parts: { store: Store; world: World; now: number; ref: (name: string, what: string) => string },
) {
  const { store, world, now, ref } = parts;
  const made = [];
  for (const [i, webhook] of webhooks.entries()) {
    const appId = ref(webhook.app, 'app');
    if (!(await store.apps.get(appId))) throw notFound('app', appId);
    const existing = await store.subscriptions.get(appId, webhook.object);
    const kept = existing ? (JSON.parse(existing.fields) as string[]) : [];
    await store.subscriptions.put({
      app_id: appId,
      object: webhook.object,
      callback_url: webhook.callback_url,
      verify_token: webhook.verify_token,
      fields: JSON.stringify(withFields(kept, webhook.fields)),
      faults: existing?.faults ?? null,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    });
    const installedOn: string[] = [];
    for (const [j, name] of webhook.installed_on.entries()) {
      const account = await world.requireAccount(ref(name, 'account'));
      if (account.type !== webhook.object) {
        throw invalidSeed(
          `webhooks[${i}].installed_on[${j}]: ${account.id} is ${account.type === 'page' ? 'a Page' : 'an Instagram account'}, not an account of the ${webhook.object} object`,
        );
      }
      await store.subscriptions.install({
        account_id: account.id,
        app_id: appId,
        via: account.type,
        fields: JSON.stringify(withFields([], webhook.fields)),
        created_at: now,
        failing_since: null,
        disabled_at: null,
      });
      installedOn.push(account.id);
    }
    made.push({
      app_id: appId,
      object: webhook.object,
      callback_url: webhook.callback_url,
      fields: webhook.fields,
      installed_on: installedOn,
    });
  }
  return made;
}
