/** `parley start`: runs the server (see the server's main.ts for the options). */
import { main, USAGE, UsageError, VERSION } from '@parley/server';
import type { Command } from '../command.ts';

export const startCommand: Command = {
  summary: 'Run Parley (Graph API and sandbox) on http://127.0.0.1:4600',
  async run(args) {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (args.includes('--version')) {
      process.stdout.write(`parley ${VERSION}\n`);
      return 0;
    }
    try {
      await main(args);
      return 0;
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`parley start: ${error.message}\n\n${USAGE}`);
        return 2;
      }
      process.stderr.write(`parley start: ${(error as Error).message}\n`);
      return 1;
    }
  },
};
