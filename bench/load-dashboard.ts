/**
 * The benchmark's dashboard query under concurrent HTTP load (autocannon, 10 connections, in a child
 * process) with this process serving it: the server as the benchmark loads it, for profiling:
 * `node --cpu-prof --import tsx bench/load-dashboard.ts 20` (seconds).
 * Uses DATABASE_URL when set, otherwise the benchmark's embedded PostgreSQL (.data/bench).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dashboardApp } from './dashboard-app.js';

const { app, token, body, close } = await dashboardApp();
const url = await app.listen(0, '127.0.0.1');
const autocannon = spawn(
  process.execPath,
  [
    createRequire(import.meta.url).resolve('autocannon/autocannon.js'),
    '-c',
    '10',
    '-d',
    process.argv[2] ?? '20',
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-H',
    `authorization=Bearer ${token}`,
    '-b',
    body,
    `${url}/graphql`,
  ],
  { stdio: 'inherit' },
);
await new Promise((resolve) => autocannon.on('exit', resolve));
// autocannon stops when its time is up, not when its last responses are in: let those finish.
await new Promise((resolve) => setTimeout(resolve, 3000));
await close();
