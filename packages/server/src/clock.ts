/**
 * The one clock every rule reads: the 30-day Requests rule, the messaging window, token expiry, retries.
 * Domain code never calls Date.now(); it is handed a Clock.
 */

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The last instant the sandbox's clock, or a seeded message, may name: Graph writes four-digit years. */
export const LATEST_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

export interface ClockState {
  /** How far the sandbox's time runs ahead of (or behind) real time. */
  readonly offsetMs: number;
  /** When set, time stands still at this instant. */
  readonly frozenAt: number | null;
}

/** Real time: no offset, not frozen (a new sandbox's clock, and a reset one's). */
export const REAL_TIME: ClockState = { offsetMs: 0, frozenAt: null };

/** The sandbox's clock: real time moved by an offset, which can also be frozen. */
export class ControllableClock implements Clock {
  private state: ClockState;

  constructor(
    state: ClockState = REAL_TIME,
    private readonly realNow: () => number = Date.now,
  ) {
    this.state = state;
  }

  now(): number {
    return this.state.frozenAt ?? this.realNow() + this.state.offsetMs;
  }

  get snapshot(): ClockState {
    return this.state;
  }

  restore(state: ClockState): void {
    this.state = state;
  }

  advance(ms: number): void {
    const { offsetMs, frozenAt } = this.state;
    this.state =
      frozenAt === null ? { offsetMs: offsetMs + ms, frozenAt } : { offsetMs, frozenAt: frozenAt + ms };
  }

  set(epochMs: number): void {
    this.state =
      this.state.frozenAt === null
        ? { offsetMs: epochMs - this.realNow(), frozenAt: null }
        : { offsetMs: this.state.offsetMs, frozenAt: epochMs };
  }

  freeze(frozen: boolean): void {
    const now = this.now();
    this.state = frozen
      ? { offsetMs: this.state.offsetMs, frozenAt: now }
      : { offsetMs: now - this.realNow(), frozenAt: null };
  }
}
