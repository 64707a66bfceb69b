/**
 * Logging in, played by the sandbox: the roles people have on apps and accounts, logins approved ahead (so a
 * test runs a login flow headless), a person removing an app, and each app's grants and tokens for the console.
 */
import { z } from 'zod';
import { object, oneOf, optionalFlag, optionalOneOf, optionalStringList, text } from './fields.ts';

/** Roles on an app (Meta's App Roles) and on a business account (Page or Instagram account tasks). */
export const APP_ROLES = ['administrator', 'developer', 'tester'] as const;
export const ACCOUNT_ROLES = ['admin', 'editor', 'moderator', 'advertiser', 'analyst'] as const;
export const ROLES = [...APP_ROLES, ...ACCOUNT_ROLES] as const;
export const LOGIN_FAMILIES = ['facebook', 'instagram'] as const;

/** `POST /roles` */
export const NewRole = object({ user_id: text(), target_id: text(), role: oneOf(ROLES) });
/** `DELETE /roles` */
export const RoleRemoval = object({ user_id: text(), target_id: text() });

export const Role = z.object({
  user_id: z.string(),
  target_id: z.string(),
  target_type: z.enum(['app', 'instagram', 'page']),
  role: z.string(),
});
export const Roles = z.object({ data: z.array(Role) });
export const RolesQuery = object({ user_id: text() });

/** `POST /login/approvals`: the next consent for the app (in that login) answers this without a page. */
export const NewLoginApproval = object({
  app_id: text(),
  user_id: text(),
  login: oneOf(LOGIN_FAMILIES),
  decision: optionalOneOf(['approve', 'deny'] as const),
  /** The scopes granted, of those requested; all of them when left out. */
  scopes: optionalStringList(),
  /** The accounts granted, of those the person may grant; all of them when left out. */
  account_ids: optionalStringList(),
});
export const LoginApprovalQueued = z.object({ queued: z.literal(true) });

/** `POST /users/{id}/remove-app`: the person removes the app in their settings. */
export const RemoveApp = object({ app_id: text(), delete_data: optionalFlag() });
export const AppRemoved = z.object({
  removed: z.number(),
  callbacks: z.array(
    z.object({
      url: z.string(),
      status: z.number().optional(),
      error: z.string().optional(),
      body: z.string(),
    }),
  ),
});

/** `GET /apps/{id}/tokens`: every token of the app, with its kind, scopes, expiry and state. */
export const AppToken = z.object({
  access_token: z.string(),
  kind: z.enum(['instagram_user', 'page', 'user']),
  account_id: z.string().nullable(),
  user_id: z.string().nullable(),
  login: z.enum(LOGIN_FAMILIES).nullable(),
  lifetime: z.enum(['short', 'long']).nullable(),
  scopes: z.array(z.string()),
  issued_at: z.number(),
  /** Epoch seconds, or null: the token never expires. */
  expires_at: z.number().nullable(),
  state: z.enum(['valid', 'expired', 'revoked']),
});
export const AppTokens = z.object({ data: z.array(AppToken) });
