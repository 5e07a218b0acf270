import type { Database } from '../db/client.js';
import type { CueDepartment, CueTrigger, SegmentKind, SpeakerRole, TimerType } from '../db/types.js';
import type { Actor } from '../db/write.js';
import { createCue } from '../domain/runofshow/runofshow.js';
import { createAsset, receiveAssetVersion, reviewAsset } from '../domain/production/assets.js';
import { createDepartmentField } from '../domain/runofshow/department-fields.js';
import { createSegment } from '../domain/runofshow/segments.js';
import { updateSessionSpeaker } from '../domain/schedule/schedule.js';

/**
 * The demo's general sessions and its awards dinner, run by segment as a show caller runs them:
 * walk-in as one GO for four departments, an opening video that the logo sting auto-follows, an
 * emcee on a handheld with walk-up music, each presenter on a lav, Q&A and walk-out, to the
 * session's hard out.
 */

type CueSpec = {
  department: CueDepartment;
  title: string;
  offset?: number;
  duration?: number;
  notes?: string;
  trigger?: CueTrigger;
  fields?: Record<string, string>;
  speaker?: string;
};

type SegmentSpec = {
  title: string;
  kind: SegmentKind;
  minutes: number;
  presenter?: string;
  timer?: TimerType;
  cues: CueSpec[];
};

/** A session speaker of the show: their link id and version, name, and role. */
export type Presenter = { linkId: string; version: number; name: string; role: SpeakerRole };

/** The fields the demo's departments write on their cues. */
export async function defineDemoFields(db: Database, production: Actor, eventId: string): Promise<void> {
  await createDepartmentField(db, production, eventId, { department: 'VIDEO', key: 'clip', label: 'Clip', kind: 'ASSET' });
  await createDepartmentField(db, production, eventId, {
    department: 'CAMERA',
    key: 'shot',
    label: 'Shot',
    kind: 'SELECT',
    options: ['WIDE', 'MID', 'CLOSE'],
  });
  await createDepartmentField(db, production, eventId, { department: 'LIGHTING', key: 'look', label: 'Look', kind: 'NUMBER' });
}

const WALK_IN: CueSpec[] = [
  { department: 'STAGE_MANAGEMENT', title: 'Doors open — house open', notes: 'Confirm with registration that the foyer is ready' },
  { department: 'AUDIO', title: 'Walk-in playlist up', trigger: 'AUTO_CONTINUE' },
  { department: 'GRAPHICS', title: 'Walk-in loop on all screens', trigger: 'AUTO_CONTINUE' },
  { department: 'LIGHTING', title: 'Walk-in look: house full, stage blue wash', trigger: 'AUTO_CONTINUE', fields: { look: '1' } },
  { department: 'STAGE_MANAGEMENT', title: 'Five-minute call to talent', offset: 60 },
  { department: 'AUDIO', title: 'VOG: please take your seats', offset: 180, notes: 'Voice of God, pre-recorded' },
];

function presenterSegment(p: Presenter, minutes: number, kind: SegmentKind, mic: string): SegmentSpec {
  return {
    title: kind === 'KEYNOTE' ? `${p.name}: keynote` : p.name,
    kind,
    minutes,
    presenter: p.linkId,
    cues: [
      { department: 'AUDIO', title: `Walk-up music for ${p.name}`, speaker: p.linkId },
      { department: 'LIGHTING', title: `Podium special up for ${p.name}`, trigger: 'AUTO_CONTINUE', fields: { look: '20' } },
      { department: 'AUDIO', title: `${mic} live (${p.name})`, offset: 10, speaker: p.linkId },
      { department: 'CAMERA', title: `CAM 1 on ${p.name}`, offset: 10, trigger: 'AUTO_CONTINUE', fields: { shot: 'MID' } },
      { department: 'GRAPHICS', title: `Lower third: ${p.name}`, offset: 15, duration: 8 },
      { department: 'GRAPHICS', title: `Slides: ${p.name} deck`, offset: 30 },
      {
        department: 'VIDEO',
        title: `Roll story video for ${p.name}`,
        offset: Math.floor((minutes * 60 * 2) / 3),
        duration: 90,
        fields: { clip: `${p.name.split(' ')[1]}_story.mov` },
      },
      { department: 'GRAPHICS', title: 'Back to slides', trigger: 'AUTO_FOLLOW', notes: 'Follows the video when it ends' },
      { department: 'AUDIO', title: `${mic} out; play-off music`, offset: minutes * 60 - 20 },
      { department: 'LIGHTING', title: 'Podium special out, stage wash', trigger: 'AUTO_CONTINUE', fields: { look: '10' } },
    ],
  };
}

