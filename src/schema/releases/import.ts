import { SCHEDULE_COLUMNS } from '../../domain/releases/csv.js';
import { importSchedule, type ScheduleImportProblem, type ScheduleImportResult } from '../../domain/releases/import.js';
import { builder } from '../builder.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { EventRef } from '../refs.js';

/** A schedule imported from c3voc schedule.json or CSV: a preview, then all or nothing. */

const ScheduleImportFormat = builder.enumType('ScheduleImportFormat', {
  description: 'What a schedule to import is written in.',
  values: {
    C3VOC: { description: 'A c3voc schedule.json (pretalx, frab, or a showcall export).' },
    CSV: { description: `The schedule CSV (showcall's export, or a spreadsheet with its columns: ${SCHEDULE_COLUMNS.join(', ')}).` },
  },
});

const ScheduleImportProblemRef = builder.objectRef<ScheduleImportProblem>('ScheduleImportProblem').implement({
  description: 'Something wrong in a schedule to import: nothing is written while there is one.',
  fields: (t) => ({
    line: t.exposeInt('line', { nullable: true, description: 'The CSV line (the header is line 1); null for JSON.' }),
    field: t.exposeString('field', { description: 'The CSV column, or the JSON element (`schedule.conference.days[0].rooms.Ballroom[2].date`).' }),
    message: t.exposeString('message', { description: 'What is wrong, and what would be right.' }),
  }),
});

const ScheduleImport = builder.objectRef<ScheduleImportResult>('ScheduleImport').implement({
  description: 'A schedule import: what it would do (a preview), or did.',
  fields: (t) => ({
    applied: t.exposeBoolean('applied', { description: 'True when it was written (all of it); false for a preview, or when there were problems.' }),
    created: t.exposeInt('created', { description: 'New sessions.' }),
    updated: t.exposeInt('updated', { description: "Sessions of the event (matched by id) changed, their speakers included." }),
    unchanged: t.exposeInt('unchanged', { description: 'Sessions already as the file says.' }),
    roomsCreated: t.exposeInt('roomsCreated', { description: "Rooms the event did not have (matched by name), added to its first venue." }),
    speakersCreated: t.exposeInt('speakersCreated', { description: 'Speakers the event did not have (matched by name).' }),
    problems: t.field({ type: [ScheduleImportProblemRef], description: 'Every problem found: nothing is written while there is one.', resolve: (r) => r.problems }),
  }),
});

entityMutation('importSchedule', {
  description:
    "Imports a schedule into an event (management) from a c3voc schedule.json or the schedule CSV: sessions whose id (`guid`, `Session ID`) is one of the event's are updated, others created; rooms and speakers are matched by name and created when missing. All or nothing: every bad line or element is reported and nothing changes. `dryRun` previews it. Sessions the file does not mention stay as they are.",
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    format: t.field({ type: ScheduleImportFormat, required: true, description: 'C3VOC or CSV.' }),
    content: t.string({ required: true, description: 'The file, as text (UTF-8).' }),
    dryRun: t.boolean({ required: false, description: 'Only say what it would do; nothing is written.' }),
  }),
  field: 'import',
  ref: ScheduleImport,
  fieldDescription: 'What the import does, or did.',
  run: async (ctx, input) => {
    const result = await importSchedule(ctx.db, requireActor(ctx), input.eventId.id, input.format, input.content, { dryRun: input.dryRun ?? false });
    return { result, revision: result.revision };
  },
});
