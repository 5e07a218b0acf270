import type { InputFieldBuilder } from '@pothos/core';
import { operationLoader } from '../../context.js';
import type { DepartmentField } from '../../db/types.js';
import { createDepartmentField, deleteDepartmentField, updateDepartmentField } from '../../domain/runofshow/department-fields.js';
import * as fields from '../../domain/fields.js';
import { builder, type BuilderTypes } from '../builder.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { reads, refersTo } from '../selection.js';
import { AssetRef, CueRef, DepartmentFieldRef, EventRef, SessionSpeakerRef, UserRef } from '../refs.js';
import { CueDepartment } from './runofshow.js';

/**
 * What a cue carries besides its place in the list: its department's fields (clip, mic, shot),
 * the speaker it is about, and how its standby went.
 */

const FieldKind = builder.enumType('DepartmentFieldKind', {
  description: 'What a department field holds.',
  values: {
    TEXT: { description: 'Free text ("Look 12: warm wash").' },
    NUMBER: { description: 'A number (a mic channel, a preset).' },
    SELECT: { description: 'One of its `options` (a camera shot: WIDE, MID, CLOSE).' },
    ASSET: { description: 'An asset of the event the department plays (a clip, a graphic, a sound): given by its id or its name, kept as the asset.' },
  },
});

/** Every department field of each event, in order, once per operation. */
const fieldsOfEvents = operationLoader<string, DepartmentField[]>(async (ctx, eventIds) => {
  const rows = await ctx.db
    .selectFrom('department_field')
    .selectAll()
    .where('event_id', 'in', eventIds as string[])
    .orderBy('department')
    .orderBy('position')
    .orderBy('key')
    .execute();
  return eventIds.map((id) => rows.filter((r) => r.event_id === id));
});

DepartmentFieldRef.implement({
  description: "A field a department's cues carry, defined per event (LX: look; VID: clip; SND: mic; CAM: shot).",
  fields: (t) => ({
    department: t.expose('department', { type: CueDepartment, description: 'Whose cues carry it.' }),
    key: t.exposeString('key', { description: 'Its name in `fieldValues` ("clip").' }),
    label: t.exposeString('label', { description: 'How screens label it ("Clip").' }),
    kind: t.expose('kind', { type: FieldKind, description: 'What it holds.' }),
    options: t.exposeStringList('options', { description: 'For SELECT, the values it may take.' }),
    position: t.exposeInt('position', { description: 'Order among the department’s fields.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const CueFieldValue = builder.objectRef<{ field: DepartmentField; value: string }>('CueFieldValue').implement({
  description: "One of a cue's department fields with the cue's value.",
  fields: (t) => ({
    key: t.string({ description: 'The field’s key.', resolve: (v) => v.field.key }),
    label: t.string({ description: 'The field’s label.', resolve: (v) => v.field.label }),
    kind: t.field({ type: FieldKind, description: 'What it holds.', resolve: (v) => v.field.kind }),
    value: t.string({
      description: "The value, as text (a NUMBER is a number written out; an ASSET the asset's name).",
      resolve: async (v, _args, ctx) => (v.field.kind === 'ASSET' ? ((await AssetRef.getDataloader(ctx).load(v.value).catch(() => null))?.name ?? v.value) : v.value),
    }),
    asset: t.field({
      type: AssetRef,
      nullable: true,
      description: 'For an ASSET field, the asset (its status says whether it is approved).',
      resolve: (v) => (v.field.kind === 'ASSET' ? v.value : null),
    }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  departmentFields: t.field({
    type: [DepartmentFieldRef],
    description: "The fields each department's cues carry, by department and position.",
    extensions: reads('event', 'id'),
    resolve: (e, _args, ctx) => fieldsOfEvents(ctx).load(e.id),
  }),
}));

builder.objectFields(CueRef, (t) => ({
  fieldValues: t.field({
    type: [CueFieldValue],
    description: "Its department's fields that have a value on it, in the fields' order.",
    extensions: reads('cue', 'event_id', 'department', 'field_values'),
    resolve: async (c, _args, ctx) =>
      (await fieldsOfEvents(ctx).load(c.event_id))
        .filter((f) => f.department === c.department && c.field_values[f.key] !== undefined)
        .map((field) => ({ field, value: String(c.field_values[field.key]) })),
  }),
  speaker: t.field({
    type: SessionSpeakerRef,
    nullable: true,
    description: 'The session speaker it is about (their mic, their walk-up music).',
    ...refersTo('cue', 'speaker_id'),
  }),
  warnedAt: t.expose('warned_at', { type: 'DateTime', nullable: true, description: 'When the caller warned it (standby).' }),
  acknowledgedAt: t.expose('acknowledged_at', { type: 'DateTime', nullable: true, description: 'When its operator answered the standby.' }),
  acknowledgedBy: t.field({
    type: UserRef,
    nullable: true,
    description: 'Who answered the standby.',
    extensions: reads('cue', 'acknowledged_by_user_id'),
    resolve: (c) => c.acknowledged_by_user_id,
  }),
  calledWithoutStandby: t.exposeBoolean('called_without_standby', {
    description: 'GO came before its operator acknowledged a standby. It fired anyway: a show never waits for a device.',
  }),
}));

const fieldInputs = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  label: t.string({ required, description: 'How screens label it.', validate: required ? fields.text(100) : fields.text(100).optional() }),
  options: t.stringList({ required: false, description: 'For SELECT, the values it may take.' }),
  position: t.int({ required: false, description: 'Order among the department’s fields.', validate: fields.minutes.nullish() }),
});

entityMutation('createDepartmentField', {
  description: "Defines a field a department's cues carry (LX: look; VID: clip; SND: mic; CAM: shot).",
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    department: t.field({ type: CueDepartment, required: true, description: 'Whose cues carry it.' }),
    key: t.string({ required: true, description: 'Its name in `fieldValues`: a lowercase letter, then letters and digits ("clip").' }),
    kind: t.field({ type: FieldKind, required: true, description: 'What it holds.' }),
    ...fieldInputs(true)(t),
  }),
  field: 'departmentField',
  ref: DepartmentFieldRef,
  fieldDescription: 'The new field.',
  run: (ctx, input) =>
    createDepartmentField(ctx.db, requireActor(ctx), input.eventId.id, {
      department: input.department,
      key: input.key,
      kind: input.kind,
      label: input.label,
      options: input.options,
      position: input.position,
    }),
});

entityMutation('updateDepartmentField', {
  description: "Changes a department field's label, options or order (its department, key and kind stay: cues' values rely on them).",
  inputFields: (t) => ({
    id: t.globalID({ for: DepartmentFieldRef, required: true, description: 'The field.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...fieldInputs(false)(t),
  }),
  field: 'departmentField',
  ref: DepartmentFieldRef,
  fieldDescription: 'The field as it is now.',
  run: (ctx, input) =>
    updateDepartmentField(ctx.db, requireActor(ctx), input.id.id, input.expectedVersion, {
      label: input.label ?? undefined,
      options: input.options ?? undefined,
      position: input.position ?? undefined,
    }),
});

deleteMutation('DepartmentField', {
  description: 'Removes a department field; values cues hold for it are no longer shown.',
  field: 'departmentField',
  ref: DepartmentFieldRef,
  run: (ctx, id, expectedVersion) => deleteDepartmentField(ctx.db, requireActor(ctx), id, expectedVersion),
});
