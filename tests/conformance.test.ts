import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { useTestDatabase } from './helpers/db.js';

let app: App;
let url: string;
beforeAll(async () => {
  const t = await useTestDatabase();
  app = createApp({ db: t.db, logLevel: 'error' });
  url = `${await app.listen(0, '127.0.0.1')}/graphql`;
});
afterAll(() => app.stop());

/** Every MUST and SHOULD audit passes, with no exceptions; MAY audits are optional and left out. */
describe('GraphQL over HTTP: the graphql-http audit suite against the running server', () => {
  for (const audit of serverAudits({ url: () => url })) {
    if (audit.name.startsWith('MAY')) continue;
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    });
  }
});
