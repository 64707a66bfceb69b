/** Stored media: CDN copies of what businesses sent, and reusable uploads. */
import type { DbContext } from '../db-context.ts';
import type { MediaAssetRow } from '../schema.ts';
export class MediaRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(asset: MediaAssetRow) {
    await this.ctx.db.insertInto('media_assets').values(asset).execute();
  }

  get(id: string) {
    return this.ctx.db.selectFrom('media_assets').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
