import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PothosValidationError } from '@pothos/core';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError, type execute as graphqlExecute, type subscribe as graphqlSubscribe } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer, type WebSocket } from 'ws';
import { bearerToken, viewerForToken, type Viewer } from './auth/tokens.js';
import { createContext, type Context } from './context.js';
import { ChangeHub } from './realtime/hub.js';
import type { Database } from './db/client.js';
import { DomainError, NotFoundError, StaleVersionError, ValidationError } from './domain/errors.js';
import { schema } from './schema/index.js';

export const GRAPHQL_PATH = '/graphql';

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

function errorCode(error: DomainError): string {
  if (error instanceof NotFoundError) return 'NOT_FOUND';
  if (error instanceof ValidationError) return 'BAD_USER_INPUT';
  if (error instanceof StaleVersionError) return 'STALE_VERSION';
  return 'FORBIDDEN';
}

class InvalidTokenError extends GraphQLError {
  constructor() {
    super('The bearer token is unknown or revoked. Create a new one, or send none to use only public fields.', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
}

/** graphql-js may be loaded twice (ESM and CommonJS copies), so errors are recognised by name, not class. */
const isGraphQLError = (error: unknown): error is GraphQLError => error instanceof Error && error.name === 'GraphQLError';

/**
 * Domain errors and GraphQL's own (syntax, validation, input coercion) reach the client as they are;
 * anything else is an internal failure and becomes "Unexpected error." with no detail.
 */
function maskError(error: unknown, message: string): Error {
  const original = isGraphQLError(error) ? error.originalError : error;
  const expected =
    original instanceof DomainError ? errorCode(original) : original instanceof PothosValidationError ? 'BAD_USER_INPUT' : null;
  if (expected && isGraphQLError(error)) {
    // The same error object back tells yoga it was expected, so it is not logged as a failure.
    (error.extensions as Record<string, unknown>).code = expected;
    return error;
  }
  if (isGraphQLError(error) && (!original || isGraphQLError(original))) return error;
  const location = isGraphQLError(error) ? { nodes: error.nodes, path: error.path } : {};
  return new GraphQLError(message, { ...location, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

export type App = {
  hub: ChangeHub;
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  server: Server;
  /** Listens on the port (0 for any free one) and resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
};

export type AppOptions = {
  db: Database;
  /** The same database's URL, for the LISTEN connection; without it changes are found by polling. */
  databaseUrl?: string;
  /** How often watched events are polled for changes a lost LISTEN connection missed. */
  catchUpMs?: number;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** How often open sockets' tokens are re-checked; a revoked token's sockets close within this. */
  tokenRecheckMs?: number;
};

export function createApp({ db, databaseUrl, catchUpMs, logLevel = 'info', tokenRecheckMs = 2000 }: AppOptions): App {
  const hub = new ChangeHub(db, { databaseUrl, catchUpMs });
  async function viewerFrom(token: string | null): Promise<Viewer | null> {
    if (!token) return null;
    const viewer = await viewerForToken(db, token);
    if (!viewer) throw new InvalidTokenError();
    return viewer;
  }

  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    logging: logLevel,
    healthCheckEndpoint: '/health',
    // Over HTTP the token comes in the request; over WebSocket it was checked once at connection_init.
    context: async (initial) =>
      createContext(
        db,
        'viewer' in initial
          ? (initial.viewer as Viewer | null)
          : await viewerFrom(bearerToken(initial.request.headers.get('authorization'))),
        hub,
      ),
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

  const server = createServer(async (req, res) => {
    if (req.url === '/ready') {
      try {
        await db.selectNoFrom((eb) => eb.lit(1).as('ok')).execute();
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ready\n');
      } catch {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('database unavailable\n');
      }
      return;
    }
    return yoga(req, res);
  });

  const wss = new WebSocketServer({ server, path: GRAPHQL_PATH });
  // The HTTP server reports its own errors (a port in use) through listen(); ws only repeats them.
  wss.on('error', () => undefined);
  const socketTokens = new Map<WebSocket, string>();
  const recheck = setInterval(() => void closeRevokedSockets(), tokenRecheckMs);
  recheck.unref();
  async function closeRevokedSockets(): Promise<void> {
    if (socketTokens.size === 0) return;
    try {
      const ids = [...new Set(socketTokens.values())];
      const live = await db.selectFrom('api_token').select('id').where('id', 'in', ids).where('revoked_at', 'is', null).execute();
      const valid = new Set(live.map((row) => row.id));
      for (const [socket, tokenId] of socketTokens) {
        if (!valid.has(tokenId)) socket.close(4403, 'Forbidden: token revoked');
      }
    } catch {
      // the database is away; the next round tries again
    }
  }

  const wsServer = useServer<Record<string, unknown> | undefined, { viewer: Viewer | null }>(
    {
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const raw = (params.Authorization ?? params.authorization ?? params.token) as string | undefined;
        const token = raw ? (bearerToken(String(raw)) ?? String(raw)) : bearerToken(ctx.extra.request.headers.authorization);
        try {
          const viewer = await viewerFrom(token);
          ctx.extra.viewer = viewer;
          if (viewer) {
            const socket = ctx.extra.socket;
            socketTokens.set(socket, viewer.tokenId);
            socket.once('close', () => socketTokens.delete(socket));
          }
          return true;
        } catch {
          // graphql-ws closes the socket with 4403 Forbidden
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const { schema: envelopedSchema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          req: ctx.extra.request as IncomingMessage,
          socket: ctx.extra.socket,
          params: payload,
          viewer: ctx.extra.viewer ?? null,
        });
        const args = {
          schema: envelopedSchema,
          operationName: payload.operationName,
          document: parse(payload.query),
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return errors;
        return args;
      },
      execute: (args) => (args.rootValue as { execute: typeof graphqlExecute }).execute(args),
      subscribe: (args) => (args.rootValue as { subscribe: typeof graphqlSubscribe }).subscribe(args),
    },
    wss,
  );

  return {
    hub,
    yoga,
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const shownHost = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve(`http://${shownHost}:${address.port}`);
        });
      });
    },
    async stop() {
      clearInterval(recheck);
      await hub.stop();
      await wsServer.dispose();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
