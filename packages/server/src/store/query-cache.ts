/**
 * Kysely builds and compiles a query on every call, which costs more than SQLite takes to run a point lookup.
 * Hot queries are built once per *shape* with placeholder arguments, compiled, and re-run with new arguments.
 * The shape key must name everything that changes the SQL (optional filters, column lists, cursor direction).
 */
import {
  createQueryId,
  RawNode,
  type CompiledQuery,
  type Compilable,
  type Kysely,
  type QueryResult,
} from 'kysely';

const ARG = Symbol('query argument');

interface Placeholder {
  readonly [ARG]: string;
}

function isPlaceholder(value: unknown): value is Placeholder {
  return typeof value === 'object' && value !== null && ARG in value;
}

interface Prepared {
  readonly sql: string;
  /** The query node Kysely hands its plugins and drivers with the SQL: the same for every run. */
  readonly node: RawNode;
  /** For each SQL parameter: the argument it takes, or a constant the builder wrote. */
  readonly slots: readonly ({ readonly arg: string } | { readonly value: unknown })[];
}

/**
 * When on (the test suites turn it on), every run builds its query again and checks that it compiles to the
 * SQL its shape's key was first compiled to: a key that leaves out something that changes the SQL fails the
 * first test that runs both statements, instead of running the wrong one.
 */
let checkingShapes = false;

export function checkQueryShapes(on: boolean): void {
  checkingShapes = on;
}

/** Shapes kept at most: field selections can combine in many ways, and a cache must not grow without end. */
const MAX_SHAPES = 2000;

function prepare<R, A extends Record<string, unknown>>(args: A, build: (args: A) => Compilable<R>): Prepared {
  const placeholders = Object.fromEntries(
    Object.keys(args).map((name) => [name, { [ARG]: name }]),
  ) as unknown as A;
  const compiled = build(placeholders).compile();
  return {
    sql: compiled.sql,
    node: RawNode.createWithSql(compiled.sql),
    slots: compiled.parameters.map((p) => (isPlaceholder(p) ? { arg: p[ARG] } : { value: p })),
  };
}

export class QueryCache {
  private readonly prepared = new Map<string, Prepared>();

  /**
   * Runs the query `build` describes for these arguments. `build` receives placeholders in place of the
   * arguments and must use each of them as a plain value (never inspect it).
   */
  async run<DB, R, A extends Record<string, unknown>>(
    db: Kysely<DB>,
    shape: string,
    args: A,
    build: (args: A) => Compilable<R>,
  ): Promise<QueryResult<R>> {
    let prepared = this.prepared.get(shape);
    if (!prepared) {
      prepared = prepare(args, build);
      if (this.prepared.size >= MAX_SHAPES) this.prepared.clear();
      this.prepared.set(shape, prepared);
    } else if (checkingShapes) {
      const again = prepare(args, build);
      if (again.sql !== prepared.sql || JSON.stringify(again.slots) !== JSON.stringify(prepared.slots)) {
        throw new Error(`Query shape "${shape}" stands for two statements:\n${prepared.sql}\n${again.sql}`);
      }
    }
    const parameters = prepared.slots.map((slot) => ('arg' in slot ? args[slot.arg] : slot.value));
    // What `CompiledQuery.raw` makes, without building and freezing a new query node each time.
    const query: CompiledQuery<R> = {
      sql: prepared.sql,
      query: prepared.node,
      parameters,
      queryId: createQueryId(),
    };
    return db.executeQuery(query);
  }

  async rows<DB, R, A extends Record<string, unknown>>(
    db: Kysely<DB>,
    shape: string,
    args: A,
    build: (args: A) => Compilable<R>,
  ): Promise<R[]> {
    return (await this.run(db, shape, args, build)).rows;
  }
}
