/** Remembers resolved tokens briefly, so a busy client does not cost three lookups per request. */
import type { ResolvedToken } from './authenticate.ts';

export class TokenCache {
  private readonly entries = new Map<string, { value: ResolvedToken; until: number }>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  async get(
    token: string,
    load: (token: string) => Promise<ResolvedToken | undefined>,
    now = performance.now(),
  ): Promise<ResolvedToken | undefined> {
    const hit = this.entries.get(token);
    if (hit && hit.until > now) return hit.value;
    const value = await load(token);
    if (value) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(token, { value, until: now + this.ttlMs });
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
