// Run in a fresh Node process by the first-minute scenario: how long createParley() (the built package) takes
// to import and to start, what a reset of the demo world in memory costs, and the memory it holds at rest.
// Prints one JSON line.
const RESETS = Number(process.argv[2] ?? 100);
const t0 = performance.now();
const { createParley } = await import('@parley/server');
const imported = performance.now();
const parley = await createParley();
const started = performance.now();
const resets = [];
for (let i = 0; i < RESETS; i++) {
  // Each reset follows a little of what a test does.
  await parley.people.mina.says(`message ${i}`);
  const before = performance.now();
  await parley.reset();
  resets.push(performance.now() - before);
}
globalThis.gc?.();
await new Promise((resolve) => setTimeout(resolve, 200));
const { rss, heapUsed } = process.memoryUsage();
await parley.close();
console.log(JSON.stringify({ importMs: imported - t0, startMs: started - imported, resets, rss, heapUsed }));
