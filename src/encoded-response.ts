import { Response as FetchResponse } from '@whatwg-node/fetch';

/** Bodies from this many characters on leave as bytes; smaller ones stay text. */
export const ENCODE_FROM_CHARS = 16 * 1024;

type Body = ConstructorParameters<typeof FetchResponse>[0];
type Init = ConstructorParameters<typeof FetchResponse>[1];

/** Whether response headers (an object, a `Headers` or pairs) name a content type. */
function namesContentType(headers: unknown): boolean {
  if (!headers || typeof headers !== 'object') return false;
  if (Array.isArray(headers)) return headers.some((pair) => String((pair as unknown[])[0]).toLowerCase() === 'content-type');
  if (typeof (headers as Headers).has === 'function') return (headers as Headers).has('content-type');
  return Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
}

/**
 * The Response every answer of the API is made with (Yoga's `fetchAPI.Response`): a large text
 * body — a dashboard's JSON, ~750 KB — is encoded to UTF-8 once, here, and leaves as bytes.
 * Handed to Node as a string, it was measured and encoded again on the way to the socket
 * (`writeUtf8String`: 3.3 ms of a request's ~50 ms under load, against 0.7 ms for the bytes —
 * CPU profiles of `bench/load-dashboard.ts`). Only a body whose type the response names is
 * encoded: a bare string keeps its `text/plain` default.
 */
export class EncodedResponse extends FetchResponse {
  constructor(body?: Body, init?: Init) {
    const encode = typeof body === 'string' && body.length >= ENCODE_FROM_CHARS && namesContentType(init?.headers);
    super(encode ? Buffer.from(body) : body, init);
  }
}
