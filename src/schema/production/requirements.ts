import type { InputFieldBuilder } from '@pothos/core';
import { createFormatTemplate, deleteFormatTemplate, playbackListsOf, requirementsOf, updateFormatTemplate, WIRELESS, type SessionRequirements, type SpeakerNeeds } from '../../domain/production/requirements.js';
import { formatTemplatesOfEvent } from '../../domain/production/speclists.js';
import { operationLoader } from '../../context.js';
import * as fields from '../../domain/fields.js';
import { builder, type BuilderTypes } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { reads } from '../selection.js';
import { AssetRef, CueRef, EventRef, FormatTemplateRef, GearKitRef, SessionRef, SessionSpeakerRef } from '../refs.js';
import { PresentationFormat } from '../schedule/schedule.js';
import { kits } from '../gear/bookings.js';

/** Requirements from speakers and formats, the mic plot and the playback list in the API. */

export const LaptopSource = builder.enumType('LaptopSource', {
  description: 'What a speaker presents from.',
  values: {
    OWN_LAPTOP: { description: 'Their own laptop, at the lectern or switched in.' },
    SHOW_MACHINE: { description: "Production's show machine (their slides loaded on it)." },
    NONE: { description: 'Nothing to show.' },
  },
});

export const MicKind = builder.enumType('MicKind', {
  description: 'The kind of mic a speaker uses; LAV, HEADSET and HANDHELD are wireless and take an RF channel.',
  values: {
    LAV: { description: 'A wireless lavalier.' },
    HEADSET: { description: 'A wireless headset.' },
    HANDHELD: { description: 'A wireless handheld.' },
    LECTERN: { description: 'The wired lectern mic.' },
    NONE: { description: 'No mic.' },
  },
});

export const ConfidenceView = builder.enumType('ConfidenceView', {
  description: "What a speaker's confidence monitor shows.",
  values: {
    SLIDES_AND_NOTES: { description: 'The current slide with the speaker notes.' },
    CURRENT_AND_NEXT: { description: 'The current and the next slide.' },
    TIMER: { description: 'The stage timer.' },
    PROGRAM: { description: 'The program feed.' },
    NONE: { description: 'Nothing (no confidence monitor).' },
  },
});

const KitLine = builder.objectRef<string>('RequiredKit').implement({
  description: 'A kit a format takes.',
  fields: (t) => ({
    kit: t.field({ type: GearKitRef, nullable: true, description: "The kit (its production company's users read it); see `name`.", resolve: (id) => id }),
    name: t.string({ description: "The kit's name.", resolve: async (id, _a, ctx) => (await kits(ctx).load(id))?.name ?? '' }),
  }),
});

