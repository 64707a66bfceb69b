/**
 * Faults the sandbox can inject into one subscription's deliveries, to rehearse a bot's robustness: POSTs
 * sent twice, held back, events sent newest first, events lost. All off by default.
 */
import type { Faults } from '@parley/sandbox';

export type { Faults };

/** Faults as stored with a subscription (the sandbox's `POST /faults` reads them: @parley/sandbox). */
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
