/**
 * Renders records as Graph does: the requested fields (or the node's defaults), `id` always, nested
 * edges as `{data, paging}`, sub-selections on object fields, and 100 for fields that do not exist.
 */
import { GraphError, JsonText, type Paging } from '@parley/protocol';
import type { FieldRequest, FieldSelection } from './fields-parser.ts';
import type { EdgeField, FieldDef, NodeType, ProjectionContext, ValueField } from './node-type.ts';
import { buildPaging, PAGE_LIMITS, readPageRequest, type PageRequest, type PagingInput } from './paging.ts';

type Json = Record<string, unknown>;

function fieldOf<R, C>(node: NodeType<R, C>, name: string, ctx: C): FieldDef<R, C> {
  const def = Object.hasOwn(node.fields, name) ? node.fields[name] : undefined;
  if (!def || (def.available && !def.available(ctx))) {
    throw new GraphError('nonexistingField', { field: name, node: node.name });
  }
  return def;
}

/** Checks a whole selection before any work is done, as Graph refuses the request outright. */
export function validateSelection<R, C>(node: NodeType<R, C>, selection: FieldSelection, ctx: C): void {
  for (const field of selection) {
    const def = fieldOf(node, field.name, ctx);
    if (!field.selection) continue;
    if (def.kind === 'edge') {
      validateSelection(def.node, field.selection, ctx);
    } else if (def.node && typeof def.node !== 'function') {
      validateSelection(def.node, field.selection, ctx);
    } else if (def.object) {
      for (const sub of field.selection) {
        if (!def.object.fields.includes(sub.name)) {
          throw new GraphError('nonexistingField', { field: sub.name, node: def.object.name });
        }
      }
    }
  }
}

const asRequests = (names: readonly string[]): FieldSelection => names.map((name) => ({ name }));

/** The record columns a selection of a node's fields needs (validated fields only). */
export function columnsFor<R, C>(node: NodeType<R, C>, fields: FieldSelection): string[] {
  const columns = new Set<string>();
  for (const field of fields) {
    const def = Object.hasOwn(node.fields, field.name) ? node.fields[field.name] : undefined;
    for (const column of def?.needs ?? []) columns.add(column);
  }
  return [...columns];
}

/** Writes a selection back in Graph's syntax, for the `fields` of nested edges' paging URLs. */
export function formatFields(selection: FieldSelection): string {
  return selection
    .map((f) => {
      let text = f.name;
      if (f.alias) text += `.as(${f.alias})`;
      if (f.limit !== undefined) text += `.limit(${f.limit})`;
      if (f.summary) text += '.summary(true)';
      for (const [name, arg] of Object.entries(f.args ?? {})) text += `.${name}(${arg})`;
      if (f.selection) text += `{${formatFields(f.selection)}}`;
      return text;
    })
    .join(',');
}

/** Keeps the selected keys of an object value, and its `id`; `{data: [...]}` values apply it to each element. */
function pick(value: unknown, selection: FieldSelection): unknown {
  if (Array.isArray(value)) return value.map((v) => pick(v, selection));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Json;
  if (Array.isArray(obj.data)) return { ...obj, data: obj.data.map((v) => pick(v, selection)) };
  const out: Json = {};
  for (const field of selection) {
    const v = obj[field.name];
    if (v !== undefined) out[field.alias ?? field.name] = field.selection ? pick(v, field.selection) : v;
  }
  // Graph shows the id of every nested object, asked for or not.
  if (obj.id !== undefined && !('id' in out)) out.id = obj.id;
  return out;
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/** Sets a projected field, or leaves it out when empty (Graph omits empty fields). */
function settle(out: Json, field: FieldRequest, shaped: boolean, value: unknown): void {
  if (value === undefined || value === null) delete out[field.alias ?? field.name];
  else out[field.alias ?? field.name] = field.selection && !shaped ? pick(value, field.selection) : value;
}

/** A value holding records of another node type (`ValueField.node`), projected through that type. */
function linked<C extends ProjectionContext>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type: NonNullable<ValueField<any, C>['node']>,
  value: unknown,
  selection: FieldSelection | undefined,
  ctx: C,
): unknown {
  if (isPromise(value)) return value.then((v) => linked(type, v, selection, ctx));
  if (value === null || typeof value !== 'object') return value;
  const one = (record: unknown) =>
    project(typeof type === 'function' ? type(record) : type, record, selection, ctx);
  const data = (value as Json).data;
  if (!Array.isArray(data)) return one(value);
  const items = data.map(one);
  return items.some(isPromise) ? Promise.all(items).then((all) => ({ data: all })) : { data: items };
}

/**
 * One record as Graph renders it. Synchronous unless a requested field is asynchronous (an edge, a lookup):
 * lists project many records, and a promise per record costs more than most fields. (No closures are made
 * per field: the TypeScript runner names each one as it is created, which costs more than the field.)
 */
