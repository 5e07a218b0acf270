// The same resuming screen with urql: its subscriptionExchange hands each subscription to graphql-ws,
// and the variables are built when graphql-ws (re)subscribes, so a reconnect resumes after the last
// change applied instead of re-sending the revision the subscription started from.
//   TOKEN=sc_… npx tsx examples/follow-changes-urql.ts <Event id>
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';

const url = process.env.SHOWCALL_URL ?? 'ws://localhost:4000/graphql';
const eventId = process.argv[2];
if (!process.env.TOKEN || !eventId) {
  console.error('Usage: TOKEN=sc_… npx tsx examples/follow-changes-urql.ts <Event id>');
  process.exit(2);
}

let last = 0; // the last revision applied
const ws = createWsClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${process.env.TOKEN}` },
  retryAttempts: Infinity,
  shouldRetry: (event) => (event as { code?: number }).code !== 4403,
  retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 5000) * (0.5 + Math.random() / 2))),
});

const client = new Client({
  url: url.replace(/^ws/, 'http'),
  exchanges: [
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({
          // A getter: read each time graphql-ws sends the subscription, after every reconnect too.
          unsubscribe: ws.subscribe(
            {
              query: request.query ?? '',
              variables: {
                ...request.variables,
                get after() {
                  return last;
                },
              },
            },
            sink,
          ),
        }),
      }),
    }),
    fetchExchange,
  ],
});

client
  .subscription('subscription($id: ID!, $after: Int) { eventChanges(eventId: $id, afterRevision: $after) { revision kind } }', {
    id: eventId,
    after: 0,
  })
  .subscribe((result) => {
    if (result.error) {
      console.error('server:', result.error.message);
      return;
    }
    const change = (result.data as { eventChanges: { revision: number; kind: string } } | undefined)?.eventChanges;
    if (!change) return;
    last = change.revision; // apply, then remember
    console.log(last, change.kind);
  });
