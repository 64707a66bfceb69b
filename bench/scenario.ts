/** What a benchmark scenario is: run.ts lists them, picks one by name and hands it the shared options. */
import type { LoadOptions } from './load.ts';

export interface BenchOptions {
  /** Where worlds, profiles and result files go (git-ignored). */
  readonly resultsDir: string;
  readonly load: LoadOptions;
  /** Use worlds a previous run built (same shape) instead of building them again. */
  readonly reuseWorlds: boolean;
  /** Record a V8 CPU profile of each server child under `<resultsDir>/profiles/`. */
  readonly cpuProfile: boolean;
  readonly log: (line: string) => void;
}

export interface ScenarioOutcome {
  /** Every target met and no run had errors. */
  readonly passed: boolean;
  /** The figures, as written to `<resultsDir>/<scenario>-<time>.json`. */
  readonly results: unknown;
}

export interface Scenario {
  readonly name: string;
  readonly summary: string;
  run(options: BenchOptions): Promise<ScenarioOutcome>;
}
