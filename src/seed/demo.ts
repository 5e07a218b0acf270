import { createApiToken } from '../auth/tokens.js';
import type { Database } from '../db/client.js';
import type { CueDepartment, PresentationFormat, SessionKind, SpeakerRole } from '../db/types.js';
import type { Actor } from '../db/write.js';
import { addDays, localDay, zonedInstant } from '../domain/time.js';
import { addEventMember, createEvent } from '../domain/event/event.js';
import { createContact } from '../domain/contacts/contacts.js';
import { seedRegistration, seedSignUps } from './demo-registration.js';
import { seedTravel } from './demo-travel.js';
import { seedHousing } from './demo-housing.js';
import { seedMeals } from './demo-meals.js';
import { seedProduction } from './demo-production.js';
import { seedRequirements } from './demo-requirements.js';
import { seedContracts } from './demo-contracts.js';
import { seedFunctionOrders } from './demo-beo.js';
import { seedBudget } from './demo-budget.js';
import { seedPlan } from './demo-plan.js';
import { seedCrew } from './demo-crew.js';
import { createCue } from '../domain/runofshow/runofshow.js';
import { addSessionSpeaker, createSession, createSpeaker } from '../domain/schedule/schedule.js';
import { createRoom, createVenue } from '../domain/venue/venue.js';
import { awardsDinner, defineDemoFields, generalSession, seedShow, type Presenter } from './demo-shows.js';

const AWARDS_DINNER = "President's Club Awards Dinner";

export const DEMO_EVENT_NAME = 'Northwind Sales Kickoff 2027';
export type DemoTokens = { client: string; management: string; production: string };

const TIMEZONE = 'America/Los_Angeles';
const DAYS = ['2027-01-26', '2027-01-27', '2027-01-28'];

/** A local wall-clock time on the event's day as an instant, in the event's zone. */
function at(day: string, hhmm: string): Date {
  return zonedInstant(day, hhmm, TIMEZONE);
}

/** The day the demo's first day falls on by default; `--today` moves the whole event to start today. */
export const DEMO_FIRST_DAY = DAYS[0]!;

/** Today in the demo event's time zone. */
export const demoToday = () => localDay(new Date(), TIMEZONE);

