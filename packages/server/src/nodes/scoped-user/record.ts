/** A person as one business account sees them: by IGSID or PSID. */
import type { AccountRow, PersonRow, Platform } from '../../store/schema.ts';

export interface ScopedUserRecord {
  readonly scopedId: string;
  readonly account: AccountRow;
  readonly person: PersonRow;
  readonly platform: Platform;
  readonly followsBusiness: boolean;
}
