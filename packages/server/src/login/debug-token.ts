/**
 * `GET /debug_token?input_token=…`: what Meta's Access Token Debugger shows of a token (spec §11.3). An invalid,
 * expired or revoked token is described, not refused: `is_valid: false` with the error it would answer.
 */
import { GraphError } from '@parley/protocol';
import type { ResolvedToken } from '../auth/authenticate.ts';
import type { Store } from '../store/store.ts';
import { formatMetaExpiry } from '../auth/expiry-format.ts';
import { grantTargets } from './grants.ts';
import { DATA_ACCESS_MS } from './lifetimes.ts';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Permissions that act on particular accounts, and the account type their `target_ids` name. */
function targetType(scope: string): 'page' | 'instagram' | undefined {
  if (scope.startsWith('pages_') || scope === 'business_management') return 'page';
  if (scope.startsWith('instagram_')) return 'instagram';
  return undefined;
}

function errorOf(error: GraphError) {
  return {
    code: error.spec.code,
    message: error.message,
    ...(error.spec.subcode !== undefined && { subcode: error.spec.subcode }),
  };
}

export async function debugToken(
  store: Store,
  input: string,
  resolved: ResolvedToken | undefined,
  now: number,
): Promise<Record<string, unknown>> {
  if (!resolved) {
    return {
      data: { error: { code: 190, message: 'Invalid OAuth access token.' }, is_valid: false, scopes: [] },
    };
  }
  const { auth, expiresAt } = resolved;
  const row = auth.kind === 'app' ? undefined : await store.tokens.get(input);
  const grant = row?.grant_id ? await store.grants.get(row.grant_id) : undefined;
  const scopes = [...auth.scopes];
  let error: GraphError | undefined;
  if (expiresAt !== null && expiresAt <= now) {
    error = new GraphError('expiredAccessToken', {
      expiredAt: formatMetaExpiry(expiresAt),
      now: formatMetaExpiry(now),
    });
  } else if (resolved.revoked) {
    error = new GraphError('revokedAccessToken', { appId: auth.app.id });
  }
  // What the grant named, and the Instagram accounts linked to its Pages (granted with them).
  const named = grant ? grantTargets(grant) : auth.account ? [auth.account.id] : [];
  const granted = [...new Set([...named, ...auth.accounts.map((a) => a.id)])];
  const accountsById = new Map(auth.accounts.map((a) => [a.id, a]));
  const granular = scopes.flatMap((scope) => {
    const type = targetType(scope);
    if (!type) return [];
    const ids = granted.filter((id) => (accountsById.get(id)?.type ?? type) === type);
    return [{ scope, ...(ids.length > 0 && { target_ids: ids }) }];
  });
  const type = { app: 'APP', user: 'USER', page: 'PAGE', instagram: 'USER' }[auth.kind];
  return {
    data: {
      app_id: auth.app.id,
      type,
      application: auth.app.name,
      ...(auth.kind !== 'app' && {
        data_access_expires_at: seconds((grant?.updated_at ?? row?.created_at ?? now) + DATA_ACCESS_MS),
      }),
      ...(error && { error: errorOf(error) }),
      expires_at: expiresAt === null ? 0 : seconds(expiresAt),
      is_valid: error === undefined,
      ...(row && { issued_at: seconds(row.created_at) }),
      ...(auth.kind === 'page' && auth.account && { profile_id: auth.account.id }),
      scopes,
      ...(auth.kind !== 'app' && { granular_scopes: granular }),
      ...(auth.kind !== 'app' && {
        user_id: auth.user?.id ?? grant?.subject_id ?? auth.account?.app_scoped_id ?? auth.account?.id,
      }),
    },
  };
}