const SPEAKERS: { key: string; name: string; company: string; jobTitle: string; arrive: string; leave: string }[] = [
  {
    key: 'ceo',
    name: 'Elena Vasquez',
    company: 'Northwind Traders',
    jobTitle: 'Chief Executive Officer',
    arrive: '2027-01-25T15:00',
    leave: '2027-01-28T16:00',
  },
  {
    key: 'cro',
    name: 'James Okafor',
    company: 'Northwind Traders',
    jobTitle: 'Chief Revenue Officer',
    arrive: '2027-01-25T18:30',
    leave: '2027-01-28T17:00',
  },
  {
    key: 'cpo',
    name: 'Mei Tanaka',
    company: 'Northwind Traders',
    jobTitle: 'Chief Product Officer',
    arrive: '2027-01-25T20:00',
    leave: '2027-01-27T20:00',
  },
  {
    key: 'cmo',
    name: 'Lucas Brandt',
    company: 'Northwind Traders',
    jobTitle: 'Chief Marketing Officer',
    arrive: '2027-01-26T07:00',
    leave: '2027-01-28T14:00',
  },
  {
    key: 'cco',
    name: 'Aisha Rahman',
    company: 'Northwind Traders',
    jobTitle: 'Chief Customer Officer',
    arrive: '2027-01-25T16:00',
    leave: '2027-01-28T16:00',
  },
  {
    key: 'vpsales',
    name: 'Tom Henderson',
    company: 'Northwind Traders',
    jobTitle: 'VP Sales, Americas',
    arrive: '2027-01-25T12:00',
    leave: '2027-01-28T15:00',
  },
  {
    key: 'vpemea',
    name: 'Sofia Lindqvist',
    company: 'Northwind Traders',
    jobTitle: 'VP Sales, EMEA',
    arrive: '2027-01-25T21:00',
    leave: '2027-01-28T18:00',
  },
  {
    key: 'vpapac',
    name: 'Rahul Mehta',
    company: 'Northwind Traders',
    jobTitle: 'VP Sales, APAC',
    arrive: '2027-01-26T06:00',
    leave: '2027-01-28T20:00',
  },
  {
    key: 'vpcs',
    name: 'Grace Kim',
    company: 'Northwind Traders',
    jobTitle: 'VP Customer Success',
    arrive: '2027-01-25T17:00',
    leave: '2027-01-28T15:00',
  },
  {
    key: 'vppart',
    name: 'Daniel Moreau',
    company: 'Northwind Traders',
    jobTitle: 'VP Partnerships',
    arrive: '2027-01-25T19:00',
    leave: '2027-01-28T13:00',
  },
  {
    key: 'pm1',
    name: 'Hannah Schultz',
    company: 'Northwind Traders',
    jobTitle: 'Director of Product',
    arrive: '2027-01-25T18:00',
    leave: '2027-01-28T15:00',
  },
  {
    key: 'pm2',
    name: 'Oliver Grant',
    company: 'Northwind Traders',
    jobTitle: 'Principal Product Manager',
    arrive: '2027-01-25T18:00',
    leave: '2027-01-28T15:00',
  },
  {
    key: 'se1',
    name: 'Priscilla Adeyemi',
    company: 'Northwind Traders',
    jobTitle: 'Head of Solutions Engineering',
    arrive: '2027-01-25T14:00',
    leave: '2027-01-28T15:00',
  },
  {
    key: 'se2',
    name: 'Marcus Feld',
    company: 'Northwind Traders',
    jobTitle: 'Senior Solutions Engineer',
    arrive: '2027-01-25T14:00',
    leave: '2027-01-28T15:00',
  },
  {
    key: 'enable',
    name: 'Lauren Pierce',
    company: 'Northwind Traders',
    jobTitle: 'Director of Sales Enablement',
    arrive: '2027-01-25T11:00',
    leave: '2027-01-28T17:00',
  },
  {
    key: 'ops',
    name: 'Victor Chen',
    company: 'Northwind Traders',
    jobTitle: 'VP Revenue Operations',
    arrive: '2027-01-25T16:00',
    leave: '2027-01-28T15:00',
  },
  {
    key: 'lead1',
    name: 'Nadia Petrova',
    company: 'Northwind Traders',
    jobTitle: 'Regional Director, Central',
    arrive: '2027-01-25T16:00',
    leave: '2027-01-28T15:00',
  },
  {
    key: 'lead2',
    name: 'Kwame Asante',
    company: 'Northwind Traders',
    jobTitle: 'Regional Director, West',
    arrive: '2027-01-25T16:00',
    leave: '2027-01-28T15:00',
  },
  {
    key: 'cust1',
    name: 'Rebecca Thornton',
    company: 'Contoso Pharmaceuticals',
    jobTitle: 'CIO',
    arrive: '2027-01-27T08:00',
    leave: '2027-01-27T19:00',
  },
  {
    key: 'cust2',
    name: 'Diego Alvarez',
    company: 'Fabrikam Logistics',
    jobTitle: 'Head of Operations',
    arrive: '2027-01-27T09:30',
    leave: '2027-01-27T21:00',
  },
  {
    key: 'cust3',
    name: 'Yuki Sato',
    company: 'Tailspin Retail',
    jobTitle: 'VP Digital',
    arrive: '2027-01-27T07:00',
    leave: '2027-01-28T12:00',
  },
  {
    key: 'partner1',
    name: 'Samuel Brooks',
    company: 'Adatum Consulting',
    jobTitle: 'Managing Partner',
    arrive: '2027-01-26T09:00',
    leave: '2027-01-27T12:00',
  },
  {
    key: 'partner2',
    name: 'Ingrid Halvorsen',
    company: 'Litware Systems',
    jobTitle: 'Alliances Director',
    arrive: '2027-01-26T09:00',
    leave: '2027-01-27T12:00',
  },
  {
    key: 'guest',
    name: 'Captain Maya Torres',
    company: 'Independent',
    jobTitle: 'Astronaut and Author',
    arrive: '2027-01-28T07:30',
    leave: '2027-01-28T14:00',
  },
  { key: 'emcee', name: 'Chris Donovan', company: 'Donovan Live', jobTitle: 'Host', arrive: '2027-01-25T17:00', leave: '2027-01-28T16:00' },
  {
    key: 'band',
    name: 'The Harbor Lights',
    company: 'Harbor Lights Music',
    jobTitle: 'Band',
    arrive: '2027-01-27T15:00',
    leave: '2027-01-28T01:00',
  },
];

