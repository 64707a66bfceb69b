/** One `parley` subcommand: its line in the help, and what it runs (answering the exit code). */
export interface Command {
  readonly summary: string;
  run(args: readonly string[]): Promise<number>;
}
