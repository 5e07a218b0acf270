import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { InvalidTokenError } from './auth/permissions.js';
import { bearerToken, viewerForToken, type Viewer } from './auth/tokens.js';
import { createContext, type Context, type Delivery, type Transported } from './context.js';
import type { SubscriptionFanout } from './realtime/fanout.js';
import { ChangeHub } from './realtime/hub.js';
import { ViewerCache } from './auth/viewer-cache.js';
import { DueRunner } from './realtime/due-runner.js';
import { useSharedSubscriptions, useStreamRights } from './realtime/sse.js';
import { snapshotFanout } from './realtime/fanout.js';
import { TokenWatch } from './realtime/token-watch.js';
import { attachGraphqlWs } from './realtime/websocket.js';
import { DEFAULT_LIMITS, type Limits } from './limits/limits.js';
import { executionTimeoutError, limitError } from './limits/operation.js';
import { useCompiledQueries } from './schema/compiled.js';
import { useLimits } from './limits/plugin.js';
import type { Database } from './db/client.js';
import { DatabaseTimeoutError, DatabaseUnavailableError, isDatabaseUnavailable, RETRY_AFTER_SECONDS, withinMs } from './db/faults.js';
import { maskError, serverLogger } from './errors.js';
import { EncodedResponse } from './encoded-response.js';
import { schema } from './schema/index.js';
import { isScreensPath, screensHandler } from './screens/serve.js';
import { exportHandler, isExportPath } from './export/serve.js';

export const GRAPHQL_PATH = '/graphql';

/** The package's version, as /health reports it. */
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** `/ready` answers 503 when the database has not answered within this. */
const READY_TIMEOUT_MS = 1000;
/**
 * Connections the kernel may hold for this process before it accepts them (capped by the
 * machine's somaxconn): a wall of screens failing over from another process queues here instead
 * of having its connects dropped (Node's default is 511).
 */
const LISTEN_BACKLOG = 4096;

const DEFAULT_QUERY = `# Put your token in the Headers tab below:
#   { "Authorization": "Bearer sc_…" }
# Demo tokens are in .data/demo-tokens.json (printed by npm start).

query Dashboard {
  viewer { user { name } organization { name kind } }
  events(first: 5) {
    nodes {
      id
      name
      timezone
      days
      revision
      sessions(first: 10) {
        totalCount
        nodes {
          title
          kind
          startsAt
          endsAt
          room { name }
          speakers(first: 5) { nodes { role speaker { name company } } }
          cues(first: 5) { totalCount nodes { label title state } }
        }
      }
    }
  }
}
`;

