/**
 * The tables behind conversation routing and personas: the role each app has on a Page or an Instagram account,
 * which app controls each thread (when not the primary receiver), and a Page's personas.
 */
import type { AppRole } from '@parley/protocol';
import type { Generated, Selectable } from 'kysely';

/** An app's role on an account: its primary receiver (one at most) or a secondary receiver. */
export interface AppRolesTable {
  account_id: string;
  /** An app's id, or Meta's inbox app's (`PAGE_INBOX_APP_ID`, `INSTAGRAM_INBOX_APP_ID`). */
  app_id: string;
  role: AppRole;
  created_at: number;
}

export type AppRoleRow = Selectable<AppRolesTable>;

/**
 * The app that controls a thread, when another than the account's primary receiver does: no row means the
 * primary receiver controls it. Control returns to the primary receiver at `expires_at`.
 */
export interface ThreadOwnersTable {
  /** The conversation's row number: what its webhooks are ordered by, and the outbox knows them by. */
  conversation_seq: number;
  account_id: string;
  app_id: string;
  since: number;
  expires_at: number | null;
}

export type ThreadOwnerRow = Selectable<ThreadOwnersTable>;

/** A Page's persona: the name and picture a message may be sent under. */
export interface PersonasTable {
  seq: Generated<number>;
  id: string;
  account_id: string;
  name: string;
  profile_picture_url: string;
  created_at: number;
}

export type PersonaRow = Selectable<PersonasTable>;