type Slot = {
  day: number;
  start: string;
  end: string;
  title: string;
  kind: SessionKind;
  room: string;
  track?: string;
  format?: PresentationFormat;
  speakers?: [string, SpeakerRole][];
  description?: string;
};

const GS = 'Pacific Ballroom';
const MEALS = 'Sails Pavilion';
const TRACKS: [string, string][] = [
  ['Sales', 'Marina 1'],
  ['Product', 'Marina 2'],
  ['Customer Success', 'Marina 3'],
  ['Partners', 'Marina 4'],
  ['Leadership', 'Marina 5'],
];
const BREAKOUT_TOPICS: Record<string, [string, [string, SpeakerRole][]][]> = {
  Sales: [
    ['Winning Multi-Threaded Deals', [['vpsales', 'PRESENTER']]],
    ['Pricing Conversations That Close', [['enable', 'PRESENTER']]],
    [
      'Territory Planning Workshop',
      [
        ['lead1', 'PRESENTER'],
        ['lead2', 'PRESENTER'],
      ],
    ],
    ['EMEA Playbook', [['vpemea', 'PRESENTER']]],
    ['APAC Growth Markets', [['vpapac', 'PRESENTER']]],
  ],
  Product: [
    ['Roadmap Deep Dive', [['pm1', 'PRESENTER']]],
    [
      'Demo Lab: What Is New in 2027',
      [
        ['se1', 'PRESENTER'],
        ['se2', 'PRESENTER'],
      ],
    ],
    ['Integrations That Sell', [['pm2', 'PRESENTER']]],
    [
      'Competitive Landscape',
      [
        ['pm1', 'PRESENTER'],
        ['se1', 'PANELIST'],
      ],
    ],
    [
      'Ask the Product Team',
      [
        ['cpo', 'PANELIST'],
        ['pm2', 'PANELIST'],
        ['pm1', 'MODERATOR'],
      ],
    ],
  ],
  'Customer Success': [
    ['From Onboarding to Advocacy', [['vpcs', 'PRESENTER']]],
    ['Renewals Without Surprises', [['ops', 'PRESENTER']]],
    [
      'Customer Voices',
      [
        ['cust3', 'PANELIST'],
        ['vpcs', 'MODERATOR'],
      ],
    ],
    ['Health Scores in Practice', [['ops', 'PRESENTER']]],
    ['Escalations Clinic', [['vpcs', 'PRESENTER']]],
  ],
  Partners: [
    [
      'Co-Selling With Alliances',
      [
        ['vppart', 'PRESENTER'],
        ['partner2', 'PANELIST'],
      ],
    ],
    ['Building a Services Practice', [['partner1', 'PRESENTER']]],
    ['Marketplace Motions', [['vppart', 'PRESENTER']]],
    ['Partner Incentives 2027', [['vppart', 'PRESENTER']]],
    ['Partner Office Hours', [['vppart', 'HOST']]],
  ],
  Leadership: [
    ['Coaching High Performers', [['cro', 'PRESENTER']]],
    ['Forecasting With Confidence', [['ops', 'PRESENTER']]],
    ['Hiring for the Next Stage', [['cco', 'PRESENTER']]],
    ['Leading Through Change', [['ceo', 'PRESENTER']]],
    [
      'Manager Roundtable',
      [
        ['lead1', 'MODERATOR'],
        ['lead2', 'PANELIST'],
      ],
    ],
  ],
};

