/** The read-api scenario's tables: each world's endpoints against bare, then the two worlds against each other. */
import { BUSY_MACHINE_SHARE, disturbed } from '../measure.ts';
import {
  formatCount,
  formatPercent,
  formatRate,
  formatSeconds,
  loadTable,
  table,
  verdict,
  type LoadRow,
} from '../report.ts';
import { TARGETS, type EndpointRun, type WorldRun } from './read-api-endpoints.ts';

export interface Report {
  readonly text: string;
  readonly passed: boolean;
}

function problems(run: EndpointRun): string[] {
  const { non2xx, errors } = run.load;
  const out: string[] = [];
  if (non2xx > 0) out.push(`${formatCount(non2xx)} non-2xx`);
  if (errors > 0) out.push(`${formatCount(errors)} errors`);
  return out;
}

function endpointFailures(run: EndpointRun, bare: number): string[] {
  const failures = problems(run);
  if (run.minRatio !== undefined && run.load.reqPerSec < run.minRatio * bare)
    failures.push(`< ${formatPercent(run.minRatio)} of bare`);
  return failures;
}

export function reportWorld(run: WorldRun): Report {
  const bare = run.runs[0]?.load.reqPerSec ?? Number.NaN;
  let passed = true;
  const rows = run.runs.map((r): LoadRow => {
    const failures = endpointFailures(r, r.bare?.reqPerSec ?? bare);
    passed &&= failures.length === 0;
    return {
      name: r.name,
      load: r.load,
      target: r.minRatio === undefined ? 'baseline' : `≥ ${formatPercent(r.minRatio)}`,
      result: verdict(failures),
      mark: disturbed(r.load) ? '*' : '',
      ...(r.bare && { bareReqPerSec: r.bare.reqPerSec }),
    };
  });
  const build = `${run.reused ? 'reused; built earlier in' : 'built in'} ${formatSeconds(run.buildMs)}`;
  const title =
    `${run.world.name}: ${formatCount(run.world.conversations)} conversations × ${run.world.messagesPerConversation} ` +
    `messages (${build})`;
  const body = loadTable(rows, bare, true);
  const notes: string[] = [];
  notes.push(
    "The servers were loaded in turn in short windows; 'vs bare' compares each endpoint with the bare " +
      'windows taken between its own, and the bare row adds up all of them.',
  );
  const generator = run.runs[0]?.load.generatorCpuShare ?? 0;
  if (generator >= 0.9) {
    notes.push(
      `Note: the load generator used ${formatPercent(generator)} of its core in the bare run, so the bare figure ` +
        `is the generator's ceiling; the bare server itself could answer more.`,
    );
  }
  if (run.runs.some((r) => disturbed(r.load))) {
    notes.push(
      `* the rest of the machine used over ${formatPercent(BUSY_MACHINE_SHARE)} of a core during this run.`,
    );
  }
  return { text: [title, body, ...notes].join('\n'), passed };
}

/** Each endpoint's req/s in the small world must be within the tolerance of the large world's. */
export function reportHistory(large: WorldRun, small: WorldRun): Report {
  let passed = true;
  const rows = large.runs.flatMap((l) => {
    const s = small.runs.find((r) => r.name === l.name);
    if (!s || l.minRatio === undefined) return [];
    const change = s.load.reqPerSec / l.load.reqPerSec - 1;
    const failures = Math.abs(change) <= TARGETS.historyTolerance ? [] : ['cost grows with history'];
    passed &&= failures.length === 0;
    return [
      [
        l.name,
        formatRate(l.load.reqPerSec),
        formatRate(s.load.reqPerSec),
        formatPercent(change, true),
        verdict(failures),
      ],
    ];
  });
  const title =
    `History: ${small.world.name} vs ${large.world.name} ` +
    `(small world's req/s within ${formatPercent(TARGETS.historyTolerance)} of the large world's)`;
  const body = table(
    [
      { title: 'endpoint' },
      { title: `${large.world.name} req/s`, align: 'right' },
      { title: `${small.world.name} req/s`, align: 'right' },
      { title: 'difference', align: 'right' },
      { title: 'result' },
    ],
    rows,
  );
  return { text: `${title}\n${body}`, passed };
}
