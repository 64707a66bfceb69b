/** Runs `parley start` as a child process, the way a user does. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