function schedule(): Slot[] {
  const slots: Slot[] = [];
  const breakouts = (day: number, round: number, start: string, end: string) => {
    for (const [track, room] of TRACKS) {
      const [title, speakers] = BREAKOUT_TOPICS[track]![round]!;
      slots.push({
        day,
        start,
        end,
        title,
        kind: 'BREAKOUT',
        room,
        track,
        format: title.includes('Demo') ? 'LIVE_DEMO' : 'SLIDES',
        speakers,
      });
    }
  };
  for (let day = 0; day < 3; day++) {
    slots.push({ day, start: '07:30', end: '08:45', title: 'Breakfast', kind: 'MEAL', room: MEALS, format: 'NONE' });
  }
  slots.push(
    {
      day: 0,
      start: '09:00',
      end: '10:30',
      title: 'Opening General Session: One Team, One Year',
      kind: 'GENERAL_SESSION',
      room: GS,
      format: 'SLIDES',
      speakers: [
        ['emcee', 'HOST'],
        ['ceo', 'PRESENTER'],
        ['cro', 'PRESENTER'],
      ],
      description: 'Welcome, the 2026 story and the plan for 2027.',
    },
    { day: 0, start: '10:30', end: '10:50', title: 'Coffee Break', kind: 'BREAK', room: MEALS, format: 'NONE' },
    {
      day: 0,
      start: '10:50',
      end: '11:45',
      title: 'Keynote: The Customer Decade',
      kind: 'KEYNOTE',
      room: GS,
      format: 'VIDEO',
      speakers: [['cco', 'PRESENTER']],
    },
    { day: 0, start: '12:00', end: '13:00', title: 'Lunch', kind: 'MEAL', room: MEALS, format: 'NONE' },
    {
      day: 0,
      start: '15:45',
      end: '16:45',
      title: 'Panel: Regional Leaders on the Year Ahead',
      kind: 'PANEL',
      room: GS,
      format: 'PANEL',
      speakers: [
        ['vpsales', 'PANELIST'],
        ['vpemea', 'PANELIST'],
        ['vpapac', 'PANELIST'],
        ['cro', 'MODERATOR'],
      ],
    },
    {
      day: 0,
      start: '19:00',
      end: '22:30',
      title: 'Welcome Reception on the Terrace',
      kind: 'EVENING_EVENT',
      room: 'Terrace Lawn',
      format: 'NONE',
    },
    {
      day: 1,
      start: '09:00',
      end: '10:15',
      title: 'General Session: Product Vision 2027',
      kind: 'GENERAL_SESSION',
      room: GS,
      format: 'LIVE_DEMO',
      speakers: [
        ['emcee', 'HOST'],
        ['cpo', 'PRESENTER'],
        ['se1', 'PRESENTER'],
      ],
    },
    { day: 1, start: '10:15', end: '10:35', title: 'Coffee Break', kind: 'BREAK', room: MEALS, format: 'NONE' },
    {
      day: 1,
      start: '10:35',
      end: '11:30',
      title: 'Keynote: Brand, Demand and the Buyer Journey',
      kind: 'KEYNOTE',
      room: GS,
      format: 'SLIDES',
      speakers: [['cmo', 'PRESENTER']],
    },
    { day: 1, start: '12:00', end: '13:00', title: 'Lunch', kind: 'MEAL', room: MEALS, format: 'NONE' },
    {
      day: 1,
      start: '16:00',
      end: '17:00',
      title: 'Customer Stories: Live on Stage',
      kind: 'PANEL',
      room: GS,
      format: 'FIRESIDE_CHAT',
      speakers: [
        ['cust1', 'PANELIST'],
        ['cust2', 'PANELIST'],
        ['cust3', 'PANELIST'],
        ['cco', 'MODERATOR'],
      ],
    },
    {
      day: 1,
      start: '19:00',
      end: '23:00',
      title: AWARDS_DINNER,
      kind: 'EVENING_EVENT',
      room: MEALS,
      format: 'PERFORMANCE',
      speakers: [
        ['emcee', 'HOST'],
        ['ceo', 'PRESENTER'],
        ['band', 'PERFORMER'],
      ],
    },
    {
      day: 2,
      start: '09:00',
      end: '10:30',
      title: 'General Session: Go-To-Market Plan',
      kind: 'GENERAL_SESSION',
      room: GS,
      format: 'SLIDES',
      speakers: [
        ['emcee', 'HOST'],
        ['cro', 'PRESENTER'],
        ['vppart', 'PRESENTER'],
      ],
    },
    {
      day: 2,
      start: '12:00',
      end: '13:00',
      title: 'Closing General Session: Beyond the Horizon',
      kind: 'GENERAL_SESSION',
      room: GS,
      format: 'VIDEO',
      speakers: [
        ['emcee', 'HOST'],
        ['guest', 'PRESENTER'],
        ['ceo', 'PRESENTER'],
      ],
    },
    { day: 2, start: '13:00', end: '14:00', title: 'Grab-and-Go Lunch', kind: 'MEAL', room: MEALS, format: 'NONE' },
  );
  breakouts(0, 0, '13:15', '14:15');
  breakouts(0, 1, '14:30', '15:30');
  breakouts(1, 2, '13:15', '14:15');
  breakouts(1, 3, '14:30', '15:30');
  breakouts(2, 4, '10:45', '11:45');
  return slots.sort((a, b) => a.day - b.day || a.start.localeCompare(b.start));
}

