/**
 * The webhook POSTs as sent, byte for byte with their headers, kept by attempt for the console while someone
 * watches (see core/watch.ts): the most recent ones, in memory.
 */
import type { Watch } from '../core/watch.ts';

export interface SentRequest {
  readonly callbackUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body exactly as sent (Meta's JSON, UTF-8). */
  readonly body: string;
}

const KEPT = 200;

export class SentRequests {
  private readonly byAttempt = new Map<number, SentRequest>();

  constructor(private readonly watch: Watch) {}

  /** Whether a POST about to go out should be copied (only while watched). */
  get keeping(): boolean {
    return this.watch.watched;
  }

  keep(attemptSeq: number, request: SentRequest): void {
    this.byAttempt.set(attemptSeq, request);
    if (this.byAttempt.size > KEPT) this.byAttempt.delete(this.byAttempt.keys().next().value!);
  }

  get(attemptSeq: number): SentRequest | undefined {
    this.watch.read();
    return this.byAttempt.get(attemptSeq);
  }

  clear(): void {
    this.byAttempt.clear();
  }
}