/** A general session to its hard out: walk-in 5, open 2, welcome 4, presenters, Q&A, walk-out 3. */
export function generalSession(minutes: number, people: Presenter[]): SegmentSpec[] {
  const host = people.find((p) => p.role === 'HOST');
  const presenters = people.filter((p) => p.role !== 'HOST');
  const qa = minutes >= 75 ? 8 : 0;
  const each = Math.max(5, Math.floor((minutes - 5 - 2 - (host ? 4 : 0) - qa - 3) / Math.max(1, presenters.length)));
  const segments: SegmentSpec[] = [
    { title: 'Walk-in', kind: 'WALK_IN', minutes: 5, timer: 'TIME_OF_DAY', cues: WALK_IN },
    {
      title: 'Opening video',
      kind: 'OPENING',
      minutes: 2,
      cues: [
        { department: 'LIGHTING', title: 'House out, stage dark', fields: { look: '5' } },
        {
          department: 'VIDEO',
          title: 'Roll open video',
          trigger: 'AUTO_CONTINUE',
          duration: 120,
          fields: { clip: 'SKO27_open_v4.mov' },
          notes: 'Stereo audio from playback',
        },
        { department: 'GRAPHICS', title: 'Event logo sting', trigger: 'AUTO_FOLLOW', notes: 'Follows the open video when it ends' },
      ],
    },
  ];
  if (host)
    segments.push({
      title: `Welcome: ${host.name}`,
      kind: 'PRESENTATION',
      minutes: 4,
      presenter: host.linkId,
      cues: [
        { department: 'AUDIO', title: `Walk-up music for ${host.name}`, speaker: host.linkId },
        { department: 'AUDIO', title: `HH 1 live (${host.name})`, offset: 8, trigger: 'AUTO_CONTINUE', speaker: host.linkId },
        { department: 'CAMERA', title: `CAM 2 wide, then CAM 1 on ${host.name}`, offset: 8, fields: { shot: 'WIDE' } },
      ],
    });
  presenters.forEach((p, i) => segments.push(presenterSegment(p, each, i === 0 ? 'KEYNOTE' : 'PRESENTATION', `Lav ${i + 1}`)));
  if (qa)
    segments.push({
      title: 'Q&A',
      kind: 'Q_AND_A',
      minutes: qa,
      timer: 'COUNT_DOWN',
      cues: [
        { department: 'STAGE_MANAGEMENT', title: 'Q&A: handheld mics to aisles' },
        { department: 'AUDIO', title: 'HH 2 and HH 3 live', trigger: 'AUTO_CONTINUE' },
        { department: 'CAMERA', title: 'CAM 3 follow questioner', offset: 10, fields: { shot: 'CLOSE' } },
      ],
    });
  segments.push({
    title: 'Walk-out',
    kind: 'WALK_OUT',
    minutes: 3,
    timer: 'NONE',
    cues: [
      { department: 'LIGHTING', title: 'Walk-out look, house up', fields: { look: '2' } },
      { department: 'AUDIO', title: 'Walk-out music', trigger: 'AUTO_CONTINUE' },
      { department: 'GRAPHICS', title: 'Next session and break slide', trigger: 'AUTO_CONTINUE' },
      { department: 'STAGE_MANAGEMENT', title: 'Clear stage, reset for next session', offset: 120 },
    ],
  });
  return segments;
}

/** The President's Club Awards Dinner: doors, dinner, welcome, five awards, the band. */
export function awardsDinner(people: Presenter[]): SegmentSpec[] {
  const host = people.find((p) => p.role === 'HOST');
  const presenter = people.find((p) => p.role === 'PRESENTER');
  const band = people.find((p) => p.role === 'PERFORMER');
  const award = (title: string): SegmentSpec => ({
    title,
    kind: 'AWARD',
    minutes: 6,
    presenter: presenter?.linkId,
    timer: 'COUNT_DOWN',
    cues: [
      { department: 'AUDIO', title: `Sting and walk-up: ${title}` },
      { department: 'GRAPHICS', title: `Winner reveal: ${title}`, offset: 30, trigger: 'MANUAL' },
      { department: 'LIGHTING', title: 'Winner special, confetti look', trigger: 'AUTO_CONTINUE', fields: { look: '40' } },
      { department: 'CAMERA', title: 'CAM 1 on the winner walking up', trigger: 'AUTO_CONTINUE', fields: { shot: 'CLOSE' } },
    ],
  });
  return [
    {
      title: 'Doors and cocktails',
      kind: 'WALK_IN',
      minutes: 45,
      timer: 'TIME_OF_DAY',
      cues: [
        { department: 'STAGE_MANAGEMENT', title: 'Doors open' },
        { department: 'AUDIO', title: 'Dinner jazz playlist', trigger: 'AUTO_CONTINUE' },
        { department: 'LIGHTING', title: 'Ballroom warm, tables pinspotted', trigger: 'AUTO_CONTINUE', fields: { look: '30' } },
      ],
    },
    {
      title: `Welcome: ${host?.name ?? 'the host'}`,
      kind: 'OPENING',
      minutes: 5,
      presenter: host?.linkId,
      cues: [
        { department: 'AUDIO', title: 'Music down; HH 1 live', speaker: host?.linkId },
        { department: 'LIGHTING', title: 'Stage up, house to half', trigger: 'AUTO_CONTINUE', fields: { look: '31' } },
      ],
    },
    {
      title: 'Dinner service',
      kind: 'BREAK',
      minutes: 50,
      timer: 'NONE',
      cues: [{ department: 'STAGE_MANAGEMENT', title: 'Banquet captain: service begins', notes: 'Luis Ortega on channel 3' }],
    },
    award('Rookie of the Year'),
    award('Partner of the Year'),
    award('Deal of the Year'),
    award('Leader of the Year'),
    award("President's Club"),
    {
      title: band ? `${band.name} live` : 'Band',
      kind: 'PERFORMANCE',
      minutes: 75,
      presenter: band?.linkId,
      timer: 'COUNT_UP',
      cues: [
        { department: 'LIGHTING', title: 'Band look, dance floor up', fields: { look: '50' } },
        { department: 'AUDIO', title: 'Band channels live', trigger: 'AUTO_CONTINUE' },
      ],
    },
  ];
}

