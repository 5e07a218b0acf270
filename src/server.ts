import { createApp } from './app.js';
import { portIsFree } from './ports.js';
import { ConfigError, loadConfig } from './config.js';
import { migrateToLatest } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { demoToday, isDemoSeeded, seedDemo } from './seed/demo.js';
import { describeTokens, readTokensFile, tokensFile, workingTokens, writeTokensFile } from './seed/tokens-file.js';

// A promise nobody waited for must not end the service: say so loudly and keep serving (every
// known path handles its own failures; tests/slow/faults.test.ts checks the process stays up).
process.on('unhandledRejection', (reason) => {
  console.error('showcall: an unhandled promise rejection (the process keeps running):', reason);
});

const portInUse = (port: number, setting = 'PORT') =>
  `showcall could not start: port ${port} is already in use (another showcall, or another program). Use another one, e.g. ${setting}=${port + 1} npm start`;

async function main(): Promise<void> {
  const config = loadConfig();
  // Checked before the database is opened, created or seeded.
  for (const [setting, port] of [
    ['PORT', config.port],
    ['HEALTH_PORT', config.healthPort],
  ] as const) {
    if (port !== undefined && port !== 0 && !(await portIsFree(port, config.host))) {
      console.error(portInUse(port, setting));
      process.exit(1);
    }
  }
  const database = await openDatabase(config, { log: (line) => console.log(line) });
  let stopping = false;
  const stopDatabase = async () => {
    await database.close().catch((error: unknown) => console.error('Stopping the database failed:', error));
  };
  try {
    // Migrations hold a session (their own settings): a direct connection, never a transaction pooler.
    const applied = await migrateToLatest(database.direct());
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
    // The embedded database is for trying showcall out: it gets the demo event on its first start.
    if (database.embedded && !(await isDemoSeeded(database.db))) {
      console.log('Seeding the demo event (first start only)…');
      // `npm start -- --today`: the demo starts today, so its show can be run live now.
      const firstDay = process.argv.includes('--today') ? demoToday() : undefined;
      writeTokensFile(tokensFile(config.dataDir, config.databaseUrl), await seedDemo(database.db, { firstDay }));
    }
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  // Only tokens that work here: a file left from another database (or revoked tokens) shows nothing stale.
  const file = tokensFile(config.dataDir, config.databaseUrl);
  const saved = readTokensFile(file);
  const working = saved ? await workingTokens(database.db, saved) : {};

  const app = createApp({ db: database.db, databaseUrl: database.directUrl, logLevel: config.logLevel, limits: config.limits });
  const url = await app.listen(config.port, config.host);
  const healthUrl = config.healthPort === undefined ? url : await app.listenHealth(config.healthPort, config.host);
  console.log(`\nshowcall is running.\n  GraphiQL: ${url}/graphql\n  Health:   ${healthUrl}/health`);
  if (Object.keys(working).length) console.log(`\nDemo bearer tokens (also in ${file}):\n${describeTokens(working)}`);
  if (saved && Object.keys(working).length < Object.keys(saved).length) {
    console.log(`\n(${file} holds tokens that no longer authenticate here; they are not shown. npm run token -- create makes new ones.)`);
  }
  console.log('\nPress Ctrl-C to stop.');

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await app.stop();
    await stopDatabase();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if ((error as { code?: unknown }).code === 'EADDRINUSE') {
    const { port, healthPort } = loadConfig();
    const taken = (error as { port?: number }).port ?? port;
    console.error(portInUse(taken, taken === healthPort ? 'HEALTH_PORT' : 'PORT'));
  } else
    console.error(
      error instanceof ConfigError ? error.message : `showcall could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  process.exit(1);
});
