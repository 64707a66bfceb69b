/**
 * What a consent records: the grant (its scopes and the accounts chosen, Meta's granular scopes) and the
 * one-time code the redirect carries back. Logging in again updates the standing grant; after the person
 * withdrew it, a new one starts (tokens of the old one stay refused).
 */
import { newId } from '../graph/ids.ts';
import type { AppRow, GrantRow, LoginFamily, PersonRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';

export interface Consent {
  readonly app: AppRow;
  readonly family: LoginFamily;
  readonly person: PersonRow;
  readonly scopes: readonly string[];
  /** The accounts granted: Pages (Facebook Login) or the one Instagram account logged in as. */
  readonly targetIds: readonly string[];
  readonly redirectUri: string;
}

/** The id an app knows a person by on Facebook: the same for every grant the app holds from them. */
async function appScopedUserId(store: Store, app: AppRow, person: PersonRow): Promise<string> {
  const earlier = (await store.grants.listOfPerson(person.id)).find(
    (g) => g.app_id === app.id && g.family === 'facebook',
  );
  return earlier?.subject_id ?? newId.appScopedUser();
}

/** Records a consent and answers the code its redirect carries. */
export async function consentTo(store: Store, consent: Consent, now: number): Promise<string> {
  const { app, family, person } = consent;
  return store.transaction(async (tx) => {
    const subject =
      family === 'facebook' ? await appScopedUserId(tx, app, person) : (consent.targetIds[0] ?? '');
    const standing = await tx.grants.findStanding(app.id, family, subject);
    const values = {
      person_id: person.id,
      scopes: JSON.stringify(consent.scopes),
      target_ids: JSON.stringify(consent.targetIds),
      updated_at: now,
    };
    let grantId: string;
    if (standing) {
      grantId = standing.id;
      await tx.grants.update(grantId, values);
    } else {
      grantId = newId.grant();
      await tx.grants.insert({
        id: grantId,
        app_id: app.id,
        family,
        subject_id: subject,
        created_at: now,
        revoked_at: null,
        ...values,
      });
    }
    const code = newId.authorizationCode();
    await tx.grants.insertCode({
      code,
      grant_id: grantId,
      redirect_uri: consent.redirectUri,
      created_at: now,
      used_at: null,
    });
    return code;
  });
}

export function grantScopes(grant: GrantRow): string[] {
  return JSON.parse(grant.scopes) as string[];
}

export function grantTargets(grant: GrantRow): string[] {
  return JSON.parse(grant.target_ids) as string[];
}
