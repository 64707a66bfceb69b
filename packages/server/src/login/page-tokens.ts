/**
 * The Page tokens `GET /me/accounts` hands a Facebook user token: one per Page the person granted, lasting as
 * long as the user token (forever when it is long-lived, spec §11.2). A Page's token is made once and
 * handed out again while it lasts.
 */
import { newId } from '../graph/ids.ts';
import type { LoginUser } from '../core/context.ts';
import type { AccountRow, TokenRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { grantScopes } from './grants.ts';
import { pageTokenScopes } from './permissions.ts';

export async function pageTokensFor(
  store: Store,
  user: LoginUser,
  pages: readonly AccountRow[],
  now: number,
): Promise<Map<string, string>> {
  const expiresAt = user.lifetime === 'long' ? null : user.expiresAt;
  const existing = (await store.tokens.listOfGrant(user.grant.id)).filter(
    (t) => t.kind === 'page' && t.expires_at === expiresAt && (expiresAt === null || expiresAt > now),
  );
  const tokens = new Map<string, string>();
  for (const page of pages) {
    const found = existing.find((t) => t.account_id === page.id);
    if (found) {
      tokens.set(page.id, found.token);
      continue;
    }
    const token: TokenRow = {
      token: newId.pageToken(),
      app_id: user.grant.app_id,
      account_id: page.id,
      kind: 'page',
      scopes: JSON.stringify(pageTokenScopes(grantScopes(user.grant))),
      expires_at: expiresAt,
      created_at: now,
      grant_id: user.grant.id,
      lifetime: null,
    };
    await store.tokens.insert(token);
    tokens.set(page.id, token.token);
  }
  return tokens;
}
