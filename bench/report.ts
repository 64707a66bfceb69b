/** Plain-text tables and number formats shared by every scenario's report. */
import type { LoadResult } from './load.ts';

export type Align = 'left' | 'right';

export interface Column {
  readonly title: string;
  readonly align?: Align;
}

/** Renders rows under a header, columns padded to their widest cell. */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return c.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.title)), rule, ...rows.map(line)].join('\n');
}

export function formatRate(perSec: number): string {
  return Math.round(perSec).toLocaleString('en-US');
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatPercent(fraction: number, signed = false): string {
  if (!Number.isFinite(fraction)) return '-';
  const percent = Math.round(fraction * 100) || 0; // no "-0%"
  return `${signed && percent > 0 ? '+' : ''}${percent}%`;
}

/** "pass", or "FAIL" with the reasons. */
export function verdict(failures: readonly string[]): string {
  return failures.length === 0 ? 'pass' : `FAIL (${failures.join(', ')})`;
}

/**
 * Under every table: which figures decide pass or fail and which do not. Only figures measured side by side in
 * the same run are targets; absolute ones move with the machine's speed from one minute to the next.
 */
export const INFORMATION_NOTE =
  'Pass or fail is decided only by ratios to baselines measured in the same run (vs bare, history).\n' +
  "Rates, latencies and CPU times are for information only: they move with the machine's speed.";

/** One autocannon run as a row of a load table. */
export interface LoadRow {
  readonly name: string;
  readonly load: LoadResult;
  /** The least share of bare this row must reach, e.g. "≥ 20%"; "baseline" for the bare row. */
  readonly target: string;
  readonly result: string;
  /** Marks the share of bare (the run was disturbed by other work on the machine). */
  readonly mark?: string;
  /** The bare req/s this row is compared with, when not the table's. */
  readonly bareReqPerSec?: number;
}

/**
 * Runs against the bare server's req/s: first what is judged (share of bare, target, result), then, for
 * information, the absolute figures: rate, latency, server CPU, (bytes,) errors.
 */
export function loadTable(rows: readonly LoadRow[], bareReqPerSec: number, withBytes = false): string {
  const columns: Column[] = [
    { title: 'endpoint' },
    { title: 'vs bare', align: 'right' },
    { title: 'target' },
    { title: 'result' },
    { title: 'info: req/s', align: 'right' },
    { title: 'p50 ms', align: 'right' },
    { title: 'p99 ms', align: 'right' },
    { title: 'CPU µs/req', align: 'right' },
    ...(withBytes ? [{ title: 'bytes', align: 'right' as const }] : []),
    { title: 'errors', align: 'right' },
  ];
  const cells = ({ name, load, target, result, mark = '', bareReqPerSec: own }: LoadRow) => [
    name,
    `${formatPercent(load.reqPerSec / (own ?? bareReqPerSec))}${mark}`,
    target,
    result,
    formatRate(load.reqPerSec),
    formatMs(load.p50Ms),
    formatMs(load.p99Ms),
    load.serverCpuUsPerRequest === undefined ? '-' : formatCount(Math.round(load.serverCpuUsPerRequest)),
    ...(withBytes ? [formatCount(load.bytesPerResponse)] : []),
    formatCount(load.non2xx + load.errors),
  ];
  return table(columns, rows.map(cells));
}
