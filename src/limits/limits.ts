/**
 * Every bound showcall puts on what a client may ask, in one place: defaults from the design
 * ("Limits"), each settable by an environment variable (read in src/config.ts, listed in the README).
 */
export type Limits = {
  /** Deepest nesting of fields in an operation (introspection fields not counted). */
  maxDepth: number;
  /** Aliased fields in an operation, fragments expanded. */
  maxAliases: number;
  /** Directives in an operation, fragments expanded. */
  maxDirectives: number;
  /** Lexical tokens in a document; longer ones are not even parsed. */
  maxTokens: number;
  /** Estimated cost: every field costs 1, a list field multiplies what it selects by `first` (or ids given). */
  maxCost: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Operations in one batched (JSON array) request; 0 refuses batches. */
  maxBatch: number;
  /** Longest a query or mutation may run before it is stopped. */
  executionTimeoutMs: number;
  /** Mutations one token may send at once before it has to wait. */
  mutationBurst: number;
  /** Mutations one token may send per minute, on average. */
  mutationsPerMinute: number;
  /** Largest WebSocket message a client may send, in bytes. */
  wsMaxMessageBytes: number;
  /** Time a WebSocket client has to send connection_init. */
  wsInitTimeoutMs: number;
  /** Interval of keep-alive pings on WebSockets. */
  wsKeepAliveMs: number;
  /** Subscriptions one socket may hold at once. */
  wsMaxSubscriptions: number;
  /** Open WebSockets from one IP address. */
  wsMaxConnectionsPerIp: number;
  /** WebSockets this process takes on at once (upgraded, not yet acknowledged); more are told 503 to come back. */
  wsMaxOpening: number;
  /** Unsent bytes a socket may pile up before it is closed as too slow. */
  wsMaxBufferedBytes: number;
  /** Changes a subscription may have waiting to be sent before its socket is closed as too slow. */
  wsMaxPendingChanges: number;
  /** Deepest nesting of objects and arrays in an operation's variables (and extensions). */
  maxVariableDepth: number;
  /** Longest operation id a WebSocket client may use; the id is kept while the operation runs. */
  wsMaxIdChars: number;
  /** Largest subscription (query, variables and operation name), kept for as long as it is open. */
  wsMaxSubscriptionBytes: number;
  /** Largest connection_init payload, kept for as long as the socket is open. */
  wsMaxInitPayloadBytes: number;
  /** Operations open at once with one token, over all its sockets to this process. */
  wsMaxSubscriptionsPerToken: number;
};

/** Each limit with the environment variable that sets it and its default. */
export const LIMIT_SETTINGS: Record<keyof Limits, { env: string; default: number }> = {
  maxDepth: { env: 'LIMIT_DEPTH', default: 10 },
  maxAliases: { env: 'LIMIT_ALIASES', default: 15 },
  maxDirectives: { env: 'LIMIT_DIRECTIVES', default: 20 },
  maxTokens: { env: 'LIMIT_TOKENS', default: 2000 },
  maxCost: { env: 'LIMIT_COST', default: 200_000 },
  maxBodyBytes: { env: 'LIMIT_BODY_BYTES', default: 1024 * 1024 },
  maxBatch: { env: 'LIMIT_BATCH', default: 0 },
  executionTimeoutMs: { env: 'LIMIT_EXECUTION_MS', default: 10_000 },
  mutationBurst: { env: 'LIMIT_MUTATION_BURST', default: 60 },
  mutationsPerMinute: { env: 'LIMIT_MUTATIONS_PER_MINUTE', default: 600 },
  wsMaxMessageBytes: { env: 'WS_MAX_MESSAGE_BYTES', default: 64 * 1024 },
  wsInitTimeoutMs: { env: 'WS_INIT_TIMEOUT_MS', default: 3000 },
  wsKeepAliveMs: { env: 'WS_KEEPALIVE_MS', default: 12_000 },
  wsMaxSubscriptions: { env: 'WS_MAX_SUBSCRIPTIONS', default: 100 },
  wsMaxConnectionsPerIp: { env: 'WS_MAX_CONNECTIONS_PER_IP', default: 1000 },
  wsMaxOpening: { env: 'WS_MAX_OPENING', default: 256 },
  wsMaxBufferedBytes: { env: 'WS_MAX_BUFFERED_BYTES', default: 1024 * 1024 },
  wsMaxPendingChanges: { env: 'WS_MAX_PENDING_CHANGES', default: 1000 },
  maxVariableDepth: { env: 'LIMIT_VARIABLE_DEPTH', default: 16 },
  wsMaxIdChars: { env: 'WS_MAX_ID_CHARS', default: 128 },
  wsMaxSubscriptionBytes: { env: 'WS_MAX_SUBSCRIPTION_BYTES', default: 16 * 1024 },
  wsMaxInitPayloadBytes: { env: 'WS_MAX_INIT_PAYLOAD_BYTES', default: 4096 },
  wsMaxSubscriptionsPerToken: { env: 'WS_MAX_SUBSCRIPTIONS_PER_TOKEN', default: 1000 },
};

export const DEFAULT_LIMITS = Object.fromEntries(Object.entries(LIMIT_SETTINGS).map(([key, setting]) => [key, setting.default])) as Limits;

/** The error code of every refusal by a limit; `extensions.limit` names the environment variable. */
export const LIMIT_EXCEEDED = 'LIMIT_EXCEEDED';