/** Writes the segments and their cues, numbering each department from 1, and gives presenters their mics. */
/**
 * The clip a video cue plays, as an asset of the event (a presenter's story video rolls in each of
 * their sessions): the show open approved, the story videos received and not yet reviewed.
 */
async function clipAsset(db: Database, production: Actor, sessionId: string, name: string): Promise<void> {
  const { event_id: eventId } = await db.selectFrom('session').select('event_id').where('id', '=', sessionId).executeTakeFirstOrThrow();
  if (await db.selectFrom('asset').select('id').where('event_id', '=', eventId).where('name', '=', name).executeTakeFirst()) return;
  const shared = name.startsWith('SKO27_');
  const { result } = await createAsset(db, production, eventId, { name, kind: 'VIDEO' });
  const { result: received } = await receiveAssetVersion(db, production, result.id, null, {
    sizeBytes: shared ? 412_000_000 : 96_000_000,
    checksum: `sha256:${Buffer.from(name).toString('hex').slice(0, 16)}`,
    location: `show-server:/video/${name}`,
  });
  if (shared) await reviewAsset(db, production, result.id, received.version, 'APPROVED', null, 'PRODUCTION');
}

export async function seedShow(
  db: Database,
  production: Actor,
  sessionId: string,
  segments: SegmentSpec[],
  people: Presenter[],
): Promise<void> {
  const numbers = new Map<CueDepartment, number>();
  for (const spec of segments) {
    const { result: segment } = await createSegment(db, production, sessionId, {
      title: spec.title,
      kind: spec.kind,
      plannedSeconds: spec.minutes * 60,
      presenterId: spec.presenter ?? null,
      timerType: spec.timer ?? 'COUNT_DOWN',
      warningSeconds: spec.minutes >= 5 ? 120 : null,
      dangerSeconds: spec.minutes >= 5 ? 30 : null,
    });
    for (const cue of spec.cues) {
      const n = (numbers.get(cue.department) ?? 0) + 1;
      numbers.set(cue.department, n);
      for (const name of Object.values(cue.department === 'VIDEO' ? (cue.fields ?? {}) : {}))
        await clipAsset(db, production, sessionId, name);
      await createCue(db, production, sessionId, {
        number: String(n),
        department: cue.department,
        title: cue.title,
        notes: cue.notes ?? null,
        offsetSeconds: cue.offset ?? 0,
        durationSeconds: cue.duration ?? null,
        trigger: cue.trigger ?? 'MANUAL',
        segmentId: segment.id,
        speakerId: cue.speaker ?? null,
        fieldValues: Object.entries(cue.fields ?? {}).map(([key, value]) => ({ key, value })),
      });
    }
  }
  let lav = 0;
  for (const p of people) {
    const mic = p.role === 'HOST' ? 'HH 1' : p.role === 'PERFORMER' ? null : `Lav ${++lav}`;
    await updateSessionSpeaker(db, production, p.linkId, p.version, {
      mic,
      micKind: p.role === 'HOST' ? 'HANDHELD' : p.role === 'PERFORMER' ? 'NONE' : null,
      walkUpMusic: p.role === 'HOST' ? 'Showtime (house band sting)' : p.role === 'PERFORMER' ? null : `Walk-up for ${p.name}`,
    });
  }
}
