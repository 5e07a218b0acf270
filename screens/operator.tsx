import type { Connection } from './connection.js';
import { AcknowledgeDocument, OperatorFeedDocument, type CueDepartment } from './gql.js';
import { isScreenLink, Page, useWatch } from './common.js';
import { CueRow, ErrorLine, useCommand } from './cues.js';

/** One department's operator view of a session: its cues, its next, and standbys to acknowledge. */

export function OperatorView({
  connection,
  sessionId,
  department,
}: {
  connection: Connection;
  sessionId: string;
  department: CueDepartment;
}) {
  const feed = useWatch(connection, OperatorFeedDocument, { sessionId, department })?.departmentFeed;
  const [error, run] = useCommand();
  if (!feed) return <Page connection={connection}>{<main class="caller loading">Loading the cues…</main>}</Page>;
  const timeZone = feed.session.event.timezone;
  return (
    <Page connection={connection} timeZone={timeZone}>
      <main class="caller operator">
        <header class="caller-head">
          <div>
            <div class="crumbs">
              {feed.session.event.name} · {feed.session.room?.name ?? 'no room'} · {feed.session.title}
            </div>
            <h1>{department.replace('_', ' ').toLowerCase()} cues</h1>
          </div>
        </header>
        <ErrorLine error={error} />
        <table class="cues">
          <tbody>
            {feed.cues.map((cue) => (
              <CueRow
                key={cue.id}
                cue={cue}
                timeZone={timeZone}
                role={cue.id === feed.nextCue?.id ? 'next' : ''}
                onAcknowledge={
                  isScreenLink(connection.token)
                    ? undefined
                    : () => void run(() => connection.mutate(AcknowledgeDocument, { cueId: cue.id }))
                }
              />
            ))}
          </tbody>
        </table>
      </main>
    </Page>
  );
}
