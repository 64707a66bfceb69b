/**
 * Responses to the requests read in one turn of the event loop, ready within it, are written together at its
 * end. Each write to a sleeping client's socket wakes the client, and the kernel charges the wake-up to the
 * writer: under load, written one by one between requests, responses cost a wake-up each; written back to back,
 * the first wakes the client and the rest find it awake. A response that becomes ready in a later turn (it
 * waited for a commit, which answers a whole group at once) is written at once.
 */
type Fetch<A extends unknown[]> = (...args: A) => Response | Promise<Response>;

export function batchResponses<A extends unknown[]>(fetch: Fetch<A>): (...args: A) => Promise<Response> {
  /** The responses waiting for the end of this turn; undefined until a request arrives in it. */
  let turn: (() => void)[] | undefined;
  const endTurn = () => {
    const ready = turn!;
    turn = undefined;
    for (const write of ready) write();
  };
  return async (...args) => {
    if (!turn) {
      turn = [];
      setImmediate(endTurn);
    }
    const arrivedIn = turn;
    const response = await fetch(...args);
    if (turn === arrivedIn) await new Promise<void>((resolve) => arrivedIn.push(resolve));
    return response;
  };
}
