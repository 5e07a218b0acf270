import { applyImport, IMPORT_COLUMNS, previewImport, type ImportResult, type ImportRow } from '../../domain/registration/import.js';
import { builder } from '../builder.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { AttendeeRef, EventRef } from '../refs.js';

/** Attendee lists imported from CSV: a preview, then an all-or-nothing apply. */

const ImportAction = builder.enumType('ImportAction', {
  description: 'What an import does with a line of the list.',
  values: {
    CREATE: { description: 'A new attendee.' },
    CHANGE: { description: 'An attendee matched by id or e-mail, changed.' },
    UNCHANGED: { description: 'An attendee matched by id or e-mail, already as the list says.' },
  },
});

const ImportProblem = builder.objectRef<{ line: number; field: string; message: string }>('ImportProblem').implement({
  description: 'Something wrong with a line of the list: nothing is written while there is one.',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'The line of the file, as a spreadsheet counts it (the header is line 1).' }),
    field: t.exposeString('field', { description: 'The column (or `csv` for the file itself).' }),
    message: t.exposeString('message', { description: 'What is wrong, and what would be right.' }),
  }),
});

const AttendeeImportRow = builder.objectRef<ImportRow>('AttendeeImportRow').implement({
  description: 'What the import does with one line.',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'The line of the file.' }),
    action: t.field({ type: ImportAction, description: 'New, changed or unchanged.', resolve: (r) => r.action }),
    attendee: t.field({ type: AttendeeRef, nullable: true, description: 'The attendee it matched; null for a new one.', resolve: (r) => r.attendeeId }),
    name: t.exposeString('name', { description: 'The name on the line.' }),
    email: t.exposeString('email', { description: 'The e-mail on the line.' }),
    changes: t.exposeStringList('changes', { description: 'The columns that change (`answers` for registration questions).' }),
  }),
});

const AttendeeImport = builder.objectRef<ImportResult>('AttendeeImport').implement({
  description: 'A preview of an attendee list, or the list applied.',
  fields: (t) => ({
    applied: t.exposeBoolean('applied', { description: 'True when it was written (all of it); false for a preview, or when there were problems.' }),
    created: t.exposeInt('created', { description: 'New attendees.' }),
    changed: t.exposeInt('changed', { description: 'Attendees changed.' }),
    unchanged: t.exposeInt('unchanged', { description: 'Attendees already as the list says.' }),
    problems: t.field({ type: [ImportProblem], description: 'Every problem, by line: nothing is written while there is one.', resolve: (r) => r.problems }),
    rows: t.field({
      type: [AttendeeImportRow],
      description: 'What happens to each line, in file order.',
      args: {
        first: t.arg.int({ required: false, defaultValue: 100, description: 'How many (at most 1000).' }),
        action: t.arg({ type: ImportAction, required: false, description: 'Only lines with this action.' }),
      },
      resolve: (r, args) =>
        r.rows.filter((row) => !args.action || row.action === args.action).slice(0, Math.min(Math.max(args.first ?? 100, 0), 1000)),
    }),
    revisions: t.exposeIntList('revisions', { description: 'The revisions the apply took: one per chunk of 1000 lines written.' }),
    lockHeldMs: t.exposeInt('lockHeldMs', { nullable: true, description: "How long the apply held the event's lock, in milliseconds." }),
  }),
});

entityMutation('importAttendees', {
  description: `Imports an attendee list (CSV, the first line naming the columns: ${IMPORT_COLUMNS.join(', ')}, and any registration question's label; name and email are required). Lines are matched to attendees by id or e-mail. Without \`apply\` it is a preview and writes nothing; with it the list is written all or nothing. For lists above the request size limit, use \`npm run import\`.`,
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    csv: t.string({ required: true, description: 'The list, as CSV (UTF-8).' }),
    apply: t.boolean({ required: false, description: 'Write it (all or nothing); a preview when left out.' }),
  }),
  field: 'import',
  ref: AttendeeImport,
  fieldDescription: 'What the list does, or did.',
  run: async (ctx, input) => {
    const result = input.apply ? await applyImport(ctx.db, requireActor(ctx), input.eventId.id, input.csv) : await previewImport(ctx.db, input.eventId.id, input.csv);
    return { result, revision: result.revisions.at(-1) ?? null };
  },
});
