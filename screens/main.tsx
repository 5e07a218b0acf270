import { render } from 'preact';
import './style.css';
import { CallerScreen } from './caller.js';
import { pageToken, param, TokenForm, useConnection } from './common.js';
import { OverviewScreen } from './overview.js';
import { TimerScreen } from './timer.js';

/** The three control-room screens, one bundle: the path says which, the query string what it shows. */

const SCREENS = {
  caller: { param: 'session', ask: 'The show caller’s screen needs a PRODUCTION token.' },
  timer: { param: 'room', ask: 'Paste a token (or open a screen link) to show this room’s stage timer.' },
  overview: { param: 'event', ask: 'Paste a token (or open a screen link) to show the event’s overview.' },
} as const;
type Name = keyof typeof SCREENS;

function Screen({ name, id, token }: { name: Name; id: string; token: string }) {
  const connection = useConnection(token);
  if (name === 'caller') return <CallerScreen connection={connection} sessionId={id} />;
  if (name === 'timer') return <TimerScreen connection={connection} roomId={id} />;
  return <OverviewScreen connection={connection} eventId={id} />;
}

function App() {
  const name = location.pathname.replace(/^\/screens\/?/, '').replace(/\/$/, '') as Name;
  const screen = SCREENS[name];
  if (!screen) return <p class="refused">No such screen. Open /screens/caller, /screens/timer or /screens/overview.</p>;
  const id = param(screen.param);
  if (!id) return <p class="refused">Add ?{screen.param}=&lt;id&gt; to the address (the id from GraphiQL or the screen link).</p>;
  const token = pageToken();
  if (!token) return <TokenForm what={screen.ask} />;
  document.body.dataset.screen = name;
  return <Screen name={name} id={id} token={token} />;
}

render(<App />, document.getElementById('app')!);
