import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';
import type { App } from '../../src/app.js';
import type { Database } from '../../src/db/client.js';
import { whenDone } from './cleanup.js';
import { until } from './wait.js';

/** The app listening on a free local port; stopped when done (tests/helpers/cleanup.ts). Returns its graphql-ws URL. */
export async function listening(app: App): Promise<string> {
  const url = (await app.listen(0, '127.0.0.1')).replace('http', 'ws') + '/graphql';
  whenDone(() => app.stop());
  return url;
}

/** A real graphql-ws client signed in with `token`, disposed when the test (or the file) is done. */
export function wsClient(url: string, token?: string, options: Partial<ClientOptions> = {}): Client {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : undefined,
    ...options,
  });
  whenDone(() => client.dispose());
  return client;
}

/**
 * A screen: a typed subscription over a real WebSocket, collecting what it receives. Tests await
 * what they expect (`nextMessage`, `ended`) instead of sleeping.
 */
export function subscribe<TResult, TVariables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
) {
  const received: TResult[] = [];
  const errors: unknown[] = [];
  let done = false;
  const stop = client.subscribe<TResult>(
    { query: print(document), variables },
    {
      next: (message) => (message.data ? received.push(message.data as TResult) : errors.push(message.errors)),
      error: (error) => {
        errors.push(error);
        done = true;
      },
      complete: () => (done = true),
    },
  );
  return {
    received,
    errors,
    stop,
    /** Whether the server ended the subscription (with an error or completion). */
    ended: () => done,
    /** The `n`th message (0-based), waiting for it to arrive. */
    async nextMessage(n = received.length): Promise<TResult> {
      if (!(await until(() => received.length > n || done))) throw new Error(`message ${n} did not arrive`);
      if (received.length <= n) throw new Error(`the subscription ended before message ${n}: ${JSON.stringify(errors)}`);
      return received[n]!;
    },
  };
}

/** An event's current revision. */
export async function revisionOf(db: Database, eventId: string): Promise<number> {
  return (await db.selectFrom('event').select('revision').where('id', '=', eventId).executeTakeFirstOrThrow()).revision;
}
