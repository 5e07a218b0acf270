import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { Extra as WsExtra } from 'graphql-ws/use/ws';
import type { RawData, WebSocket, WebSocketServer } from 'ws';

/**
 * graphql-ws's server on a `ws` server: what `graphql-ws/use/ws` does, without its keep-alive
 * (liveness.ts pings) and with a socket costing one small object instead of a bundle of closures.
 * Its binding made six closures, two `once` wrappers and an `async` listener a socket, and that
 * listener stayed suspended for as long as a subscription ran on the socket: ~1 KB of the ~8 KB an
 * idle screen costs the process (bench/README.md, "A screen in fewer bytes"). Here the listeners
 * are shared functions that find the socket's transport, and the transport's methods are its
 * class's.
 */
export function serveGraphqlWs<P extends Record<string, unknown> | undefined, E extends Record<PropertyKey, unknown>>(
  options: ServerOptions<P, WsExtra & Partial<E>>,
  wss: WebSocketServer,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  wss.once('error', (error) => {
    console.error('Internal error emitted on the WebSocket server.', error);
    for (const client of wss.clients) client.close(CloseCode.InternalServerError, 'Internal server error');
  });
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const transport = new Transport(socket);
    transports.set(socket, transport);
    socket.on('error', onSocketError);
    transport.closed = server.opened(transport, { socket, request } as WsExtra & Partial<E>);
    socket.on('close', onSocketClose);
  });
  return {
    async dispose() {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** What graphql-ws's server asks of a socket. */
class Transport {
  /** graphql-ws's handler of the socket's messages, once it has given one. */
  receive: ((data: string) => Promise<void>) | null = null;
  /** Tells graphql-ws the socket closed. */
  closed: ((code?: number, reason?: string) => Promise<void>) | null = null;

  constructor(private readonly socket: WebSocket) {}

  get protocol(): string {
    return this.socket.protocol;
  }

  send(data: string): Promise<void> {
    const socket = this.socket;
    if (socket.readyState !== socket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => socket.send(data, (error) => (error ? reject(error) : resolve())));
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  onMessage(receive: (data: string) => Promise<void>): void {
    this.receive = receive;
    this.socket.on('message', onSocketMessage);
  }
}

const transports = new WeakMap<WebSocket, Transport>();

function internalError(socket: WebSocket, error: unknown): void {
  console.error('Internal error during message handling.', error);
  socket.close(CloseCode.InternalServerError, 'Internal server error');
}

// `this` is the socket (ws calls its listeners on it): one function for all sockets.
function onSocketMessage(this: WebSocket, data: RawData): void {
  // A message handler runs for as long as the subscription it starts: its errors are caught, not awaited.
  transports
    .get(this)
    ?.receive?.(String(data))
    .catch((error: unknown) => internalError(this, error));
}

/**
 * What a socket's 'error' tells is the peer's doing — a frame breaking the protocol, a message over
 * the size limit (ws has then begun closing with 1002 or 1009) or a connection reset — not ours:
 * heard (an unheard 'error' would end the process) and not logged, so no client can fill the log.
 */
function onSocketError(): void {}

function onSocketClose(this: WebSocket, code: number, reason: Buffer): void {
  const transport = transports.get(this);
  transports.delete(this);
  transport?.closed?.(code, String(reason)).catch((error: unknown) => console.error('Internal error on a socket closing.', error));
}