export type App = {
  hub: ChangeHub;
  fanout: SubscriptionFanout;
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  server: Server;
  /** Listens on the port (0 for any free one) and resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>;
  /**
   * Also answers `/health` and `/ready` on a port of their own (HEALTH_PORT), for load balancers:
   * their checks then never wait in the API port's accept queue behind a flood of reconnecting
   * screens — a process busy taking a failed one's screens over stays in. Resolves with its base URL.
   */
  listenHealth(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
};

export type AppOptions = {
  db: Database;
  /** The same database's URL, for the LISTEN connection; without it changes are found by polling. */
  databaseUrl?: string;
  /** How often watched events are polled for changes a lost LISTEN connection missed. */
  catchUpMs?: number;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** How often open sockets' and streams' tokens are re-checked; a revoked token's close within this. */
  tokenRecheckMs?: number;
  /** Bounds on what clients may ask (src/limits/limits.ts); unset ones keep their defaults. */
  limits?: Partial<Limits>;
  /** How often due work (AUTO_FOLLOW cues, unclaimed seat offers) is looked for besides commits and its due time (1 s). */
  followPollMs?: number;
};

export function createApp({
  db,
  databaseUrl,
  catchUpMs,
  logLevel = 'info',
  tokenRecheckMs = 2000,
  limits: limitOverrides,
  followPollMs,
}: AppOptions): App {
  const limits: Limits = { ...DEFAULT_LIMITS, ...limitOverrides };
  const hub = new ChangeHub(db, { databaseUrl, catchUpMs });
  const dueWork = new DueRunner(db, hub, { pollMs: followPollMs });
  dueWork.start();
  const tokens = new TokenWatch(db, tokenRecheckMs);
  // A revocation heard of ends the token's sockets now, not at the next round.
  hub.onAccessChange(() => tokens.recheckSoon());
  const viewers = new ViewerCache(hub);
  /** How subscriptions over HTTP (SSE) are delivered. */
  const streamedHere: Delivery = { maxPendingChanges: limits.wsMaxPendingChanges };
  /** One execution per change for identical subscriptions, over WebSocket and SSE alike. */
  const fanout = snapshotFanout(db, hub, maskError);
  /**
   * The token's viewer, or `within.error()` when the lookup takes longer than `within.ms`. A
   * database that does not answer is SERVICE_UNAVAILABLE, never a refusal of the token.
   */
  async function viewerFrom(token: string | null, within: { ms: number; error: () => Error }): Promise<Viewer | null> {
    if (!token) return null;
    let viewer: Viewer | null;
    try {
      viewer = await withinMs(
        viewers.viewer(token, () => viewerForToken(db, token)),
        within.ms,
        'The token lookup',
      );
    } catch (error) {
      if (error instanceof DatabaseTimeoutError) throw within.error();
      if (isDatabaseUnavailable(error)) throw new DatabaseUnavailableError();
      throw error;
    }
    if (!viewer) throw new InvalidTokenError();
    return viewer;
  }
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    fetchAPI: { Response: EncodedResponse as typeof Response },
    logging: serverLogger(logLevel),
    // Over HTTP the token was looked up in onParams (below); over WebSocket at connection_init.
    // Either way the transport hands the context everything it needs: it is complete when made.
    context: (initial) => {
      const { viewer, deadline, delivery } = initial as Partial<Transported>;
      return createContext({ db, hub, viewer: viewer ?? null, deadline, delivery: delivery ?? streamedHere });
    },
    batching: limits.maxBatch > 0 ? { limit: limits.maxBatch } : false,
    plugins: [
      {
        // The token is looked up before parsing: a bad one is refused first, and validation knows
        // whether a stranger is asking (strangers get no field suggestions).
        // The execution timeout counts from here, so a slow token lookup is part of it.
        onParams: async ({ request, context }) => {
          const deadline = Date.now() + limits.executionTimeoutMs;
          const token = bearerToken(request.headers.get('authorization'));
          const viewer = await viewerFrom(token, { ms: limits.executionTimeoutMs, error: () => executionTimeoutError(limits) });
          Object.assign(context, { deadline, viewer } satisfies Transported);
        },
      },
      useCompiledQueries(),
      useLimits(limits),
      useSharedSubscriptions(fanout, maskError),
      useStreamRights(tokens),
    ],
    graphiql: {
      title: 'showcall',
      defaultQuery: DEFAULT_QUERY,
      subscriptionsProtocol: 'WS',
      headers: JSON.stringify({ Authorization: 'Bearer <token from .data/demo-tokens.json>' }),
      shouldPersistHeaders: true,
    },
    renderGraphiQL,
    maskedErrors: { maskError },
  });

  /** Whether the database answers within a second, whatever it does. */
  const databaseAnswers = () =>
    withinMs(db.selectNoFrom((eb) => eb.lit(1).as('ok')).execute(), READY_TIMEOUT_MS, 'The readiness check').then(
      () => true,
      () => false,
    );
  /**
   * What the database last answered, asked at most once a second and not waited for once known:
   * a balancer's health check (every half second, timing out soon) must not queue behind a pool
   * busy with a wall of screens reconnecting — the process is up and serving.
   */
  const probe = { answered: null as boolean | null, at: 0, running: null as Promise<boolean> | null };
  const databaseLately = () => {
    if (!probe.running && Date.now() - probe.at > READY_TIMEOUT_MS) {
      probe.running = databaseAnswers().then((answered) => {
        Object.assign(probe, { answered, at: Date.now(), running: null });
        return answered;
      });
    }
    return probe.answered ?? probe.running!;
  };

  const screens = screensHandler((message) => console.error(`showcall: ${message}`));
  const exports = exportHandler({
    db,
    viewerFrom: (token) => viewerFrom(token, { ms: limits.executionTimeoutMs, error: () => executionTimeoutError(limits) }),
    contextFor: (viewer) => createContext({ db, hub, viewer, delivery: streamedHere }),
  });
  /** `/ready` and `/health`, on the API port and on the health port alike; false for any other path. */
  const probes = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.url === '/ready') {
      // Answers within a bound whatever the database does, so a balancer can take this process out.
      if (await databaseAnswers()) res.writeHead(200, { 'content-type': 'text/plain' }).end('ready\n');
      else res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': String(RETRY_AFTER_SECONDS) }).end('database unavailable\n');
      return true;
    }
    if (req.url === '/health') {
      // The process is up (200 either way); what a person checking it wants to know besides.
      const database = (await databaseLately()) ? 'reachable' : 'unreachable';
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({ status: 'ok', service: 'showcall', version: VERSION, database, uptimeSeconds: Math.round(process.uptime()) }),
      );
      return true;
    }
    return false;
  };
  const server = createServer(async (req, res) => {
    if (isScreensPath(req.url)) return screens(req, res);
    if (isExportPath(req.url)) return exports(req, res);
    if (await probes(req, res)) return;
    const length = Number(req.headers['content-length'] ?? 0);
    if (req.method === 'POST' && (length > limits.maxBodyBytes || (req.headers['transfer-encoding'] && !req.headers['content-length']))) {
      const tooLarge = length > limits.maxBodyBytes;
      const error = tooLarge
        ? limitError('maxBodyBytes', `The request body is ${length} bytes; at most ${limits.maxBodyBytes} are accepted`)
        : new GraphQLError('Send the request body with a Content-Length header (chunked bodies are not accepted).', {
            extensions: { code: 'BAD_REQUEST' },
          });
      res.writeHead(tooLarge ? 413 : 411, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      res.end(JSON.stringify({ errors: [error] }));
      req.resume();
      return;
    }
    return yoga(req, res);
  });

  const ws = attachGraphqlWs({ server, path: GRAPHQL_PATH, yoga, fanout, viewerFrom, maskError, tokens, limits });

  const healthServer = createServer((req, res) => {
    void probes(req, res).then(
      (answered) => answered || res.writeHead(404, { 'content-type': 'text/plain' }).end('Only /health and /ready answer on this port.\n'),
    );
  });
  const listenOn = (on: Server, port: number, host: string | undefined) =>
    new Promise<string>((resolve, reject) => {
      on.once('error', reject);
      on.listen(port, host, LISTEN_BACKLOG, () => {
        const address = on.address() as AddressInfo;
        const shownHost = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
        resolve(`http://${shownHost}:${address.port}`);
      });
    });

  return {
    hub,
    fanout,
    yoga,
    server,
    listen: (port, host) => listenOn(server, port, host),
    listenHealth: (port, host) => listenOn(healthServer, port, host),
    async stop() {
      dueWork.stop();
      tokens.stop();
      await ws.stop();
      fanout.stop();
      await hub.stop();
      if (healthServer.listening) {
        healthServer.close();
        healthServer.closeAllConnections();
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
