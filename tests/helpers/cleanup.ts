import { afterAll, onTestFinished } from 'vitest';

/**
 * What the kit opened (databases, servers, clients) is closed when the test that opened it ends, or,
 * when it was opened in `beforeAll`, after the file's tests. Vitest runs no hook registered inside
 * another hook, so the file-level ones are kept here and run by one `afterAll` of this module's own
 * (each test file imports its own copy of this module).
 */
const atFileEnd: (() => unknown)[] = [];
afterAll(async () => {
  for (const close of atFileEnd.splice(0).reverse()) await close();
});

export function whenDone(close: () => unknown): void {
  try {
    onTestFinished(async () => {
      await close();
    });
  } catch {
    // Not inside a test: in a beforeAll (or at the top of the file).
    atFileEnd.push(close);
  }
}
