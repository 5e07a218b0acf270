import type { Database } from '../src/db/client.js';
import type { Actor } from '../src/db/write.js';
import { createEvent, deleteEvent } from '../src/domain/event/event.js';
import { applyImport, previewImport } from '../src/domain/registration/import.js';
import { createRegistrationType } from '../src/domain/registration/registration.js';

/**
 * A 20,000-row attendee list, as the client's HR sends it: previewed, applied into a fresh event,
 * then next week's list (a tenth of the people changed) applied again. Meanwhile a probe makes one
 * small write to the same event every 20 ms and records how long each waited: the event's lock as
 * the rest of the team feels it, next to the lock hold the import reports itself.
 */

const ROWS = 20_000;
const REGIONS = ['West', 'Central', 'East', 'EMEA', 'APAC'];

function list(week: number): string {
  const lines = ['name,email,company,registration_type,status,badge_type'];
  for (let i = 0; i < ROWS; i++) {
    const moved = week > 1 && i % 10 === 0;
    lines.push(
      `Person ${i},person.${i}@hr.example,Northwind — ${REGIONS[(i + (moved ? 1 : 0)) % REGIONS.length]},Sales team,${i % 7 === 0 ? 'INVITED' : 'REGISTERED'},Attendee`,
    );
  }
  return lines.join('\n');
}

/** Small writes to the event while `work` runs: each one's wait, in ms. */
async function probing<T>(
  db: Database,
  actor: Actor,
  eventId: string,
  work: () => Promise<T>,
): Promise<{ result: T; probeMaxMs: number; probes: number }> {
  const waits: number[] = [];
  let done = false;
  const probe = (async () => {
    for (let n = 0; !done; n++) {
      const started = performance.now();
      await createRegistrationType(db, actor, eventId, { name: `Probe ${Date.now()}-${n}`, kind: 'STAFF' });
      waits.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const result = await work();
  done = true;
  await probe;
  return { result, probeMaxMs: Math.round(Math.max(...waits)), probes: waits.length };
}

export async function measureImport(options: { db: Database; actor: Actor; runs: number; log: (line: string) => void }) {
  const { db, actor } = options;
  const runs = [];
  for (let run = 1; run <= options.runs; run++) {
    const { result: event } = await createEvent(db, actor, {
      name: `Import bench ${new Date().toISOString()} #${run}`,
      timezone: 'Europe/Berlin',
      startDate: '2027-01-26',
      endDate: '2027-01-28',
    });
    await createRegistrationType(db, actor, event.id, { name: 'Sales team', kind: 'ATTENDEE', capacity: null });
    const first = list(1);
    const t0 = performance.now();
    const preview = await previewImport(db, event.id, first);
    const previewMs = Math.round(performance.now() - t0);
    const t1 = performance.now();
    const applied = await probing(db, actor, event.id, () => applyImport(db, actor, event.id, first));
    const applyMs = Math.round(performance.now() - t1);
    const t2 = performance.now();
    const again = await probing(db, actor, event.id, () => applyImport(db, actor, event.id, list(2)));
    const againMs = Math.round(performance.now() - t2);
    const entry = {
      rows: ROWS,
      previewMs,
      created: preview.created,
      applyMs,
      revisions: applied.result.revisions.length,
      lockHeldMs: applied.result.lockHeldMs,
      probeMaxMs: applied.probeMaxMs,
      weekTwo: {
        changed: again.result.changed,
        unchanged: again.result.unchanged,
        applyMs: againMs,
        revisions: again.result.revisions.length,
        lockHeldMs: again.result.lockHeldMs,
        probeMaxMs: again.probeMaxMs,
      },
    };
    options.log(
      `  import run ${run}: preview ${previewMs} ms; apply ${applyMs} ms, ${entry.revisions} revisions, lock held ${entry.lockHeldMs} ms, probe max wait ${entry.probeMaxMs} ms; week two (${entry.weekTwo.changed} changed) ${againMs} ms, lock ${entry.weekTwo.lockHeldMs} ms, probe max ${entry.weekTwo.probeMaxMs} ms`,
    );
    runs.push(entry);
    // Not kept: three 20,000-person events a run grew the benchmark's database run after run.
    await deleteEvent(db, event.id);
  }
  return {
    runs,
    worstLockHeldMs: Math.max(...runs.flatMap((r) => [r.lockHeldMs ?? 0, r.weekTwo.lockHeldMs ?? 0])),
    worstProbeMs: Math.max(...runs.flatMap((r) => [r.probeMaxMs, r.weekTwo.probeMaxMs])),
  };
}
