import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type ExecutionArgs, type ExecutionResult, type execute as graphqlExecute } from 'graphql';
import { CloseCode, type Context as WsContext, type SubscribePayload } from 'graphql-ws';
import type { Extra as WsExtra } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer, type WebSocket } from 'ws';
import { bearerToken, type Viewer } from '../auth/tokens.js';
import type { Context, Delivery, Transported } from '../context.js';
import { sharingKey, type SubscriptionFanout } from './fanout.js';
import { closeAsSlow, closeTryAgainLater, isUnavailable, sendShared, unstarted } from './shared-sender.js';
import { admission, TokenCounts, tokenInHeaders } from './ws-admission.js';
import type { TokenWatch } from './token-watch.js';
import { SocketLiveness } from './liveness.js';
import { serveGraphqlWs } from './ws-binding.js';
import { DatabaseUnavailableError } from '../db/faults.js';
import type { Limits } from '../limits/limits.js';
import { limitError, nestsDeeperThan, operationLimitErrors, paramsLimitErrors, selectedOperation } from '../limits/operation.js';
import { withoutSuggestions } from '../errors.js';

/**
 * graphql-ws on the HTTP server's /graphql path — the yoga/envelop bridge. Who may connect and what
 * one socket and token may hold is in ws-admission.ts; how shared messages reach a socket, in
 * shared-sender.ts.
 */
/**
 * What showcall keeps beside graphql-ws's own `extra` ({ socket, request }). Its `request` is read
 * at `connection_init` only and released after (onConnect): later hooks must not read it.
 */
type Extra = {
  viewer: Viewer | null;
  /** The token the socket is signed in with, once it has one (one socket, one token). */
  token?: string;
  /** The lookup of `token` while it runs: operations wait for it. */
  signingIn?: Promise<Viewer | null>;
  /** Stops watching the token for revocation. */
  unwatch?: () => void;
};

/** An operation the bridge prepared: where its messages go, whom it shares them with, how it runs. */
type Prepared = { socket: WebSocket; id: string; key: string; execute: typeof graphqlExecute };

/**
 * graphql-ws on the HTTP server's /graphql path: the token is checked once at connection_init
 * (and re-checked while the socket lives), queries and mutations run through yoga's envelop, and
 * subscriptions share their execution through the fan-out.
 */