type CueSpec = {
  department: CueDepartment;
  title: string;
  offset: number;
  duration?: number;
  notes?: string;
  trigger?: 'MANUAL' | 'AUTO_CONTINUE' | 'AUTO_FOLLOW' | 'TIMED';
};

/** A general-session run-of-show: walk-in, open, one segment per speaker, video rolls, walk-out. */
function runOfShow(slot: Slot, speakerNames: string[]): CueSpec[] {
  const cues: CueSpec[] = [
    {
      department: 'STAGE_MANAGEMENT',
      title: 'Doors open — house open',
      offset: 0,
      notes: 'Confirm with registration that the foyer is ready',
    },
    { department: 'AUDIO', title: 'Walk-in playlist up', offset: 0, trigger: 'AUTO_CONTINUE' },
    { department: 'GRAPHICS', title: 'Walk-in loop on all screens', offset: 0, trigger: 'AUTO_CONTINUE' },
    { department: 'LIGHTING', title: 'Walk-in look: house full, stage blue wash', offset: 0, trigger: 'AUTO_CONTINUE' },
    { department: 'CAMERA', title: 'CAM 3 wide of house for IMAG rehearsal', offset: 60 },
    { department: 'STAGE_MANAGEMENT', title: 'Five-minute call to talent', offset: 120 },
    { department: 'AUDIO', title: 'VOG: please take your seats', offset: 180, notes: 'Voice of God, pre-recorded' },
    { department: 'LIGHTING', title: 'House to half', offset: 240 },
    { department: 'AUDIO', title: 'Walk-in music fade out', offset: 240, trigger: 'AUTO_CONTINUE' },
    { department: 'LIGHTING', title: 'House out, stage dark', offset: 250 },
    { department: 'VIDEO', title: 'Roll open video', offset: 255, duration: 120, notes: 'Stereo audio from playback' },
    { department: 'GRAPHICS', title: 'Event logo sting', offset: 375, trigger: 'AUTO_CONTINUE' },
  ];
  let t = 390;
  const perSpeaker = Math.max(
    300,
    Math.floor(
      ((new Date(`2000-01-01T${slot.end}`).getTime() - new Date(`2000-01-01T${slot.start}`).getTime()) / 1000 - 700) /
        Math.max(1, speakerNames.length),
    ),
  );
  speakerNames.forEach((name, i) => {
    cues.push(
      { department: 'AUDIO', title: `Walk-on music for ${name}`, offset: t },
      { department: 'LIGHTING', title: `Podium special up for ${name}`, offset: t, trigger: 'AUTO_CONTINUE' },
      { department: 'AUDIO', title: `Lav ${i + 1} live (${name})`, offset: t + 10, trigger: 'AUTO_CONTINUE' },
      { department: 'CAMERA', title: `CAM 1 mid shot on ${name}`, offset: t + 10 },
      { department: 'GRAPHICS', title: `Lower third: ${name}`, offset: t + 15, duration: 8 },
      { department: 'GRAPHICS', title: `Slides: ${name} deck, slide 1`, offset: t + 30 },
      { department: 'CAMERA', title: 'CAM 2 reverse on audience', offset: t + Math.floor(perSpeaker / 3) },
      { department: 'LIGHTING', title: 'Audience light up for interaction', offset: t + Math.floor(perSpeaker / 2) },
      { department: 'LIGHTING', title: 'Audience light down', offset: t + Math.floor(perSpeaker / 2) + 60 },
      { department: 'VIDEO', title: `Roll video: ${name} segment story`, offset: t + Math.floor((perSpeaker * 2) / 3), duration: 90 },
      { department: 'GRAPHICS', title: 'Back to slides', offset: t + Math.floor((perSpeaker * 2) / 3) + 90, trigger: 'AUTO_CONTINUE' },
      { department: 'AUDIO', title: `Lav ${i + 1} out; play-off music`, offset: t + perSpeaker - 20 },
      { department: 'LIGHTING', title: 'Podium special out, stage wash', offset: t + perSpeaker - 15, trigger: 'AUTO_CONTINUE' },
    );
    if (i === 0) cues.push({ department: 'STAGING', title: 'Set lectern stage left', offset: t - 30, notes: 'Stagehands in blacks' });
    t += perSpeaker;
  });
  cues.push(
    { department: 'STAGE_MANAGEMENT', title: 'Q&A: handheld mics to aisles', offset: t },
    { department: 'AUDIO', title: 'Handheld 1 and 2 live', offset: t + 5, trigger: 'AUTO_CONTINUE' },
    { department: 'CAMERA', title: 'CAM 3 follow questioner', offset: t + 10 },
    { department: 'LIGHTING', title: 'Walk-out look, house up', offset: t + 240 },
    { department: 'AUDIO', title: 'Walk-out music', offset: t + 240, trigger: 'AUTO_CONTINUE' },
    { department: 'GRAPHICS', title: 'Next session and break slide', offset: t + 245, trigger: 'AUTO_CONTINUE' },
    { department: 'STAGE_MANAGEMENT', title: 'Clear stage, reset for next session', offset: t + 300 },
  );
  return cues;
}

