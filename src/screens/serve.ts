import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The control-room screens (screens/): bundled by esbuild when the process starts — a few hundred
 * milliseconds, so `npm start` needs no build step — and served from memory under /screens/. Every
 * byte a page loads comes from here: no CDN, no web font.
 */

export const SCREENS_PATH = '/screens';
const NAMES = ['caller', 'timer', 'overview'];
const ENTRY = fileURLToPath(new URL('../../screens/main.tsx', import.meta.url));

type Asset = { body: Buffer; type: string; etag: string };

const shell = (name: string) =>
  Buffer.from(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>showcall · ${name}</title>
<link rel="stylesheet" href="${SCREENS_PATH}/app.css">
<script type="module" src="${SCREENS_PATH}/app.js"></script>
</head>
<body><div id="app"></div></body>
</html>
`);

const INDEX = Buffer.from(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>showcall · screens</title><link rel="stylesheet" href="${SCREENS_PATH}/app.css"></head>
<body><main class="token-form">
<h1>showcall screens</h1>
<p><a href="${SCREENS_PATH}/caller">Show caller</a>: <code>${SCREENS_PATH}/caller?session=&lt;Session id&gt;</code> (a PRODUCTION token)</p>
<p><a href="${SCREENS_PATH}/timer">Stage timer</a>: <code>${SCREENS_PATH}/timer?room=&lt;Room id&gt;</code></p>
<p><a href="${SCREENS_PATH}/overview">Overview</a>: <code>${SCREENS_PATH}/overview?event=&lt;Event id&gt;</code></p>
<p class="hint">For a control room's TVs, create a read-only link with the createScreenLink mutation: it opens the screen with its own revocable token.</p>
</main></body></html>
`);

function asset(body: Buffer, type: string): Asset {
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

async function bundle(): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: { app: ENTRY },
    bundle: true,
    format: 'esm',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: 'out',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    const name = file.path.split('/').pop()!;
    assets.set(
      `/${name}`,
      asset(Buffer.from(file.contents), name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8'),
    );
  }
  for (const name of NAMES) assets.set(`/${name}`, asset(shell(name), 'text/html; charset=utf-8'));
  assets.set('/', asset(INDEX, 'text/html; charset=utf-8'));
  return assets;
}

/**
 * Only this origin's scripts, styles and sockets. `connect-src 'self'` covers the page's own ws://
 * (CSP level 3); the token travels in the fragment, and no-referrer keeps even the path to itself.
 */
const HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

/** Serves the screens. The bundle starts building at once; a failure is reported here, not by a crash. */
export function screensHandler(log: (message: string) => void): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  let assets: Promise<Map<string, Asset>> | null = null;
  const load = () => {
    assets ??= bundle().catch((error: unknown) => {
      assets = null;
      log(`The screens could not be bundled: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    });
    return assets;
  };
  void load().catch(() => undefined);
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.slice(SCREENS_PATH.length) || '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Only GET and HEAD.\n');
      return;
    }
    let found: Asset | undefined;
    try {
      found = (await load()).get(path.replace(/\/$/, '') || '/');
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('The screens could not be built; the server log says why.\n');
      return;
    }
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`No screen at ${SCREENS_PATH}${path}. There are: ${NAMES.join(', ')}.\n`);
      return;
    }
    if (req.headers['if-none-match'] === found.etag) {
      res.writeHead(304, { etag: found.etag, ...HEADERS }).end();
      return;
    }
    res.writeHead(200, { 'content-type': found.type, 'content-length': found.body.length, etag: found.etag, ...HEADERS });
    res.end(req.method === 'HEAD' ? undefined : found.body);
  };
}

/** Whether a request's path is one of the screens'. */
export const isScreensPath = (url: string | undefined) => url === SCREENS_PATH || !!url?.startsWith(`${SCREENS_PATH}/`);