export function attachGraphqlWs(options: {
  server: Server;
  path: string;
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  /** Executes each change once per sharing key and broadcasts it (shared with Server-Sent Events). */
  fanout: SubscriptionFanout;
  viewerFrom: (token: string | null, within: { ms: number; error: () => Error }) => Promise<Viewer | null>;
  maskError: (error: unknown, message: string) => Error;
  /** Sockets are registered here and closed with 4403 when their token is revoked. */
  tokens: TokenWatch;
  limits: Limits;
}) {
  const { yoga, limits, fanout } = options;
  const admitted = admission({ maxPerAddress: limits.wsMaxConnectionsPerIp, maxOpening: limits.wsMaxOpening });
  const wss = new WebSocketServer({
    server: options.server,
    path: options.path,
    maxPayload: limits.wsMaxMessageBytes,
    verifyClient: admitted.verifyClient,
  });
  // The HTTP server reports its own errors (a port in use) through listen(); ws only repeats them.
  wss.on('error', () => undefined);
  // The connection_init deadline and the keep-alive, judged by what each socket sent (liveness.ts).
  const liveness = new SocketLiveness({ keepAliveMs: limits.wsKeepAliveMs, initTimeoutMs: limits.wsInitTimeoutMs });
  wss.on('connection', (socket) => liveness.watch(socket));

  const operations = new Map<WebSocket, Set<string>>();
  const perToken = new TokenCounts();
  /**
   * What the bridge knows of each operation it prepared, by the context it made for it: graphql-ws
   * hands `execute` and `subscribe` only the execution arguments.
   */
  const prepared = new WeakMap<Context, Prepared>();

  /**
   * Signs the socket in with `token` — the one connection_init carried, or else the first one an
   * operation carries in `extensions.headers` — once: later operations share the lookup, and one
   * bringing another token is refused, so a socket never acts for two organizations. An unknown or
   * revoked token closes the socket 4403, a database that does not answer 1013. False when closed.
   */
  async function signIn(
    ctx: WsContext<Record<string, unknown> | undefined, WsExtra & Partial<Extra>>,
    token: string,
  ): Promise<Viewer | false> {
    const socket = ctx.extra.socket;
    if (ctx.extra.token === undefined) {
      ctx.extra.token = token;
      // Answered before graphql-ws's own init timer would close the socket as 4408.
      ctx.extra.signingIn = options
        .viewerFrom(token, { ms: Math.max(100, limits.wsInitTimeoutMs - 500), error: () => new DatabaseUnavailableError() })
        .then((viewer) => {
          ctx.extra.viewer = viewer;
          if (viewer)
            ctx.extra.unwatch = options.tokens.add(socket, viewer.tokenId, () =>
              socket.close(CloseCode.Forbidden, 'Forbidden: token revoked'),
            );
          return viewer;
        });
    }
    try {
      const viewer = await ctx.extra.signingIn!;
      return viewer && socket.readyState === socket.OPEN ? viewer : false;
    } catch (error) {
      // A database that does not answer is not a refusal: the client should come back.
      if (isUnavailable(error)) closeTryAgainLater(socket);
      else socket.close(CloseCode.Forbidden, 'Forbidden: token unknown or revoked');
      return false;
    }
  }

  /** Everything a subscribe message needs before it runs: bounds, parse, validation, limits, a context. */
  async function prepare(
    ctx: WsContext<Record<string, unknown> | undefined, WsExtra & Partial<Extra>>,
    id: string,
    payload: SubscribePayload,
    refuse: (errors: readonly GraphQLError[]) => readonly GraphQLError[],
  ) {
    const socket = ctx.extra.socket;
    const limited = paramsLimitErrors(payload, limits);
    if (limited.length) return refuse(limited);
    const delivery: Delivery = {
      maxPendingChanges: limits.wsMaxPendingChanges,
      onSlowConsumer: () => closeAsSlow(socket),
    };
    const transported: Transported = { viewer: ctx.extra.viewer ?? null, delivery };
    const { schema, execute, contextFactory, parse, validate } = yoga.getEnveloped({
      socket,
      params: payload,
      ...transported,
    });
    let document;
    try {
      document = parse(payload.query);
    } catch (error) {
      return refuse([error instanceof GraphQLError ? error : new GraphQLError('Syntax error in the query.')]);
    }
    const errors = validate(schema, document);
    if (errors.length) return refuse(errors);
    // Queries and mutations meet the limits in execute (envelop); subscriptions bypass it, so here.
    if (selectedOperation(document, payload.operationName)?.operation === 'subscription') {
      const overLimits = operationLimitErrors(document, payload.operationName, payload.variables, limits);
      if (overLimits.length) return refuse(overLimits);
      // A subscription's text and variables are kept for as long as it is open.
      const size = payload.query.length + (payload.operationName?.length ?? 0) + JSON.stringify(payload.variables ?? {}).length;
      if (size > limits.wsMaxSubscriptionBytes) {
        return refuse([
          limitError(
            'wsMaxSubscriptionBytes',
            `The subscription takes ${size} bytes (query, variables and operation name); at most ${limits.wsMaxSubscriptionBytes} are kept open`,
            size,
          ),
        ]);
      }
    }
    const contextValue = (await contextFactory()) as unknown as Context;
    const key = sharingKey(payload.query, payload.operationName, payload.variables, contextValue.viewer);
    prepared.set(contextValue, { socket, id, key, execute });
    return { schema, operationName: payload.operationName, document, variableValues: payload.variables, contextValue };
  }

  const disposable = serveGraphqlWs<Record<string, unknown> | undefined, Extra>(
    {
      // Both deadlines are liveness.ts's, which does not judge a socket whose input waits unread.
      connectionInitWaitTimeout: 0,
      onConnect: async (ctx) => {
        // graphql-ws keeps the payload for the socket's life: bounded, and measured without recursion.
        if (
          nestsDeeperThan(ctx.connectionParams, limits.maxVariableDepth) ||
          JSON.stringify(ctx.connectionParams ?? {}).length > limits.wsMaxInitPayloadBytes
        ) {
          ctx.extra.socket.close(
            CloseCode.BadRequest,
            `connection_init payload over ${limits.wsMaxInitPayloadBytes} bytes or too deep (WS_MAX_INIT_PAYLOAD_BYTES)`,
          );
          return false;
        }
        const params = ctx.connectionParams ?? {};
        const raw = (params.Authorization ?? params.authorization ?? params.token) as string | undefined;
        const token = raw ? (bearerToken(String(raw)) ?? String(raw)) : bearerToken(ctx.extra.request.headers.authorization);
        const socket = ctx.extra.socket;
        socket.on('close', () => {
          ctx.extra.unwatch?.();
          perToken.release(ctx.extra.viewer?.tokenId, operations.get(socket)?.size ?? 0);
          operations.delete(socket);
        });
        ctx.extra.viewer = null;
        try {
          // Without a token the socket stays anonymous until an operation brings one (GraphiQL does).
          return token === null || (await signIn(ctx, token)) !== false;
        } finally {
          admitted.opened(ctx.extra.request.socket);
          // graphql-ws keeps `extra` for the socket's life; the upgrade request (its headers, buffers
          // and streams, ~1 KB a screen) served only the sign-in, and nothing after reads it.
          (ctx.extra as { request?: IncomingMessage }).request = undefined;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const socket = ctx.extra.socket;
        if (id.length > limits.wsMaxIdChars) {
          // The id is echoed in every message and kept while the operation runs.
          socket.close(CloseCode.BadRequest, `Operation id longer than ${limits.wsMaxIdChars} characters (WS_MAX_ID_CHARS)`);
          return [limitError('wsMaxIdChars', `The operation id is longer than ${limits.wsMaxIdChars} characters`)];
        }
        const offered = tokenInHeaders(payload.extensions);
        if (offered !== null) {
          if (ctx.extra.token !== undefined && ctx.extra.token !== offered) {
            return [
              new GraphQLError(
                'This connection is signed in with another token (from connection_init or an earlier operation). Open a new connection to use this one.',
                {
                  extensions: { code: 'FORBIDDEN' },
                },
              ),
            ];
          }
          if ((await signIn(ctx, offered)) === false)
            return [new GraphQLError('The bearer token is unknown or revoked.', { extensions: { code: 'UNAUTHENTICATED' } })];
        }
        const tokenId = ctx.extra.viewer?.tokenId;
        const open = operations.get(socket) ?? new Set<string>();
        operations.set(socket, open);
        if (open.size >= limits.wsMaxSubscriptions) {
          return [limitError('wsMaxSubscriptions', `Too many operations on this socket: at most ${limits.wsMaxSubscriptions} at once`)];
        }
        if (perToken.count(tokenId) >= limits.wsMaxSubscriptionsPerToken) {
          return [
            limitError(
              'wsMaxSubscriptionsPerToken',
              `Too many operations open with this token: at most ${limits.wsMaxSubscriptionsPerToken} at once`,
            ),
          ];
        }
        // Counted before the first await, so a burst of subscribes cannot all slip under the caps.
        open.add(id);
        perToken.take(tokenId);
        const refuse = (errors: readonly GraphQLError[]) => {
          if (open.delete(id)) perToken.release(tokenId, 1);
          return ctx.extra.viewer ? errors : errors.map(withoutSuggestions);
        };
        try {
          return await prepare(ctx, id, payload, refuse);
        } catch (error) {
          // Whatever goes wrong with one operation stays with it: the socket stays open.
          return refuse([options.maskError(error, 'Unexpected error.') as GraphQLError]);
        }
      },
      // Queries and mutations run through yoga's envelop (limits, masking, the compiled-query cache).
      execute: (args) => prepared.get(args.contextValue as Context)!.execute(args),
      subscribe: async (args: ExecutionArgs): Promise<ExecutionResult | AsyncIterable<ExecutionResult>> => {
        const operation = prepared.get(args.contextValue as Context)!;
        const result = await fanout.subscribe(args, operation.key);
        if (!('events' in result)) return unstarted(result, operation.socket);
        // graphql-ws keeps these arguments while the subscription lives, but its context served only
        // the start (every message is executed with a fresh one): the stream keeps what it needs.
        (args as { contextValue?: unknown }).contextValue = undefined;
        return sendShared(result, operation.socket, operation.id, limits.wsMaxBufferedBytes);
      },
      onNext: (ctx, _id, _payload, _args, result) => {
        // A socket whose client does not read keeps its unsent messages here; past the bound it goes.
        if (ctx.extra.socket.bufferedAmount > limits.wsMaxBufferedBytes) closeAsSlow(ctx.extra.socket);
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((e) => options.maskError(e, 'Unexpected error.') as GraphQLError) } as never;
      },
      // Errors that end an operation (thrown by its stream) are masked like any other.
      // graphql-ws wraps what a stream throws in a GraphQLError of its own; the thrown one is what counts.
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((e) =>
          (options.maskError(e.originalError instanceof GraphQLError ? e.originalError : e, 'Unexpected error.') as GraphQLError).toJSON(),
        ),
      onComplete: (ctx, id) => {
        if (operations.get(ctx.extra.socket)?.delete(id)) perToken.release(ctx.extra.viewer?.tokenId, 1);
      },
    },
    wss,
  );

  return {
    async stop() {
      liveness.stop();
      await disposable.dispose();
      wss.close();
    },
  };
}
