// A control-room screen that never misses a change: follows an event's changes and, after any
// disconnect, resumes right after the last revision it applied.
//   TOKEN=sc_… npx tsx examples/follow-changes.ts <Event id>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

let last = 0; // the last revision this screen applied (persist it if the screen restarts)
const client = createClient({
  url: 'ws://localhost:4000/graphql',
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${process.env.TOKEN}` },
  retryAttempts: Infinity, // reconnect after Wi-Fi drops, restarts, deploys…
  shouldRetry: () => true, // …also when the server is not up yet
});

client.subscribe<{ eventChanges: { revision: number; kind: string } }>(
  {
    query: 'subscription($id: ID!, $after: Int) { eventChanges(eventId: $id, afterRevision: $after) { revision kind } }',
    // A getter: graphql-ws serialises the payload again on every reconnect.
    variables: { id: process.argv[2], get after() { return last; } },
  },
  {
    next: ({ data }) => {
      if (!data) return;
      last = data.eventChanges.revision; // apply, then remember
      console.log(last, data.eventChanges.kind);
    },
    error: (error) => console.error('stream refused:', error), // e.g. a revoked token
    complete: () => undefined,
  },
);
