/**
 * The recent Graph calls made to this process, for the web console: what a bot sent, what Parley (as Meta)
 * answered, and the rate-limit usage it reported. A bounded ring in memory; tokens never shown.
 *
 * It records while someone watches (core/watch.ts): keeping every answer costs a busy server about a tenth of
 * its throughput (the answers outlive their requests, and the garbage collector copies them), so a load test
 * with no console open pays nothing.
 */
import type { Params } from '../core/params.ts';
import type { Watch } from '../core/watch.ts';

export interface ApiCall {
  readonly method: string;
  readonly path: string;
  /** The kind of token the call authenticated with, if it did. */
  readonly token?: string;
  readonly params?: Params;
  readonly status: number;
  /** The answer's JSON, cut at ANSWER_LIMIT characters. */
  readonly answer: string;
  readonly usage?: Record<string, string>;
  readonly ms: number;
  /** Wall-clock and sandbox time of the call. */
  readonly at: number;
  readonly sandboxAt: number;
}

export interface LoggedCall extends Omit<ApiCall, 'params'> {
  readonly id: number;
  readonly params: Record<string, unknown>;
}

const ANSWER_LIMIT = 16_384;
/** Parameters that carry secrets: never shown. */
const SECRET_PARAMS = new Set(['access_token', 'appsecret_proof', 'client_secret']);

export class ApiLog {
  private readonly calls: (ApiCall & { id: number })[] = [];
  private next = 1;

  constructor(
    private readonly watch: Watch,
    private readonly capacity = 500,
  ) {}

  /** Whether calls are being kept: the Graph handler asks before recording one. */
  get recording(): boolean {
    return this.watch.watched;
  }

  record(call: ApiCall): void {
    const answer = call.answer.length > ANSWER_LIMIT ? `${call.answer.slice(0, ANSWER_LIMIT)}…` : call.answer;
    const id = this.next++;
    this.calls[(id - 1) % this.capacity] = { ...call, answer, id };
  }

  /** The newest calls first, older than `before` (an id) when given. */
  list(limit: number, before?: number): LoggedCall[] {
    this.watch.read();
    const newest = this.next - 1;
    const oldest = Math.max(1, this.next - this.capacity);
    const out: LoggedCall[] = [];
    for (let id = Math.min(newest, (before ?? Infinity) - 1); id >= oldest && out.length < limit; id--) {
      const call = this.calls[(id - 1) % this.capacity]!;
      out.push({ ...call, params: shownParams(call.params) });
    }
    return out;
  }

  clear(): void {
    this.calls.length = 0;
    this.next = 1;
  }
}

function shownParams(params: Params | undefined): Record<string, unknown> {
  if (!params) return {};
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, SECRET_PARAMS.has(key) ? '(hidden)' : value]),
  );
}
