/** The Application node: `GET /{app-id}` with one of the app's tokens. */
import { value, type NodeType } from '../../graph/node-type.ts';
import type { AppRow } from '../../store/schema.ts';
import type { GraphContext } from '../../core/context.ts';

export const appNode: NodeType<AppRow, GraphContext> = {
  name: 'Application',
  defaultFields: ['name', 'id'],
  idOf: (a) => a.id,
  fields: {
    id: value((a) => a.id),
    name: value((a) => a.name),
    link: value((a) => `https://www.facebook.com/games/?app_id=${a.id}`),
  },
};
