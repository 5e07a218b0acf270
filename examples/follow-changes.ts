// A control-room screen that never misses a change: follows an event's changes and, after any
// disconnect, resumes right after the last revision it applied.
//   TOKEN=sc_… npx tsx examples/follow-changes.ts <Event id>
//   (SHOWCALL_URL=ws://host:port/graphql for another server than the README's)
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const url = process.env.SHOWCALL_URL ?? 'ws://localhost:4000/graphql';
const token = process.env.TOKEN;
const eventId = process.argv[2];
if (!token || !eventId) {
  console.error('Usage: TOKEN=sc_… npx tsx examples/follow-changes.ts <Event id>');
  process.exit(2);
}

/** Stops the screen with a message a person can act on. */
function stop(client: Client, message: string): void {
  console.error(message);
  process.exitCode = 1;
  void client.dispose();
}

let last = 0; // the last revision this screen applied (persist it if the screen restarts)
const client: Client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${token}` },
  retryAttempts: Infinity, // reconnect after Wi-Fi drops, restarts, deploys, 1013 (database away), 4008 (too slow)…
  // …but a refused token will not come right by retrying.
  shouldRetry: (event) => (event as { code?: number }).code !== 4403,
  // Back soon after the server is: waits of 0.5–1, 1–2, 2–4 s, then never more than 5 s.
  retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 5000) * (0.5 + Math.random() / 2))),
});

client.subscribe<{ eventChanges: { revision: number; kind: string } }>(
  {
    query: 'subscription($id: ID!, $after: Int) { eventChanges(eventId: $id, afterRevision: $after) { revision kind } }',
    // A getter: graphql-ws serialises the payload again on every reconnect.
    variables: {
      id: eventId,
      get after() {
        return last;
      },
    },
  },
  {
    next: ({ data, errors }) => {
      if (errors?.length) console.error('server:', errors.map((e) => e.message).join('; '));
      if (!data) return;
      last = data.eventChanges.revision; // apply, then remember
      console.log(last, data.eventChanges.kind);
    },
    error: (error) => {
      if ((error as { code?: number }).code === 4403) stop(client, 'The token was refused (unknown or revoked): stopping.');
      else if (Array.isArray(error))
        stop(client, `The server refused the subscription: ${error.map((e: { message: string }) => e.message).join('; ')}`);
      else stop(client, `Stopped: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
    },
    complete: () => undefined,
  },
);