FormatTemplateRef.implement({
  description: "What a presentation format needs unless its speakers say otherwise, and the kits it takes (production's).",
  fields: (t) => ({
    format: t.expose('format', { type: PresentationFormat, description: 'The format.' }),
    laptop: t.expose('laptop', { type: LaptopSource, description: 'What its speakers present from.' }),
    micKind: t.expose('mic_kind', { type: MicKind, description: 'The mic its speakers use.' }),
    confidenceView: t.expose('confidence_view', { type: ConfidenceView, description: 'What its confidence monitor shows.' }),
    kits: t.field({ type: [KitLine], description: 'The kits it takes; a session of the format whose room has none booked is a REQUIRED_KIT_NOT_BOOKED warning.', extensions: reads('format_template', 'kit_ids'), resolve: (f) => f.kit_ids }),
    notes: t.exposeString('notes', { nullable: true, description: 'Notes ("switcher input 3 for guest laptops").' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const SpeakerNeedsRef = builder.objectRef<SpeakerNeeds>('SpeakerRequirements').implement({
  description: "One speaker's needs in a session: their own choices, else the format's template.",
  fields: (t) => ({
    sessionSpeaker: t.field({ type: SessionSpeakerRef, description: 'The speaker in the session.', resolve: (s) => s.sessionSpeakerId }),
    laptop: t.field({ type: LaptopSource, description: 'What they present from.', resolve: (s) => s.laptop }),
    micKind: t.field({ type: MicKind, description: 'Their mic.', resolve: (s) => s.micKind }),
    mic: t.string({ nullable: true, description: 'The mic they wear or hold ("HH 1"), as the mic plot says.', resolve: (s) => s.mic }),
    confidenceView: t.field({ type: ConfidenceView, description: 'What their confidence monitor shows.', resolve: (s) => s.confidenceView }),
    fromTemplate: t.stringList({ description: 'Which of `laptop`, `micKind`, `confidenceView` the template supplied.', resolve: (s) => s.fromTemplate }),
  }),
});

const MicPlotLine = builder.objectRef<SpeakerNeeds>('MicPlotLine').implement({
  description: 'Which mic is on whom.',
  fields: (t) => ({
    mic: t.string({ nullable: true, description: 'The mic ("Lav 3", "HH 1"); null while unassigned.', resolve: (s) => s.mic }),
    micKind: t.field({ type: MicKind, description: 'Its kind.', resolve: (s) => s.micKind }),
    wireless: t.boolean({ description: 'Whether it takes an RF channel.', resolve: (s) => WIRELESS.includes(s.micKind) }),
    sessionSpeaker: t.field({ type: SessionSpeakerRef, description: 'Who wears or holds it.', resolve: (s) => s.sessionSpeakerId }),
  }),
});

const RequirementsRef = builder.objectRef<SessionRequirements>('SessionRequirements').implement({
  description: "A session's technical requirements: from its speakers, with its format's template filling in.",
  fields: (t) => ({
    format: t.field({ type: PresentationFormat, nullable: true, description: 'Its presentation format.', resolve: (r) => r.format }),
    template: t.field({ type: FormatTemplateRef, nullable: true, description: "The format's template, when the event has one.", resolve: (r) => r.templateId }),
    kits: t.field({ type: [KitLine], description: 'The kits it takes (from the template).', resolve: (r) => r.kitIds }),
    speakers: t.field({ type: [SpeakerNeedsRef], description: 'Each speaker’s needs, in running order.', resolve: (r) => r.speakers }),
    showMachine: t.boolean({ description: 'Whether anyone presents from the show machine.', resolve: (r) => r.speakers.some((s) => s.laptop === 'SHOW_MACHINE') }),
    ownLaptops: t.int({ description: 'How many present from their own laptop (switcher inputs).', resolve: (r) => r.speakers.filter((s) => s.laptop === 'OWN_LAPTOP').length }),
    micPlot: t.field({ type: [MicPlotLine], description: 'Which mic is on whom: every speaker with a mic, in running order.', resolve: (r) => r.speakers.filter((s) => s.micKind !== 'NONE') }),
    wirelessChannels: t.int({ description: 'Wireless channels it takes (speakers sharing a named mic take one).', resolve: (r) => r.wirelessChannels }),
    roomRfChannels: t.int({ nullable: true, description: "The room's frequency plan; null when not recorded.", resolve: (r) => r.roomRfChannels }),
  }),
});

type Playback = { cueId: string; fieldLabel: string; assetId: string; position: number };
const PlaybackLine = builder.objectRef<Playback>('PlaybackLine').implement({
  description: 'A line of the playback list: a cue that plays an asset.',
  fields: (t) => ({
    position: t.int({ description: 'Its place in the list, from 1.', resolve: (p) => p.position }),
    cue: t.field({ type: CueRef, description: 'The cue.', resolve: (p) => p.cueId }),
    field: t.string({ description: 'The cue’s field that names the asset ("Clip").', resolve: (p) => p.fieldLabel }),
    asset: t.field({ type: AssetRef, description: 'The asset (its status says whether it is approved).', resolve: (p) => p.assetId }),
  }),
});

const requirements = operationLoader<string, SessionRequirements>((ctx, ids) => requirementsOf(ctx.db, ids));
const playback = operationLoader<string, Playback[]>(async (ctx, ids) =>
  (await playbackListsOf(ctx.db, ids)).map((list) => list.map((p, i) => ({ ...p, position: i + 1 }))),
);

builder.objectFields(SessionRef, (t) => ({
  requirements: t.field({
    type: RequirementsRef,
    description: 'What it needs technically: per speaker (laptop, mic, confidence monitor), the kits, the mic plot.',
    extensions: reads('session', 'id'),
    resolve: (s, _a, ctx) => requirements(ctx).load(s.id),
  }),
  playbackList: t.field({
    type: [PlaybackLine],
    description: 'What playback plays, in running order: its cues’ ASSET fields.',
    extensions: reads('session', 'id'),
    resolve: (s, _a, ctx) => playback(ctx).load(s.id),
  }),
}));

builder.objectFields(SessionSpeakerRef, (t) => ({
  laptop: t.expose('laptop', { type: LaptopSource, nullable: true, description: "What they present from; null takes the format's template (see the session's `requirements`)." }),
  micKind: t.expose('mic_kind', { type: MicKind, nullable: true, description: "Their kind of mic; null takes the format's template." }),
  confidenceView: t.expose('confidence_view', { type: ConfidenceView, nullable: true, description: "What their confidence monitor shows; null takes the format's template." }),
}));

builder.objectFields(EventRef, (t) => ({
  formatTemplates: childList(t, 'event', {
    type: connectionOf(FormatTemplateRef, 'FormatTemplate', 'formatTemplates'),
    description: 'What each presentation format needs by default, and its kits.',
    spec: formatTemplatesOfEvent,
    node: FormatTemplateRef,
  }),
}));

type InputBuilder = InputFieldBuilder<BuilderTypes, 'InputObject'>;
const templateFields = (t: InputBuilder) => ({
  laptop: t.field({ type: LaptopSource, required: false, description: 'What speakers present from (NONE unless given).' }),
  micKind: t.field({ type: MicKind, required: false, description: 'The mic speakers use (NONE unless given).' }),
  confidenceView: t.field({ type: ConfidenceView, required: false, description: 'What the confidence monitor shows (NONE unless given).' }),
  kitIds: t.globalIDList({ for: GearKitRef, required: false, description: "Kits of the production company's inventory the format takes." }),
  notes: t.string({ required: false, description: 'Notes.', validate: fields.optionalText(500).nullish() }),
});

entityMutation('createFormatTemplate', {
  description: "Sets what a presentation format needs by default and the kits it takes (production's).",
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    format: t.field({ type: PresentationFormat, required: true, description: 'The format; one template per format.' }),
    ...templateFields(t),
  }),
  field: 'formatTemplate',
  ref: FormatTemplateRef,
  fieldDescription: 'The new template.',
  run: (ctx, { eventId, kitIds, ...input }) => createFormatTemplate(ctx.db, requireActor(ctx), eventId.id, { ...input, kitIds: kitIds?.map((k) => k.id) }),
});

entityMutation('updateFormatTemplate', {
  description: 'Changes a format template.',
  inputFields: (t) => ({
    id: t.globalID({ for: FormatTemplateRef, required: true, description: 'The template.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...templateFields(t),
  }),
  field: 'formatTemplate',
  ref: FormatTemplateRef,
  fieldDescription: 'The template as it is now.',
  run: (ctx, { id, expectedVersion, kitIds, ...patch }) => updateFormatTemplate(ctx.db, requireActor(ctx), id.id, expectedVersion, { ...patch, kitIds: kitIds?.map((k) => k.id) }),
});

deleteMutation('FormatTemplate', { description: 'Removes a format template.', field: 'formatTemplate', ref: FormatTemplateRef, run: (ctx, id, v) => deleteFormatTemplate(ctx.db, requireActor(ctx), id, v) });
