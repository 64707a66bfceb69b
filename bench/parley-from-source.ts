/** The `parley` command run from its TypeScript sources through tsx, as `npm start` ran before the build. */
import { run } from '../packages/cli/src/cli.ts';

process.exitCode = await run(process.argv.slice(2));
