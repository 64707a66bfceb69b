/** Routes a Graph call to its node or edge: `GET /{id}`, `GET /{id}/{edge}`. */
import { GraphError } from '@parley/protocol';
import { parseFields } from '../graph/fields-parser.ts';
import { project, readEdge, validateSelection } from '../graph/projection.ts';
import type { PagingLinks } from '../graph/paging.ts';
import { unsupported } from '../core/access.ts';
import type { GraphContext } from '../core/context.ts';
import { actionOf, mayActOnItself, resolveNode } from './registry.ts';

export type GraphMethod = 'GET' | 'POST' | 'DELETE';

export interface GraphCall {
  readonly method: GraphMethod;
  readonly segments: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  /** This request's own URL with other paging parameters, for a path edge's `paging` links. */
  readonly selfUrl: PagingLinks;
}

function readSelection(fields: unknown) {
  if (fields !== undefined && typeof fields !== 'string') {
    throw new GraphError('invalidParameter', { detail: 'Param fields must be a string' });
  }
  return parseFields(fields);
}

export async function dispatch(call: GraphCall, ctx: GraphContext): Promise<unknown> {
  const { method, segments } = call;
  const verb = method.toLowerCase();
  const [id, edgeName, item] = segments;
  // `/{user-id}/permissions/{permission}` names one permission of the edge.
  const params = item === undefined ? call.params : { ...call.params, permission: item };
  if (id === undefined) throw unsupported(verb, '');
  // A POST or DELETE on an object that takes none answers alike whether it exists or not, as Graph does.
  if (edgeName === undefined && method !== 'GET' && !mayActOnItself(id)) throw unsupported(verb, id);
  // On a read `fields` selects what to show; a POST may use it for its own parameter (webhook fields).
  const selection = method === 'GET' ? readSelection(params.fields) : undefined;
  const resolved = await resolveNode(id, ctx);
  if (!resolved) throw unsupported(verb, id);
  const { node, record } = resolved;

  const limited = method === 'GET' ? node.readLimit?.(record, edgeName, params) : undefined;
  if (limited) ctx.throttle('conversations', limited.accountId, limited.platform);

  if (edgeName === undefined && method === 'GET') {
    if (selection) validateSelection(node, selection, ctx);
    return project(node, record, selection, ctx);
  }

  // A POST or DELETE on the node itself is an action under the empty edge name (hiding a comment); a node
  // without one answers as Graph does for an object that does not take the verb.
  const action = actionOf(node, edgeName ?? '', ctx);
  const run = action && { GET: action.get, POST: action.post, DELETE: action.delete }[method];
  if (run) return run.call(action, record, ctx, params);
  if (method !== 'GET' || edgeName === undefined) throw unsupported(verb, id);

  const def = Object.hasOwn(node.fields, edgeName) ? node.fields[edgeName] : undefined;
  if (!def || (def.available && !def.available(ctx))) {
    throw new GraphError('nonexistingField', { field: edgeName, node: node.name });
  }
  if (def.kind !== 'edge') throw new GraphError('unknownPathComponents', { path: `/${edgeName}` });
  return readEdge(def, record, ctx, params, selection, call.selfUrl);
}
