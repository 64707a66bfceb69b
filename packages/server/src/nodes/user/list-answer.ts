/** The short lists a user token reads (its Pages, its permissions), answered whole as Graph pages them. */
import { GraphError } from '@parley/protocol';
import { metaBase64 } from '../../graph/ids.ts';

/** The top-level names of a `fields` parameter (`id,name,instagram_business_account{id}`), or the defaults. */
export function requestedFields(fields: unknown, defaults: readonly string[]): readonly string[] {
  if (fields === undefined || fields === '') return defaults;
  if (typeof fields !== 'string') {
    throw new GraphError('invalidParameter', { detail: 'Param fields must be a string' });
  }
  return fields
    .replace(/\{[^}]*\}/g, '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
}

export function listAnswer(items: readonly Record<string, unknown>[], fields: readonly string[]) {
  const data = items.map((item) =>
    Object.fromEntries(fields.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])),
  );
  const first = items[0]?.id;
  const last = items.at(-1)?.id;
  return {
    data,
    ...(first !== undefined && {
      paging: { cursors: { before: metaBase64(String(first)), after: metaBase64(String(last)) } },
    }),
  };
}
