/** Runs `parley start` as a child process, the way a user does. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GraphClient, SandboxClient } from './clients.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const PARLEY_BIN = fileURLToPath(new URL('../../../cli/bin/parley.js', import.meta.url));

export interface ParleyProcess {
  readonly child: ChildProcess;
  /** Resolves with the URL once the server prints it. */
  readonly ready: Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  /** Signals the whole process group, as a terminal's Ctrl-C or a supervisor does. */
  signal(signal: NodeJS.Signals): void;
}

export function runParley(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; command?: string[] } = {},
): ParleyProcess {
  const [command, ...prefix] = options.command ?? [process.execPath, PARLEY_BIN];
  const child = spawn(command!, [...prefix, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PARLEY_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a test can signal everything it started (npm does not forward signals).
    detached: true,
  });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Parley listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then(({ code }) => reject(new Error(`parley exited (${code}) before it was ready:\n${out}`)));
  });
  ready.catch(() => {});
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  return { child, ready, exited, output: () => out, signal };
}

/** `parley start` on a free port against `db`, unthrottled: the servers the process tests kill and restart. */
export function startParley(db: string, options: { seed?: string; flags?: string[] } = {}): ParleyProcess {
  const { seed = 'none', flags = [] } = options;
  return runParley(['start', '--port', '0', '--db', db, '--seed', seed, '--rate-limits', 'off', ...flags]);
}

/**
 * People write to an account over 20 connections until at least 300 messages are acknowledged; then the server
 * is killed with SIGKILL in the middle of the writes. Answers what it acknowledged.
 */
export async function writeUntilKilled(
  parley: ParleyProcess,
  sandbox: SandboxClient,
  people: readonly { id: string }[],
  accountId: string,
): Promise<{ message_id: string; conversation_id: string }[]> {
  const acknowledged: { message_id: string; conversation_id: string }[] = [];
  let killed = false;
  const writer = async (worker: number) => {
    for (let i = 0; !killed; i++) {
      try {
        const person = people[(worker + i) % people.length]!;
        acknowledged.push(await sandbox.send(person.id, accountId, `load ${worker}.${i}`));
      } catch {
        return; // the server is gone
      }
      if (acknowledged.length >= 300 && !killed) {
        killed = true;
        parley.signal('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 20 }, (_, w) => writer(w)));
  return acknowledged;
}

/** The ids of every message stored in the conversations acknowledged writes went to, read page by page. */
export async function storedMessageIds(
  graph: GraphClient,
  acknowledged: readonly { conversation_id: string }[],
  token: string,
): Promise<Set<string>> {
  const stored = new Set<string>();
  for (const conversationId of new Set(acknowledged.map((a) => a.conversation_id))) {
    let next: string | undefined = graph.url(`/v23.0/${conversationId}/messages`, { limit: 100 }, { token });
    while (next) {
      const page = await graph.follow(next);
      for (const m of page.body.data) stored.add(m.id);
      next = page.body.paging?.next;
    }
  }
  return stored;
}
