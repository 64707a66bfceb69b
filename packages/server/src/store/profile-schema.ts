/**
 * The tables behind the Messenger Profile API: what a Page or an Instagram account shows a person before and
 * around a conversation (Get Started, greeting, ice breakers, persistent menu, …), one row per property; and
 * the welcome message flows an app offers its click-to-message ads.
 */
import type { Selectable } from 'kysely';

export interface MessengerProfilePropertiesTable {
  /** The Page or Instagram account the profile belongs to. */
  account_id: string;
  /** The property's Graph name (`get_started`, `persistent_menu`, …). */
  property: string;
  /** Its value as the API answers it, JSON text. */
  value: string;
  updated_at: number;
}

export type MessengerProfilePropertyRow = Selectable<MessengerProfilePropertiesTable>;

/** A welcome message flow: the messages an app's click-to-message ad opens a conversation with. */
export interface WelcomeMessageFlowsTable {
  id: string;
  /** The Page or Instagram account (Instagram Login) it was made on. */
  account_id: string;
  /** The app that made it: each app lists its own. */
  app_id: string;
  name: string;
  /** JSON array: `messenger`, `instagram`. */
  eligible_platforms: string;
  /** JSON array of `{message}` objects, as given. */
  flow: string;
  created_at: number;
  updated_at: number;
}

export type WelcomeMessageFlowRow = Selectable<WelcomeMessageFlowsTable>;
