/**
 * The tables behind logging in (Facebook Login and Instagram Login): who has a role on which app and account,
 * what each login granted (a new grant each time after one is withdrawn), and the one-time codes a consent hands back.
 */
import type { ColumnType, Selectable } from 'kysely';

/** An app role (administrator, developer, tester) or an account role (admin, …) a person has. */
export interface RolesTable {
  person_id: string;
  /** An app id or a business account id. */
  target_id: string;
  role: string;
  created_at: number;
}

/** Which login a grant came from: Facebook Login (Pages) or Instagram Login (one Instagram account). */
export type LoginFamily = 'facebook' | 'instagram';

/** What a person allowed an app: its scopes and the accounts it may act for (granular scopes). */
export interface GrantsTable {
  id: string;
  app_id: string;
  family: LoginFamily;
  /** Who logged in. */
  person_id: string;
  /** Facebook Login: the person's app-scoped user id. Instagram Login: the Instagram account logged in as. */
  subject_id: string;
  /** JSON array of permission names. */
  scopes: string;
  /** JSON array of the account ids granted. */
  target_ids: string;
  created_at: number;
  updated_at: number;
  /** When the person removed the app or declined a permission it needs; null while it stands. */
  revoked_at: number | null;
}

/** A one-time authorization code, redeemable within an hour for the redirect URI it was issued to. */
export interface OauthCodesTable {
  code: string;
  grant_id: string;
  redirect_uri: string;
  created_at: number;
  used_at: number | null;
}

/** A login a test approved (or declined) ahead: the next consent for the app answers it without a page. */
export interface LoginApprovalsTable {
  seq: ColumnType<number, number | undefined, never>;
  app_id: string;
  family: LoginFamily;
  person_id: string;
  /** 'approve' or 'deny'. */
  decision: string;
  /** JSON array of scopes granted, or null for every scope requested. */
  scopes: string | null;
  /** JSON array of account ids granted, or null for every account the person may grant. */
  target_ids: string | null;
  created_at: number;
}

export type RoleRow = Selectable<RolesTable>;
export type GrantRow = Selectable<GrantsTable>;
export type OauthCodeRow = Selectable<OauthCodesTable>;
export type LoginApprovalRow = Selectable<LoginApprovalsTable>;
