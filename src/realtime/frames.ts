import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Shared messages as whole WebSocket frames. A change goes to thousands of sockets; ws's `send`
 * frames it again for each one (a header, two option objects, a corked two-buffer `writev`). Here
 * the frame is made once — header and payload in one Buffer, shared by every socket whose
 * subscription has the same operation id — and each socket gets one `write`.
 */

/** A graphql-ws `next` message, `prefix` + `json` + `}`, as one unmasked text frame (RFC 6455 §5.2), as a server sends it. */
export function frameOf(prefix: string, json: string): Buffer {
  const payload = `${prefix}${json}}`;
  const length = Buffer.byteLength(payload);
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81; // FIN, text
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.write(payload, header, 'utf8');
  return frame;
}

/** The payload of a frame made by `frameOf` (no copy). */
export function payloadOf(frame: Buffer): Buffer {
  const length = frame[1]! & 0x7f;
  return frame.subarray(length < 126 ? 2 : length === 126 ? 4 : 10);
}

/** What ws keeps of a socket that says whether a whole frame may go straight to its TCP socket. */
type Internals = {
  _socket?: Duplex | null;
  _sender?: { _state?: number; _firstFragment?: boolean } | null;
  _extensions?: Record<string, unknown>;
};

/**
 * Writes a frame made by `frameOf` to an open socket. Straight to its TCP socket when ws has nothing
 * of its own under way there (its sender idle — nothing being compressed or queued behind it — and not
 * inside a fragmented message) and no extension changes frames (permessage-deflate); otherwise
 * through `send`, in order behind what ws is doing. ws's `bufferedAmount` counts the bytes either way.
 */
export function writeFrame(socket: WebSocket, frame: Buffer): void {
  const internals = socket as unknown as Internals;
  const sender = internals._sender;
  const tcp = internals._socket;
  if (tcp && sender && sender._state === 0 && sender._firstFragment === true && isEmpty(internals._extensions)) {
    tcp.write(frame);
    return;
  }
  socket.send(payloadOf(frame), { binary: false });
}

function isEmpty(extensions: Record<string, unknown> | undefined): boolean {
  if (!extensions) return false;
  for (const _ in extensions) return false;
  return true;
}
