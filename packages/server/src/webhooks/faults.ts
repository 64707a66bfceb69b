/**
 * Faults the sandbox can inject into one subscription's deliveries, to rehearse a bot's robustness: POSTs
 * sent twice, held back, events sent newest first, events lost. All off by default.
 */
import { GraphError } from '@parley/protocol';

export interface Faults {
  /** Percentage of POSTs sent twice, the same bytes back to back. */
  readonly duplicate_percent?: number;
  /** Each POST waits this long before it is sent. */
  readonly delay_ms?: number;
  /** Events ready together are sent newest first, each in its own POST. */
  readonly reorder?: boolean;
  /** Percentage of events never sent (recorded as dropped). */
  readonly drop_percent?: number;
}

/** The longest delay a fault may add. */
export const MAX_FAULT_DELAY_MS = 30_000;

function percent(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !(value >= 0 && value <= 100)) {
    throw new GraphError('sandboxInvalidRequest', { detail: `${name} must be a number from 0 to 100` });
  }
  return value;
}

/** Shorter names the sandbox also takes: `{drop: 20}` is `{drop_percent: 20}`. */
const SHORT_NAMES: Readonly<Record<string, keyof Faults>> = {
  duplicate: 'duplicate_percent',
  delay: 'delay_ms',
  drop: 'drop_percent',
};

/** Reads faults from a sandbox request body; none set means none. */
export function readFaults(given: Record<string, unknown>): Faults {
  const body = { ...given };
  for (const [short, name] of Object.entries(SHORT_NAMES)) body[name] ??= body[short];
  const delay = body.delay_ms;
  if (
    delay !== undefined &&
    delay !== null &&
    (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > MAX_FAULT_DELAY_MS)
  ) {
    throw new GraphError('sandboxInvalidRequest', {
      detail: `delay_ms must be a whole number from 0 to ${MAX_FAULT_DELAY_MS}`,
    });
  }
  if (body.reorder !== undefined && body.reorder !== null && typeof body.reorder !== 'boolean') {
    throw new GraphError('sandboxInvalidRequest', { detail: 'reorder must be true or false' });
  }
  const faults: Faults = {
    duplicate_percent: percent(body, 'duplicate_percent'),
    delay_ms: typeof delay === 'number' ? delay : undefined,
    reorder: body.reorder === true ? true : undefined,
    drop_percent: percent(body, 'drop_percent'),
  };
  return Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined && v !== 0));
}

export function parseFaults(stored: string | null): Faults {
  return stored ? (JSON.parse(stored) as Faults) : {};
}

export function hasFaults(faults: Faults): boolean {
  return Object.keys(faults).length > 0;
}

/** True with the given percentage of probability. */
export function chance(percentage: number | undefined, random: () => number = Math.random): boolean {
  return percentage !== undefined && random() * 100 < percentage;
}
