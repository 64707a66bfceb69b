/**
 * A person withdrawing what they allowed: one permission (`DELETE /me/permissions/{name}`), or the whole
 * app (`DELETE /me/permissions`, or removing the app in their settings, which the sandbox acts out). Removing
 * the app ends every token of the grant at once, in every process, and Meta then POSTs a `signed_request` to
 * the app's deauthorize callback (and, when the person asks, to its data deletion URL).
 */
import type { Logger } from '../core/logger.ts';
import type { CallbackClient } from '../webhooks/callback-client.ts';
import type { AppRow, GrantRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { grantScopes } from './grants.ts';
import { signedRequest } from './signed-request.ts';

const CALLBACK_TIMEOUT_MS = 10_000;

/** What an app's callbacks answered (the sandbox shows it). */
export interface CallbackResult {
  readonly url: string;
  readonly status?: number;
  readonly error?: string;
  readonly body: string;
}

export class Revocations {
  constructor(
    private readonly store: Store,
    private readonly callbacks: CallbackClient,
    private readonly logger: Logger,
    /** Tokens resolved in memory are let go, here and in other processes. */
    private readonly tokensChanged: () => Promise<void>,
  ) {}

  /** Declines one permission of a standing grant; its tokens lose it at once. */
  async declinePermission(grant: GrantRow, permission: string, now: number): Promise<void> {
    const scopes = grantScopes(grant).filter((s) => s !== permission);
    await this.store.transaction(async (tx) => {
      await tx.grants.update(grant.id, { scopes: JSON.stringify(scopes), updated_at: now });
      for (const token of await tx.tokens.listOfGrant(grant.id)) {
        const kept = (JSON.parse(token.scopes) as string[]).filter((s) => s !== permission);
        await tx.tokens.setScopes(token.token, JSON.stringify(kept));
      }
    });
    await this.tokensChanged();
  }

  /**
   * Removes the app for the person: the grant ends at once; the app's callbacks hear of it afterwards (what
   * they answered is the promise `callbacks`, which never rejects).
   */
  async removeApp(
    app: AppRow,
    grant: GrantRow,
    now: number,
    options: { deleteData?: boolean } = {},
  ): Promise<{ callbacks: Promise<CallbackResult[]> }> {
    await this.store.grants.update(grant.id, { revoked_at: now, updated_at: now });
    await this.tokensChanged();
    return { callbacks: this.announce(app, grant, now, options.deleteData ?? false) };
  }

  private async announce(
    app: AppRow,
    grant: GrantRow,
    now: number,
    deleteData: boolean,
  ): Promise<CallbackResult[]> {
    const payload = { issued_at: Math.floor(now / 1000), user_id: grant.subject_id };
    const urls = [app.deauthorize_callback_url, deleteData ? app.data_deletion_url : null];
    const results: CallbackResult[] = [];
    for (const url of urls) {
      if (!url) continue;
      const form = new URLSearchParams({ signed_request: signedRequest(payload, app.secret) });
      const outcome = await this.callbacks.postForm(url, form, CALLBACK_TIMEOUT_MS);
      if (outcome.error) this.logger.warn({ url, error: outcome.error }, 'login callback failed');
      results.push({ url, status: outcome.status, error: outcome.error, body: outcome.snippet });
    }
    return results;
  }
}
