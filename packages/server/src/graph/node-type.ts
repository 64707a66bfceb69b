/**
 * How a Graph node type is described: its fields (plain values or paged edges), its default fields and
 * its name as errors print it. Node folders under src/nodes declare these; projection.ts renders them.
 */
import type { CursorCodec, CursorKey } from './cursor-codec.ts';
import type { FieldRequest, FieldSelection } from './fields-parser.ts';
import type { Page, PageRequest } from './paging.ts';

/** What projection needs from a request: the cursor codec and a way to write absolute edge URLs. */
export interface ProjectionContext {
  readonly codec: CursorCodec;
  /** Absolute URL of `/{nodeId}/{edge}` with the given query parameters. */
  edgeUrl(
    nodeId: string,
    edge: string,
    params: Readonly<Record<string, string | number | undefined>>,
  ): string;
}

export type EdgeArgs = Readonly<Record<string, unknown>>;

export interface ValueField<R, C> {
  readonly kind: 'value';
  /**
   * The value, or undefined/null to leave the field out (Graph omits empty fields). `field` is the request
   * for it, with its arguments (`mentioned_media.media_id(…)`); lists written as JSON text pass none.
   */
  get(record: R, ctx: C, field?: FieldRequest): unknown;
  /** The record's columns the value is computed from, so lists read only what a response needs. */
  readonly needs?: readonly string[];
  /**
   * The value is always a string that Meta's JSON carries verbatim (printable ASCII without `"`, `\` or `/`:
   * the ids and times Parley makes), or nothing. A list whose items show only such fields is written as JSON
   * text directly (see `JsonText`).
   */
  readonly verbatim?: boolean;
  /** For object values that take a sub-selection (`from{id}`): their node type name and fields. */
  readonly object?: { readonly name: string; readonly fields: readonly string[] };
  /**
   * The value is a record of another node type (a linked account, a conversation's participant), or
   * `{data: [...]}` of them: each is projected through that type (the sub-selection, else its default
   * fields), so a sub-selection reads the type's own fields and keeps `id`. A function picks the type per
   * record: the sub-selection is then checked against `object` first, and against the record's type as it
   * is projected; without a sub-selection such a value (already in its default shape) shows as it is.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly node?: NodeType<any, C> | ((record: any) => NodeType<any, C>);
  /** When false the field does not exist for this caller (e.g. only on Instagram Login). */
  available?(ctx: C): boolean;
}

/** Where an edge's items come from, once opened for one parent and its arguments. */
export interface EdgeSource<T> {
  /** What cursors are bound to: they are refused on any other edge. */
  readonly scope: string;
  /** A page of items, read for the fields the response will show. */
  list(page: PageRequest, fields: FieldSelection): Promise<Page<T>>;
  /** For `.summary(true)`: the number of items on the edge. */
  total?(): Promise<number>;
  /** Fields shown when none are asked for, if not the node's usual defaults. */
  readonly defaultFields?: readonly string[];
}

// An edge's items are typed by its own node type; the parent's field list holds edges of any item type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface EdgeField<R, C, T = any> {
  readonly kind: 'edge';
  readonly node: NodeType<T, C>;
  /** The parent's columns the edge reads (see ValueField.needs). */
  readonly needs?: readonly string[];
  open(parent: R, ctx: C, args: EdgeArgs): Promise<EdgeSource<T>>;
  cursorKey(item: T): CursorKey;
  available?(ctx: C): boolean;
}

export type FieldDef<R, C> = ValueField<R, C> | EdgeField<R, C>;

/**
 * What `POST` (or `DELETE`) does on `/{node}/{edge}`: the Send API's `messages`, for one. `get` answers a
 * `GET` of an edge that is not a paged list (`subscribed_apps`, an app's `subscriptions`).
 */
export interface EdgeAction<R, C> {
  get?(record: R, ctx: C, params: EdgeArgs): Promise<unknown>;
  post?(record: R, ctx: C, params: EdgeArgs): Promise<unknown>;
  delete?(record: R, ctx: C, params: EdgeArgs): Promise<unknown>;
  available?(ctx: C): boolean;
}

export interface NodeType<R, C> {
  /** Graph's name for the type, as `(#100) Tried accessing nonexisting field (x) on node type (Name)` prints it. */
  readonly name: string;
  readonly fields: Readonly<Record<string, FieldDef<R, C>>>;
  readonly defaultFields: readonly string[];
  /**
   * Reads that count against the Conversations API rate limit: the business account and platform charged
   * for reading this node (or, given `edge`, one of its edges); undefined for reads that do not count.
   */
  readLimit?(
    record: R,
    edge: string | undefined,
    args: EdgeArgs,
  ): { accountId: string; platform: 'instagram' | 'messenger' } | undefined;
  /** The id the node is answered under (always present in a projection). */
  idOf(record: R, ctx: C): string;
}

export function value<R, C>(
  get: (record: R, ctx: C, field?: FieldRequest) => unknown,
  extra: Partial<ValueField<R, C>> = {},
): ValueField<R, C> {
  return { kind: 'value', get, ...extra };
}
