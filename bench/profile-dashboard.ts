/**
 * The benchmark's dashboard query, run N times in this process with nothing else going on, printing
 * how long each took. For profiling: `node --cpu-prof --import tsx bench/profile-dashboard.ts 60`
 * (`… 60 production` for the production day's schedule and pull sheet instead).
 * Uses DATABASE_URL when set, otherwise the benchmark's embedded PostgreSQL (.data/bench).
 */
import { dashboardApp } from './dashboard-app.js';

const { app, token, body, close } = await dashboardApp(process.argv[3] === 'production' ? 'production' : 'dashboard');
const times: number[] = [];
for (let i = 0; i < Number(process.argv[2] ?? 30); i++) {
  const t0 = performance.now();
  const response = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const text = await response.text();
  times.push(performance.now() - t0);
  if (i === 0) console.log(`${text.length} bytes: ${text.slice(0, 60)}…`);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(
  `${times.length} runs: first ${times[0]!.toFixed(1)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, best ${sorted[0]!.toFixed(1)} ms`,
);
await close();
