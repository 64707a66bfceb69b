/**
 * The table behind the Messenger Profile API: what a Page or an Instagram account shows a person before and
 * around a conversation (Get Started, greeting, ice breakers, persistent menu, …), one row per property.
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
