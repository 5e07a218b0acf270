import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Connection, type LinkState } from './connection.js';
import type { TypedDocumentString } from './gql.js';
import { timeOf } from './format.js';

/** What every page shares: the token, the link to the server, the clock, and the word on whether it is live. */

const STORED = 'showcall.token';

/** A screen link carries its token in the fragment (`#token=…`, never sent to a server); else the one typed in this browser session. */
export function pageToken(): string | null {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromLink) return fromLink;
  return sessionStorage.getItem(STORED);
}

export function useConnection(token: string): Connection {
  const connection = useMemo(() => new Connection(token), [token]);
  const [, redraw] = useState(0);
  useEffect(() => connection.onChange(() => redraw((n) => n + 1)), [connection]);
  return connection;
}

/** The latest whole state of a subscription, or null until its first message. */
export function useWatch<R, V>(connection: Connection, document: TypedDocumentString<R, V>, variables: V): R | null {
  const [data, setData] = useState<R | null>(null);
  const key = JSON.stringify(variables);
  useEffect(() => connection.watch(document, variables, setData), [connection, document, key]);
  return data;
}

/** The server's clock, redrawn every `everyMs`: counted locally, never pushed. */
export function useNow(connection: Connection, everyMs = 200): number {
  const [now, setNow] = useState(() => connection.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(connection.now()), everyMs);
    return () => clearInterval(timer);
  }, [connection, everyMs]);
  return now;
}

const WORDS: Record<LinkState, string> = {
  connecting: 'Connecting…',
  'catching-up': 'Catching up…',
  live: 'Live',
  disconnected: 'Disconnected — reconnecting…',
  refused: 'Refused',
};

/** The line that says whether what the page shows can be trusted, and since which revision. */
export function LinkBadge({ connection, timeZone, quiet }: { connection: Connection; timeZone?: string; quiet?: boolean }) {
  const now = useNow(connection, 1000);
  return (
    <div class={`link link-${connection.state}${quiet ? ' quiet' : ''}`} data-link={connection.state} role="status" aria-live="polite">
      <span class="link-dot" />
      <span class="link-word">{WORDS[connection.state]}</span>
      {connection.revision > 0 && <span class="link-rev">rev {connection.revision}</span>}
      {timeZone && <span class="link-clock">{timeOf(now, timeZone, true)}</span>}
    </div>
  );
}

/** Asks for a token when the page has none: a production token for the caller, any member's for the others. */
export function TokenForm({ what }: { what: string }) {
  const [value, setValue] = useState('');
  return (
    <form
      class="token-form"
      onSubmit={(e) => {
        e.preventDefault();
        sessionStorage.setItem(STORED, value.trim());
        location.reload();
      }}
    >
      <h1>showcall</h1>
      <p>{what}</p>
      <input
        type="password"
        name="token"
        placeholder="sc_…"
        value={value}
        autoFocus
        onInput={(e) => setValue((e.target as HTMLInputElement).value)}
      />
      <button type="submit" disabled={!value.trim()}>
        Open
      </button>
      <p class="hint">Kept for this browser tab only. Demo tokens are printed by npm start.</p>
    </form>
  );
}

/** A refused screen shows nothing of what it showed: only why. */
export function Refused({ connection }: { connection: Connection }) {
  return (
    <div class="refused" data-refused>
      <p>This screen shows nothing now.</p>
      <p class="reason">{connection.reason}</p>
    </div>
  );
}

/** A page: what it shows, under the word on its link — or, refused, nothing but why. `quiet` shows the word only when not live (a stage). */
export function Page({
  connection,
  children,
  timeZone,
  quiet,
}: {
  connection: Connection;
  children: ComponentChildren;
  timeZone?: string;
  quiet?: boolean;
}) {
  if (connection.state === 'refused') return <Refused connection={connection} />;
  return (
    <>
      <LinkBadge connection={connection} timeZone={timeZone} quiet={quiet} />
      {children}
    </>
  );
}

/** A screen link's token: the page shows, and never offers to change anything. */
export const isScreenLink = (token: string) => token.startsWith('scl_');

export const param = (name: string): string | null => new URLSearchParams(location.search).get(name);
