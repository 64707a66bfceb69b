/** Runs the human handoff bot against the Graph API in GRAPH_URL (Parley's, by default): `npm start`. */
import { startBot } from './bot.ts';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;

const bot = await startBot({
  graphUrl: env('GRAPH_URL', 'http://127.0.0.1:4600'),
  appId: env('APP_ID', '918273645500001'),
  appSecret: env('APP_SECRET', '6d0c1c5a1f3e4b2a9c8d7e6f5a4b3c2d'),
  verifyToken: env('VERIFY_TOKEN', 'parley-verify-token'),
  pageToken: env('PAGE_TOKEN', 'EAAparleyDemoPageToken'),
  port: Number(env('PORT', '3000')),
});
console.log(`Human handoff bot listening on ${bot.url}`);
