/** Pages' personas: the names and pictures a Page's messages may be sent under. */
import type { Page, PageRequest } from '../../graph/paging.ts';
import { timeOrderedPage, type DbContext } from '../db-context.ts';
import type { PersonaRow } from '../schema.ts';

export class PersonasRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(persona: Omit<PersonaRow, 'seq'>) {
    await this.ctx.db.insertInto('personas').values(persona).execute();
  }

  get(id: string): Promise<PersonaRow | undefined> {
    return this.ctx.first('getPersona', { id }, (a) =>
      this.ctx.db.selectFrom('personas').selectAll().where('id', '=', a.id),
    );
  }

  /** A Page's personas, newest first, a keyset page at a time. */
  async list(accountId: string, page: PageRequest): Promise<Page<PersonaRow>> {
    return timeOrderedPage(
      this.ctx.db.selectFrom('personas').selectAll().where('account_id', '=', accountId),
      page,
    );
  }

  /** Answers whether the persona was there. */
  async delete(id: string): Promise<boolean> {
    const result = await this.ctx.db.deleteFrom('personas').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
