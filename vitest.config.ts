import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { CHROMIUM } from './tests/helpers/browser.js';
import { HAPROXY } from './tests/helpers/haproxy.js';
import { PGBOUNCER } from './tests/helpers/pgbouncer.js';

const require = createRequire(import.meta.url);

// The browser project needs Chromium; where there is none, `npm test` says so once and runs the rest.
if (!CHROMIUM)
  console.log(
    'browser tests (tests/browser/) not run: no Chromium at /usr/bin/chromium or CHROMIUM_PATH (apt-get install chromium; CI installs it)',
  );

// The pooler and balancer tests need Debian's PgBouncer and HAProxy; where one is missing, `npm run
// test:slow` says so once and runs the rest.
const withoutPackages = [
  ...(PGBOUNCER ? [] : [{ file: 'tests/slow/pooler.test.ts', name: 'pgbouncer' }]),
  ...(HAPROXY ? [] : [{ file: 'tests/slow/balancer.test.ts', name: 'haproxy' }]),
];
for (const { file, name } of withoutPackages)
  console.log(`${file} not run: no ${name} installed (apt-get install ${name}; CI installs it)`);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS and ESM copies; Node (and so Pothos and yoga) load the CommonJS one,
    // so tests must too, or schema objects come from two "realms".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Each file gets its own database; files run in parallel on the machine's two cores.
    pool: 'forks',
    projects: [
      // `npm test`: everything that runs in seconds, against real PostgreSQL.
      { extends: true, test: { name: 'quick', include: ['tests/**/*.test.ts'], exclude: ['tests/slow/**', 'tests/browser/**'] } },
      // `npm run test:slow`: real processes (npm start, signals), fuzzing, and PostgreSQL failing under load.
      // One file at a time: fault tests bound how long a request may take, and a fuzzing neighbour
      // on the same two cores would make those bounds measure the neighbour.
      {
        extends: true,
        test: {
          name: 'slow',
          include: ['tests/slow/**/*.test.ts'],
          exclude: withoutPackages.map((p) => p.file),
          testTimeout: 180_000,
          fileParallelism: false,
        },
      },
      // `npm run test:browser`: GraphiQL (and later the screens) in headless Chromium.
      ...(CHROMIUM
        ? [{ extends: true as const, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], testTimeout: 120_000 } }]
        : []),
    ],
  },
});
