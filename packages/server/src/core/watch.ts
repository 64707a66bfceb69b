/**
 * Whether someone watches this process (a web console): what is kept only for a watcher (the API log, the
 * webhook requests as sent) is kept meanwhile. Keeping it always would cost a busy server throughput. Watched
 * means an event stream is open, or something kept was read in the last minute.
 */
const READ_KEEPS_WATCHING_MS = 60_000;

export class Watch {
  private streams = 0;
  private lastRead = -Infinity;

  get watched(): boolean {
    return this.streams > 0 || performance.now() - this.lastRead < READ_KEEPS_WATCHING_MS;
  }

  /** A watcher's stream opens; the answered function closes it (once). */
  open(): () => void {
    this.streams++;
    let open = true;
    return () => {
      if (open) this.streams--;
      open = false;
    };
  }

  /** Something kept was read. */
  read(): void {
    this.lastRead = performance.now();
  }
}
