/** The `parley` command: one file per subcommand under commands/. */
import { VERSION } from '@parley/server';
import type { Command } from './command.ts';
import { startCommand } from './commands/start.ts';

const COMMANDS: Readonly<Record<string, Command>> = { start: startCommand };

function help(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`);
  return `Usage: parley <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "parley <command> --help" for a command's options, "parley --version" for the version.\n`;
}

export async function run(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help());
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(`parley ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`parley: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  return command.run(args);
}
