/**
 * Runs the site: against Meta with your Instagram app's id and secret, or against Parley with PARLEY_URL
 * (then the demo app's are the defaults): `npm start`.
 */
import { hostsAt, startConnectSite } from './app.ts';

const parleyUrl = process.env.PARLEY_URL;
const demo = parleyUrl !== undefined;
const env = (name: string, demoValue: string) => {
  const value = process.env[name] ?? (demo ? demoValue : undefined);
  if (value === undefined) throw new Error(`Set ${name} (or PARLEY_URL to run against Parley's demo app)`);
  return value;
};

const site = await startConnectSite({
  hosts: hostsAt(parleyUrl),
  appId: env('INSTAGRAM_APP_ID', '918273645500001'),
  appSecret: env('INSTAGRAM_APP_SECRET', '6d0c1c5a1f3e4b2a9c8d7e6f5a4b3c2d'),
  publicUrl: process.env.PUBLIC_URL,
  port: Number(process.env.PORT ?? 3000),
});
console.log(`Open ${site.url} and connect an Instagram account`);