export function project<R, C extends ProjectionContext>(
  node: NodeType<R, C>,
  record: R,
  selection: FieldSelection | undefined,
  ctx: C,
): Json | Promise<Json> {
  const out: Json = {};
  let pending: Promise<unknown>[] | undefined;
  for (const field of selection ?? asRequests(node.defaultFields)) {
    const def = fieldOf(node, field.name, ctx);
    let v: unknown;
    let shaped = true;
    if (def.kind === 'edge') v = nestedEdge(def, record, node.idOf(record, ctx), field, ctx);
    else if (def.node && (field.selection || typeof def.node !== 'function'))
      v = linked(def.node, def.get(record, ctx, field), field.selection, ctx);
    else {
      v = def.get(record, ctx, field);
      shaped = false;
    }
    // Keys keep the requested order: a pending value holds its place until it settles.
    out[field.alias ?? field.name] = v;
    if (isPromise(v)) (pending ??= []).push(v.then((value) => settle(out, field, shaped, value)));
    else settle(out, field, shaped, v);
  }
  if (!('id' in out)) out.id = node.idOf(record, ctx);
  return pending ? Promise.all(pending).then(() => out) : out;
}

/**
 * The fields of a selection, when each is a verbatim value asked for by its own name, once: then the items
 * can be written as JSON text (`verbatimItems`) and come out as `project` would write them.
 */
function verbatimFields<R, C>(node: NodeType<R, C>, fields: FieldSelection, ctx: C) {
  const defs: ValueField<R, C>[] = [];
  for (const [i, field] of fields.entries()) {
    const def = fieldOf(node, field.name, ctx);
    if (def.kind !== 'value' || !def.verbatim || field.alias !== undefined || field.selection)
      return undefined;
    if (fields.findIndex((f) => f.name === field.name) !== i) return undefined;
    defs.push(def);
  }
  const id = node.fields.id;
  return id?.kind === 'value' && id.verbatim ? { defs, id } : undefined;
}

/** Items as `project` renders them (requested order, empty fields left out, `id` always), as JSON text. */
function verbatimItems<R, C>(
  items: readonly R[],
  fields: FieldSelection,
  { defs, id }: { defs: ValueField<R, C>[]; id: ValueField<R, C> },
  ctx: C,
): JsonText {
  let json = '[';
  for (let i = 0; i < items.length; i++) {
    const record = items[i]!;
    let item = '';
    let hasId = false;
    for (let f = 0; f < defs.length; f++) {
      const value = defs[f]!.get(record, ctx);
      if (value === undefined || value === null) continue;
      const name = fields[f]!.name;
      item += `${item ? ',' : ''}"${name}":"${value as string}"`;
      if (name === 'id') hasId = true;
    }
    if (!hasId) item += `${item ? ',' : ''}"id":"${id.get(record, ctx) as string}"`;
    json += `${i ? ',' : ''}{${item}}`;
  }
  return new JsonText(`${json}]`);
}

/** A list edge's answer; its items may be JSON text already (see `verbatimItems`). */
interface ListAnswer {
  data: Json[] | JsonText;
  paging?: Paging;
  summary?: { total_count: number };
}

async function listEdge<R, C extends ProjectionContext>(
  def: EdgeField<R, C>,
  parent: R,
  ctx: C,
  args: Readonly<Record<string, unknown>>,
  selection: FieldSelection | undefined,
  summary: boolean,
  pageOf: (scope: string) => PageRequest,
  link: (scope: string) => (params: { limit: number; after?: string; before?: string }) => string,
): Promise<ListAnswer> {
  const source = await def.open(parent, ctx, args);
  const request = pageOf(source.scope);
  const fields = selection ?? asRequests(source.defaultFields ?? def.node.defaultFields);
  const page = await source.list(request, fields);
  const verbatim = verbatimFields(def.node, fields, ctx);
  let data: Json[] | JsonText;
  if (verbatim) {
    data = verbatimItems(page.items, fields, verbatim, ctx);
  } else {
    const projected = page.items.map((item) => project(def.node, item, fields, ctx));
    data = projected.some(isPromise) ? await Promise.all(projected) : (projected as Json[]);
  }
  const paging = buildPaging(page, request, def.cursorKey, source.scope, ctx.codec, link(source.scope));
  return {
    data,
    ...(paging && { paging }),
    ...(summary && source.total && { summary: { total_count: await source.total() } }),
  };
}

function nestedEdge<R, C extends ProjectionContext>(
  def: EdgeField<R, C>,
  parent: R,
  parentId: string,
  field: FieldRequest,
  ctx: C,
) {
  const fields = field.selection ? formatFields(field.selection) : undefined;
  return listEdge(
    def,
    parent,
    ctx,
    field.args ?? {},
    field.selection,
    field.summary ?? false,
    () => ({ limit: Math.min(field.limit ?? PAGE_LIMITS.default, PAGE_LIMITS.max) }),
    () => (params) => ctx.edgeUrl(parentId, field.name, { fields, ...params }),
  );
}

/** `GET /{node}/{edge}`: the edge read as a path, with paging and fields from the request's own parameters. */
export function readEdge<R, C extends ProjectionContext>(
  def: EdgeField<R, C>,
  parent: R,
  ctx: C,
  args: Readonly<Record<string, unknown>> & PagingInput,
  selection: FieldSelection | undefined,
  selfUrl: (params: { limit: number; after?: string; before?: string }) => string,
) {
  if (selection) validateSelection(def.node, selection, ctx);
  const summary = args.summary === 'true' || args.summary === '1' || args.summary === true;
  return listEdge(
    def,
    parent,
    ctx,
    args,
    selection,
    summary,
    (scope) => readPageRequest(args, scope, ctx.codec),
    () => selfUrl,
  );
}