/** Seeds the demo event through the domain functions, so it has the history any event would have. */
export async function seedDemo(db: Database, options: { firstDay?: string } = {}): Promise<DemoTokens> {
  // Every day and time moves by whole days, so the demo can be live now (wall-clock times stay).
  const shift = Math.round((Date.parse(options.firstDay ?? DEMO_FIRST_DAY) - Date.parse(DEMO_FIRST_DAY)) / 86_400_000);
  const days = DAYS.map((day) => addDays(day, shift));
  const localInstant = (dateTime: string) => at(addDays(dateTime.slice(0, 10), shift), dateTime.slice(11, 16));
  const orgs = await db
    .insertInto('organization')
    .values([
      { name: 'Northwind Traders', kind: 'CLIENT' },
      { name: 'Bluebird Event Management', kind: 'MANAGEMENT_AGENCY' },
      { name: 'Lumen Live Productions', kind: 'PRODUCTION_AGENCY' },
    ])
    .returning(['id', 'kind'])
    .execute();
  const orgOf = (kind: string) => orgs.find((o) => o.kind === kind)!.id;
  const users = await db
    .insertInto('app_user')
    .values([
      // Each administers its organization: adds colleagues and gives them tokens (createUser, createApiToken).
      { organization_id: orgOf('CLIENT'), name: 'Dana Whitfield', email: 'dana.whitfield@northwind.example', is_organization_admin: true },
      {
        organization_id: orgOf('MANAGEMENT_AGENCY'),
        name: 'Marco Reyes',
        email: 'marco.reyes@bluebird.example',
        is_organization_admin: true,
      },
      {
        organization_id: orgOf('PRODUCTION_AGENCY'),
        name: 'Priya Natarajan',
        email: 'priya.natarajan@lumenlive.example',
        is_organization_admin: true,
      },
    ])
    .returning(['id', 'organization_id'])
    .execute();
  const userOf = (kind: string) => users.find((u) => u.organization_id === orgOf(kind))!.id;
  const management: Actor = { userId: userOf('MANAGEMENT_AGENCY'), organizationId: orgOf('MANAGEMENT_AGENCY') };
  const production: Actor = { userId: userOf('PRODUCTION_AGENCY'), organizationId: orgOf('PRODUCTION_AGENCY') };

  const { result: event } = await createEvent(db, management, {
    name: DEMO_EVENT_NAME,
    timezone: TIMEZONE,
    startDate: days[0]!,
    endDate: days[2]!,
    status: 'CONFIRMED',
    clientOrganizationId: orgOf('CLIENT'),
  });
  await addEventMember(db, management, event.id, orgOf('CLIENT'), 'CLIENT');
  // The client appoints its production agency (src/auth/matrix.ts: appointProduction).
  const clientActor: Actor = { userId: userOf('CLIENT'), organizationId: orgOf('CLIENT') };
  await addEventMember(db, clientActor, event.id, orgOf('PRODUCTION_AGENCY'), 'PRODUCTION');

  const { result: venue } = await createVenue(db, management, event.id, {
    name: 'Harborview Convention Center',
    address: '111 Harbor Drive',
    city: 'San Diego',
    country: 'United States',
  });
  const rooms = new Map<string, string>();
  const roomSpecs: [string, 'GENERAL_SESSION' | 'BREAKOUT' | 'BALLROOM' | 'OUTDOOR', number, string, number][] = [
    [GS, 'GENERAL_SESSION', 1800, 'Theatre, thrust stage, three screens with IMAG', 30],
    [MEALS, 'BALLROOM', 1600, 'Rounds of ten, band stage', 45],
    ['Terrace Lawn', 'OUTDOOR', 1500, 'Cocktail, food stations, DJ riser', 60],
    ...TRACKS.map(([, room], i): [string, 'BREAKOUT', number, string, number] => [
      room,
      'BREAKOUT',
      120 + i * 20,
      'Classroom, single screen',
      10,
    ]),
  ];
  for (const [name, kind, capacity, setup, changeoverMinutes] of roomSpecs) {
    // The fire marshal's limit sits a little above the usual setup's seats.
    const fireCodeCapacity = Math.round(capacity * 1.1);
    const { result } = await createRoom(db, management, event.id, {
      venueId: venue.id,
      name,
      kind,
      capacity,
      fireCodeCapacity,
      setup,
      changeoverMinutes,
    });
    rooms.set(name, result.id);
  }

  // Who to call on site (the contacts area). The show caller's mobile is for production and management.
  const contacts = [
    { name: 'Marco Reyes', organizationId: orgOf('MANAGEMENT_AGENCY'), role: 'Event manager', phone: '+1 619 555 0142', day: 0 },
    {
      name: 'Priya Natarajan',
      organizationId: orgOf('PRODUCTION_AGENCY'),
      role: 'Show caller',
      phone: '+1 619 555 0177',
      isPrivate: true,
      day: 0,
    },
    { name: 'Luis Ortega', company: 'Harborview Convention Center', role: 'Banquet captain', phone: '+1 619 555 0110', day: 1 },
  ];
  for (const { day, ...contact } of contacts) {
    await createContact(db, management, event.id, {
      ...contact,
      email: `${contact.name.toLowerCase().replace(/[^a-z]+/g, '.')}@onsite.example`,
      onSiteFrom: at(days[day]!, '07:00'),
      onSiteUntil: at(days[2]!, '23:00'),
    });
  }

  await defineDemoFields(db, production, event.id);
  await seedRegistration(db, management, event.id);

  const speakers = new Map<string, { id: string; name: string }>();
  for (const s of SPEAKERS) {
    const { result } = await createSpeaker(db, management, event.id, {
      name: s.name,
      company: s.company,
      jobTitle: s.jobTitle,
      email: `${s.name.toLowerCase().replace(/[^a-z]+/g, '.')}@speakers.example`,
      arrivalAt: localInstant(s.arrive),
      departureAt: localInstant(s.leave),
    });
    speakers.set(s.key, { id: result.id, name: s.name });
  }

  for (const slot of schedule()) {
    const day = days[slot.day]!;
    const { result: session } = await createSession(db, management, event.id, {
      roomId: rooms.get(slot.room)!,
      title: slot.title,
      description: slot.description ?? null,
      kind: slot.kind,
      track: slot.track ?? null,
      startsAt: at(day, slot.start),
      endsAt: at(day, slot.end),
      presentationFormat: slot.format ?? null,
      // A general session ends on time whatever happens: the ballroom flips for what follows.
      hardOutAt: slot.kind === 'GENERAL_SESSION' ? at(day, slot.end) : null,
    });
    const people: Presenter[] = [];
    for (const [key, role] of slot.speakers ?? []) {
      const { result: link } = await addSessionSpeaker(db, management, { sessionId: session.id, speakerId: speakers.get(key)!.id, role });
      people.push({ linkId: link.id, version: link.version, name: speakers.get(key)!.name, role });
    }
    // General sessions and the awards dinner run by segment, to their hard out (demo-shows.ts).
    const minutes = (Date.parse(`2000-01-01T${slot.end}`) - Date.parse(`2000-01-01T${slot.start}`)) / 60_000;
    if (slot.kind === 'GENERAL_SESSION') {
      await seedShow(db, production, session.id, generalSession(minutes, people), people);
    } else if (slot.title === AWARDS_DINNER) {
      await seedShow(db, production, session.id, awardsDinner(people), people);
    } else if (slot.room === GS) {
      const names = (slot.speakers ?? []).filter(([, role]) => role !== 'HOST').map(([key]) => speakers.get(key)!.name);
      const numbers = new Map<CueDepartment, number>();
      for (const cue of runOfShow(slot, names)) {
        const n = (numbers.get(cue.department) ?? 0) + 1;
        numbers.set(cue.department, n);
        await createCue(db, production, session.id, {
          number: String(n),
          department: cue.department,
          title: cue.title,
          notes: cue.notes ?? null,
          offsetSeconds: cue.offset,
          durationSeconds: cue.duration ?? null,
          trigger: cue.trigger ?? 'MANUAL',
        });
      }
    }
  }

  await seedSignUps(db, management, event.id);
  await seedTravel(db, management, event.id);
  await seedHousing(db, management, event.id);
  await seedMeals(db, management, event.id, userOf('CLIENT'));
  await seedProduction(db, management, production, event.id);
  await seedRequirements(db, management, production, event.id);
  await seedCrew(db, production, event.id);
  await seedContracts(db, management, orgOf('PRODUCTION_AGENCY'), event.id);
  await seedFunctionOrders(db, management, clientActor, event.id);
  await seedBudget(db, management, clientActor, event.id);
  await seedPlan(db, management, production, event.id, demoToday());

  const [client, manager, producer] = await Promise.all([
    createApiToken(db, userOf('CLIENT'), 'demo'),
    createApiToken(db, userOf('MANAGEMENT_AGENCY'), 'demo'),
    createApiToken(db, userOf('PRODUCTION_AGENCY'), 'demo'),
  ]);
  return { client: client.token, management: manager.token, production: producer.token };
}

export async function isDemoSeeded(db: Database): Promise<boolean> {
  const row = await db.selectFrom('event').select('id').where('name', '=', DEMO_EVENT_NAME).executeTakeFirst();
  return Boolean(row);
}
