import { createCandidate } from '../src/domain/selection/candidates.js';
import { createTask } from '../src/domain/timeline/tasks.js';
import { createTaskTemplate } from '../src/domain/timeline/templates.js';
import { createBudgetVersion, updateBudgetVersion } from '../src/domain/budget/budget.js';
import { createFunctionOrder } from '../src/domain/beo/beo.js';
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { actionsFor, roleMay, type Rule } from '../src/auth/matrix.js';
import { FIELD_RULES } from '../src/auth/field-rules.js';
import { createApiToken, viewerForToken } from '../src/auth/tokens.js';
import { hasRowRule, visibleIds } from '../src/auth/row-rules.js';
import { EDITABLE_TABLES, tableOf, type EditableTable } from '../src/db/entities.js';
import type { MemberRole } from '../src/db/types.js';
import { startSegment } from '../src/domain/live/segments.js';
import { holdSession } from '../src/domain/live/holds.js';
import { warnCue } from '../src/domain/live/standby.js';
import { startRehearsal } from '../src/domain/live/rehearsal.js';
import { createSegment } from '../src/domain/runofshow/segments.js';
import { createAttendee } from '../src/domain/registration/registration.js';
import { registerForSession } from '../src/domain/registration/signups.js';
import { createItem } from '../src/domain/gear/inventory.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import { createCall, createMember } from '../src/domain/crew/crew.js';
import { makeChangeOrder, openRequest } from '../src/domain/requests/requests.js';
import { createContract, createVendor as createContractVendor, signContract } from '../src/domain/contracts/contracts.js';
import { clientUser, gid, makeWorld, persona, type Persona } from './helpers/world.js';

/**
 * Generated from the printed schema: every root field and mutation, called by every persona,
 * must have the outcome its rule in src/auth/matrix.ts promises.
 */
const sdl = buildSchema(fs.readFileSync(path.resolve('schema/schema.graphql'), 'utf8'));
const queryFields = Object.values(sdl.getQueryType()!.getFields());
const mutationFields = Object.values(sdl.getMutationType()!.getFields());
const subscriptionFields = Object.values(sdl.getSubscriptionType()!.getFields());

type PersonaName = 'anonymous' | 'stranger' | 'client' | 'management' | 'production' | 'admin';
const PERSONAS: PersonaName[] = ['anonymous', 'stranger', 'client', 'management', 'production', 'admin'];
const ROLE: Partial<Record<PersonaName, MemberRole>> = { client: 'CLIENT', management: 'MANAGEMENT', production: 'PRODUCTION' };
const KIND = {
  stranger: 'MANAGEMENT_AGENCY',
  client: 'CLIENT',
  management: 'MANAGEMENT_AGENCY',
  production: 'PRODUCTION_AGENCY',
  admin: 'CLIENT',
} as const;
type Outcome = 'ok' | 'unauthenticated' | 'forbidden' | 'notFound';

function expected(rule: Rule, who: PersonaName, input: Record<string, unknown>): Outcome {
  if (rule.kind === 'public') return 'ok';
  if (who === 'anonymous') return 'unauthenticated';
  if (who === 'admin') return 'ok';
  switch (rule.kind) {
    case 'authenticated':
      return 'ok';
    case 'admin':
    case 'userAdmin': // none of these personas administers its organization (tests/accounts.test.ts covers those who do)
      return 'forbidden';
    case 'organization':
      return rule.organizationKinds.includes(KIND[who]) ? 'ok' : 'forbidden';
    case 'event': {
      const role = ROLE[who];
      if (!role) return 'notFound';
      return actionsFor(rule, input).every((action) => roleMay(role, action)) ? 'ok' : 'forbidden';
    }
  }
}

let t: TestDatabase;
let app: App;
let stranger: Persona;
let admin: Persona;
let serial = 0;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db });
  stranger = await persona(t.db, 'MANAGEMENT_AGENCY', 'stranger');
  admin = await persona(t.db, 'CLIENT', 'admin', true);
});

type World = Awaited<ReturnType<typeof makeWorld>> & {
  outsiderOrgId: string;
  vendorMemberId: string;
  sessionSpeakerId: string;
  speakerId: string;
  waitingSegmentId: string;
};

async function world(): Promise<World> {
  const w = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 2 });
  const vendor = await t.db
    .insertInto('organization')
    .values({ name: `Vendor ${serial++}`, kind: 'PRODUCTION_AGENCY' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const member = await t.db
    .insertInto('event_member')
    .values({ event_id: w.event.id, organization_id: vendor.id, role: 'PRODUCTION' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const outsider = await t.db
    .insertInto('organization')
    .values({ name: `Outsider ${serial++}`, kind: 'CLIENT' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const assignment = await t.db
    .selectFrom('session_speaker')
    .select('id')
    .where('session_id', '=', w.sessionIds[0]!)
    .executeTakeFirstOrThrow();
  // A speaker of the event who is in no session yet, so assigning them is valid.
  const speaker = await t.db
    .insertInto('speaker')
    .values({ event_id: w.event.id, name: 'Spare Speaker' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The first session runs its segment, so the room's stage has a timer to add time to and pause,
  // and it was held once (a hold to release); a second segment waits, to be edited and moved.
  await startSegment(t.db, w.production.actor, w.sessionIds[0]!, w.segmentId);
  await holdSession(t.db, w.production.actor, w.sessionIds[0]!, 'Hold for the CEO');
  // The first cue stands by, so its operator has a standby to answer.
  await warnCue(t.db, w.production.actor, w.cueIds[0]!);
  // The second session is being rehearsed (a rehearsal to end; starting it again changes nothing).
  await startRehearsal(t.db, w.production.actor, w.sessionIds[1]!);
  const { result: waiting } = await createSegment(t.db, w.production.actor, w.sessionIds[0]!, {
    title: 'Awards',
    kind: 'AWARD',
    plannedSeconds: 600,
  });
  return {
    ...w,
    outsiderOrgId: outsider.id,
    vendorMemberId: member.id,
    sessionSpeakerId: assignment.id,
    speakerId: speaker.id,
    waitingSegmentId: waiting.id,
  };
}

function tokenOf(w: World, who: PersonaName): string | undefined {
  if (who === 'anonymous') return undefined;
  if (who === 'stranger') return stranger.token;
  if (who === 'admin') return admin.token;
  return w[who].token;
}

async function spareAttendee(w: World): Promise<string> {
  const { result } = await createAttendee(t.db, w.management.actor, w.event.id, {
    name: 'Spare Attendee',
    email: `spare.${serial++}@test.example`,
    status: 'REGISTERED',
  });
  return result.id;
}

/** The type whose id an input named `name` of the mutation `field` takes. */
function nounOf(field: string, name: string): string {
  if (field === 'node' || field === 'nodes') return 'Session';
  if (field === 'claimSessionSeat') return 'SessionRegistration';
  if (field === 'substituteAttendee' || field === 'updateAttendeeHealth') return 'Attendee';
  if (field === 'moveRehearsal' || field === 'acknowledgeProductionBlock' || name === 'blockId') return 'ProductionBlock';
  if (/Gear/.test(field) && (name === 'itemId' || name === 'kitId')) return name === 'itemId' ? 'GearItem' : 'GearKit';
  if (field === 'receiveAssetVersion' || field === 'reviewAsset') return 'Asset';
  if (field === 'createCrewAssignment') return name === 'callId' ? 'CrewCall' : 'CrewMember';
  if (field === 'openRequest' && name === 'subjectId') return 'Session';
  if (name === 'toOrganizationId') return 'Addressee';
  if (/Request|ChangeOrder/.test(field) && (name === 'id' || name === 'requestId')) return 'Request';
  if ((field === 'signContract' || field === 'cancelContract') && name === 'id') return 'Contract';
  if (name === 'versionId' && /Budget/.test(field)) return 'BudgetVersion';
  if (name === 'templateId' && field === 'applyTaskTemplate') return 'TaskTemplate';
  if (name === 'candidateId' || (field === 'contractVenueCandidate' && name === 'id')) return 'VenueCandidate';
  if (name === 'id' || name === 'ids') return field.replace(/^(create|update|delete|move|revoke|signOff|approve)/, '');
  return name.replace(/Ids?$/, '').replace(/^./, (c) => c.toUpperCase());
}

/** An id of the world for an input named `name` of the mutation `field`. */
async function idFor(w: World, field: string, name: string, who: PersonaName): Promise<string> {
  const noun = nounOf(field, name);
  const rehearsing = field === 'startRehearsal' || field === 'endRehearsal';
  const ids: Record<string, () => Promise<string> | string> = {
    Event: () => w.event.id,
    EventMember: () => w.vendorMemberId,
    Session: () => w.sessionIds[rehearsing ? 1 : 0]!,
    Speaker: () => w.speakerId,
    SessionSpeaker: () => w.sessionSpeakerId,
    Cue: () => w.cueIds[0]!,
    ExpectedCue: () => w.cueIds[0]!,
    AfterCue: () => w.cueIds[1]!,
    Segment: () => w.waitingSegmentId,
    ExpectedSegment: () => w.segmentId,
    AfterSegment: () => w.segmentId,
    Organization: () => w.outsiderOrgId,
    Client: () => w.client.organizationId,
    RegistrationType: () => w.unusedRegistrationTypeId,
    // A REGISTERED attendee with no sign-ups (one that can sign up, check in, or be deleted).
    Attendee: () => spareAttendee(w),
    // A sign-up of its own; for claimSessionSeat, a seat offered to it (as after the waitlist closed).
    SessionRegistration: async () => {
      const { result } = await registerForSession(t.db, w.management.actor, {
        attendeeId: await spareAttendee(w),
        sessionId: w.sessionIds[0]!,
      });
      if (field === 'claimSessionSeat')
        await t.db
          .updateTable('session_registration')
          .set({ status: 'OFFERED', offered_until: new Date(Date.now() + 3_600_000) })
          .where('id', '=', result.id)
          .execute();
      return result.id;
    },
    // Inventory of the world's production company (its own, across events).
    GearItem: async () => (await createItem(t.db, w.production.actor, { name: `Spare item ${serial++}`, quantity: 10 })).id,
    GearKit: async () =>
      (await t.db.selectFrom('gear_kit').select('id').where('organization_id', '=', w.production.organizationId).executeTakeFirstOrThrow())
        .id,
    // The client reviews the stage design; production (and an administrator) the slides.
    Asset: () => (field === 'reviewAsset' && who === 'client' ? w.stageDesignAssetId : w.slidesAssetId),
    // Someone new on a call of their own, so each allowed caller's assignment fits.
    ...(field === 'createCrewAssignment'
      ? {
          CrewCall: async () =>
            (
              await createCall(t.db, w.production.actor, w.event.id, {
                role: 'STAGEHAND',
                headcount: 1,
                startsAt: new Date('2027-03-02T08:00:00Z'),
                endsAt: new Date('2027-03-02T12:00:00Z'),
              })
            ).result.id,
          CrewMember: async () =>
            (await createMember(t.db, w.production.actor, w.event.id, { name: `Hand ${serial++}`, role: 'STAGEHAND' })).result.id,
        }
      : {}),
    // Another organization of the event than the caller's.
    Addressee: () => (who === 'production' ? w.management.organizationId : w.production.organizationId),
    // A request to the caller's organization (theirs to answer or price); for the client, a change order awaiting them.
    Request: async () => {
      const to = who === 'client' || who === 'management' ? w[who].organizationId : w.production.organizationId;
      const from = to === w.management.organizationId ? w.production : w.management;
      const { result } = await openRequest(t.db, from.actor, {
        eventId: w.event.id,
        subjectType: 'Event',
        subjectId: w.event.id,
        toOrganizationId: to,
        title: `Ask ${serial++}`,
      });
      if (field !== 'decideChangeOrder') return result.id;
      const owner = to === w.production.organizationId ? w.production : to === w.client.organizationId ? w.client : w.management;
      return (await makeChangeOrder(t.db, owner.actor, result.id, result.version, { costMinor: 10_000, currency: 'USD' })).result.id;
    },
    // A task of the caller's own organization (management's for an administrator), nothing waiting for it.
    Task: async () => {
      const owner = who === 'production' || who === 'client' ? w[who] : w.management;
      return (await createTask(t.db, owner.actor, w.event.id, { title: `Task ${serial++}` })).result.id;
    },
    // A template of the caller's own organization (management's for an administrator).
    TaskTemplate: async () => {
      const owner = who === 'stranger' ? stranger : who === 'admin' || who === 'anonymous' ? w.management : w[who];
      const items = [{ title: 'Site visit', ownerRole: 'MANAGEMENT' as const, anchor: 'EVENT_START' as const, offsetDays: -90 }];
      return (await createTaskTemplate(t.db, owner.actor, { name: `Roadmap ${serial++}`, items })).id;
    },
    // A candidate of its own and a signed contract with a venue, for each caller to name.
    ...(field === 'contractVenueCandidate'
      ? {
          VenueCandidate: async () =>
            (await createCandidate(t.db, w.management.actor, w.event.id, { name: `Candidate ${serial++}` })).result.id,
          Contract: async () => {
            const { result: venue } = await createContractVendor(t.db, w.management.actor, w.event.id, {
              name: `Venue ${serial++}`,
              kind: 'VENUE',
            });
            const { result } = await createContract(t.db, w.management.actor, w.event.id, {
              vendorId: venue.id,
              title: `Venue ${serial++}`,
              currency: 'EUR',
              value: '1.00',
            });
            return (await signContract(t.db, w.management.actor, result.id, result.version, '2026-12-01')).result.id;
          },
        }
      : {}),
    // A draft contract of its own (one that can be deleted: the world's has an invoice).
    ...(field === 'deleteContract'
      ? {
          Contract: async () => {
            const vendor = await t.db.selectFrom('vendor').select('id').where('event_id', '=', w.event.id).executeTakeFirstOrThrow();
            return (
              await createContract(t.db, w.management.actor, w.event.id, {
                vendorId: vendor.id,
                title: `Spare ${serial++}`,
                currency: 'USD',
                value: '1.00',
              })
            ).result.id;
          },
        }
      : {}),
    // A vendor without contracts (one that can be deleted); for anything else, the world's.
    ...(field === 'deleteVendor'
      ? {
          Vendor: async () =>
            (await createContractVendor(t.db, w.management.actor, w.event.id, { name: `Spare ${serial++}`, kind: 'OTHER' })).result.id,
        }
      : {}),
    // A function order of its own at version 1, for each caller to sign off.
    ...(field === 'signOffFunctionOrder'
      ? {
          FunctionOrder: async () =>
            (
              await createFunctionOrder(t.db, w.management.actor, w.event.id, {
                name: `Order ${serial++}`,
                kind: 'OTHER',
                startsAt: new Date('2027-03-01T10:00:00Z'),
                endsAt: new Date('2027-03-01T11:00:00Z'),
                currency: 'USD',
              })
            ).result.id,
        }
      : {}),
    // A version of its own awaiting the client, for each caller to approve; any other version of the world's.
    ...(field === 'approveBudgetVersion'
      ? {
          BudgetVersion: async () => {
            const { result } = await createBudgetVersion(t.db, w.management.actor, w.event.id, {
              name: `Reforecast ${serial++}`,
              kind: 'REFORECAST',
            });
            return (await updateBudgetVersion(t.db, w.management.actor, result.id, result.version, { status: 'SUBMITTED' })).result.id;
          },
        }
      : {}),
    // A user of the event's client who is not a health-data owner yet.
    User: async () => (await clientUser(t.db, w.client.organizationId, `spare ${serial++}`)).userId,
    // A spare token of the caller's own, so revoking it does not lock the persona out.
    ApiToken: async () => {
      const owner = who === 'stranger' ? stranger : who === 'admin' ? admin : who === 'anonymous' ? w.management : w[who];
      const { id } = await createApiToken(t.db, owner.userId, 'spare');
      return id;
    },
  };
  const table = tableOf(noun);
  // Any other row of the event will do: the world has one of every table (tests/helpers/world.ts).
  const anyRow = async () => {
    const row = await t.db
      .selectFrom(table as 'venue')
      .select('id')
      .where('event_id', '=', w.event.id)
      .executeTakeFirst();
    if (!row) throw new Error(`makeWorld() has no ${table} row for ${field}(${name}): add one there`);
    return row.id;
  };
  const make = ids[noun] ?? (table && table !== 'event' && EDITABLE_TABLES.includes(table as EditableTable) ? anyRow : undefined);
  if (!make) throw new Error(`No sample id for ${field}(${name}): add one to idFor()`);
  const local = await make();
  const typename = /^(After|Expected)(Cue|Segment)$/.exec(noun)?.[2] ?? (noun === 'Client' || noun === 'Addressee' ? 'Organization' : noun);
  return gid(typename, local);
}

async function valueFor(w: World, field: string, name: string, type: GraphQLInputType, who: PersonaName): Promise<unknown> {
  const named = getNamedType(type);
  if (isListType(isNonNullType(type) ? type.ofType : type)) return [await valueFor(w, field, name, named, who)];
  // (A question's first kind in the printed schema, CHOICE, would need options.)
  if (isEnumType(named)) return field.endsWith('RegistrationQuestion') && name === 'kind' ? 'TEXT' : named.getValues()[0]!.name;
  if (isInputObjectType(named)) return sampleInput(w, field, named.getFields(), who);
  switch (named.name) {
    case 'ID':
      return idFor(w, field, name, who);
    case 'Int':
      return 1; // expectedVersion is set from the row once its id is known
    case 'Boolean':
      return false;
    case 'DateTime':
      // A rehearsal slot fits inside the world's rehearsal (2027-02-28, 13:00 to 15:00 UTC).
      if (field.endsWith('RehearsalSlot')) return name === 'endsAt' ? '2027-02-28T13:45:00Z' : '2027-02-28T13:30:00Z';
      // An end (of a session, a leg, a window) comes after its start.
      return ['endsAt', 'arrivesAt', 'windowEnd', 'returnsAt'].includes(name) ? '2027-03-01T11:00:00Z' : '2027-03-01T10:00:00Z';
    case 'Date':
      // A day of the world's event (check-ins), or a date to move it to.
      // A check-in day is a day of the world's event; a room's check-in comes before any check-out.
      if (name === 'day') return '2027-03-01';
      if (name === 'arrives') return '2027-02-27';
      return name === 'endDate' || name === 'departs' ? '2027-06-02' : '2027-06-01';
    default: {
      if (name === 'email') return `generated.${serial++}@test.example`;
      if (name === 'timezone') return 'Europe/Berlin';
      if (name === 'number') return String(100 + serial++);
      if (name === 'key') return `generated${serial++}`;
      if (name === 'entree') return 'Salmon'; // one of the world's lunch entrées
      if (name === 'currency') return 'USD';
      // Money and percentages are decimal text (src/shared/money.ts).
      if (['value', 'amount', 'fbMinimum', 'unitCost'].includes(name)) return '100.00';
      if (name === 'percent' || name === 'commissionPercent') return '10';
      return `Generated ${name}`;
    }
  }
}

/** The required fields, plus one optional field when there is nothing else to change. */
async function sampleInput(w: World, field: string, fields: Record<string, { name: string; type: GraphQLInputType }>, who: PersonaName) {
  const input: Record<string, unknown> = {};
  const all = Object.values(fields).filter((f) => f.name !== 'clientMutationId');
  const required = all.filter((f) => isNonNullType(f.type));
  for (const f of required) input[f.name] = await valueFor(w, field, f.name, f.type, who);
  // A new session needs its times, given as instants or as wall-clock times: the instants here.
  // A travel leg is someone's: the world's attendee.
  if (field === 'createTravelLeg' || field === 'createRoomReservation')
    input.attendeeId = await valueFor(w, field, 'attendeeId', fields.attendeeId!.type, who);
  // A booking is of an item (or a kit); the inventory is the world's production company's.
  if (field === 'createGearBooking') input.itemId = await valueFor(w, field, 'itemId', fields.itemId!.type, who);
  if ((field === 'createGearItem' || field === 'createGearKit') && fields.organizationId)
    input.organizationId = gid('Organization', w.production.organizationId);
  // A check-in's day defaults to today, which is not a day of the world's event.
  for (const f of all.filter((f) => f.name === 'day')) input[f.name] = await valueFor(w, field, f.name, f.type, who);
  for (const f of all.filter((f) => field.startsWith('create') && (f.name === 'startsAt' || f.name === 'endsAt')))
    input[f.name] = await valueFor(w, field, f.name, f.type, who);
  // A function order's prices need a currency (no contract bills the sample).
  if (field === 'createFunctionOrder') input.currency = 'USD';
  // A FIXED budget line has a quantity; an event has one budget, so each caller starts without it.
  if (field === 'createBudgetLine') input.quantity = 1;
  if (field === 'createBudget') await t.db.deleteFrom('budget').where('event_id', '=', w.event.id).execute();
  // A contract's first optional field, attritionPercent, needs its basis: its title instead.
  if (field === 'updateContract') input.title = 'Renamed contract';
  const changes = required.filter((f) => !['id', 'expectedVersion'].includes(f.name));
  if (
    changes.length === 0 &&
    !('title' in input) &&
    !field.startsWith('delete') &&
    !field.startsWith('revoke') &&
    !field.startsWith('move')
  ) {
    const optional = all.find((f) => !isNonNullType(f.type) && isScalarType(getNamedType(f.type)) && getNamedType(f.type).name !== 'ID');
    if (optional) input[optional.name] = await valueFor(w, field, optional.name, optional.type, who);
  }
  const target = (['id', 'sessionId'] as const).find((key) => typeof input[key] === 'string');
  if ('expectedVersion' in input && target) {
    const table = tableOf(nounOf(field, target)) as 'event';
    const row = await t.db
      .selectFrom(table)
      .select('version')
      .where('id', '=', decodeGlobalID(input[target] as string).id)
      .executeTakeFirstOrThrow();
    input.expectedVersion = row.version;
  }
  return input;
}

function selection(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isScalarType(type) || isEnumType(type)) return '';
  if (type.name.endsWith('Connection')) return '{ totalCount }';
  return '{ __typename }';
}

/** What a refused call must leave alone. */
async function snapshot() {
  const count = async (table: 'organization' | 'app_user' | 'event_member' | 'event') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    revisions: await t.db.selectFrom('event').select(['id', 'revision', 'version']).orderBy('id').execute(),
    organizations: await count('organization'),
    users: await count('app_user'),
    members: await count('event_member'),
    revoked: Number(
      (
        await t.db
          .selectFrom('api_token')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('revoked_at', 'is not', null)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  };
}

type Op = 'query' | 'mutation' | 'subscription';
const ROOT = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

/** The first message of a subscription over Server-Sent Events: a replay starts at once. */
async function firstEvent(response: Response): Promise<unknown> {
  if (!response.headers.get('content-type')?.includes('text/event-stream')) return response.json();
  const reader = response.body!.getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
    const data = /^data: (.+)$/m.exec(text);
    if (data) {
      await reader.cancel();
      return JSON.parse(data[1]!);
    }
  }
  return {};
}

/** `ready` runs once the input is built (building it may make sample rows) and before the request. */
async function call(w: World, op: Op, field: GraphQLField<unknown, unknown>, who: PersonaName, ready?: () => Promise<void>) {
  const variables: Record<string, unknown> = {};
  const declared: string[] = [];
  const passed: string[] = [];
  for (const arg of field.args as GraphQLArgument[]) {
    const sample = arg.name === 'first' ? 5 : arg.name === 'afterRevision' ? 0 : undefined;
    if (!isNonNullType(arg.type) && sample === undefined) continue;
    variables[arg.name] = sample ?? (await valueFor(w, field.name, arg.name, arg.type, who));
    declared.push(`$${arg.name}: ${arg.type.toString()}`);
    passed.push(`${arg.name}: $${arg.name}`);
  }
  const document = `${op}${declared.length ? `(${declared.join(', ')})` : ''} { result: ${field.name}${passed.length ? `(${passed.join(', ')})` : ''} ${selection(field)} }`;
  const token = tokenOf(w, who);
  await ready?.();
  const response = await app.yoga.fetch('http://showcall.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(op === 'subscription' ? { accept: 'text/event-stream' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = (await firstEvent(response)) as {
    data?: { result?: { __typename?: string } | null } | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { body, input: (variables.input ?? variables) as Record<string, unknown> };
}

/**
 * A row its organization may not see (src/auth/row-rules.ts: a contract to the client) is not
 * found, whatever the role may do: the walk asks the same rule of the sample row it sent.
 */
async function hiddenByRowRule(rule: Rule, who: PersonaName, w: World, input: Record<string, unknown>): Promise<boolean> {
  if (rule.kind !== 'event' || !hasRowRule(rule.target.table) || !['client', 'management', 'production'].includes(who)) return false;
  const sent = input[rule.target.input];
  if (typeof sent !== 'string') return false;
  const { id } = decodeGlobalID(sent);
  // Asked after the call: a row the call deleted was seen (it could not have been deleted otherwise).
  const exists = await t.db
    .selectFrom(rule.target.table as 'venue')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!exists) return false;
  const viewer = await viewerForToken(t.db, w[who as 'client' | 'management' | 'production'].token);
  return !(await visibleIds(t.db, rule.target.table, viewer, [id])).has(id);
}

function outcomeOf(body: Awaited<ReturnType<typeof call>>['body']): Outcome | string {
  const code = body.errors?.[0]?.extensions?.code;
  if (code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (code === 'FORBIDDEN') return 'forbidden';
  if (code === 'NOT_FOUND') return 'notFound';
  if (body.errors?.length) return `error: ${body.errors[0]!.message}`;
  const typename = body.data?.result?.__typename;
  if (typename === 'ForbiddenError') return 'forbidden';
  if (typename === 'NotFoundError') return 'notFound';
  if (typename && typename.endsWith('Error')) return `refused: ${typename}`;
  return 'ok';
}

describe('the permission matrix, field by field', () => {
  it('has a rule for every root field and mutation of the printed schema, and none for fields that do not exist', () => {
    const keys = [
      ...queryFields.map((f) => `Query.${f.name}`),
      ...mutationFields.map((f) => `Mutation.${f.name}`),
      ...subscriptionFields.map((f) => `Subscription.${f.name}`),
    ];
    expect(
      keys.filter((key) => !FIELD_RULES[key]),
      'fields without a rule in src/auth/matrix.ts',
    ).toEqual([]);
    expect(
      Object.keys(FIELD_RULES).filter((key) => !keys.includes(key)),
      'rules for fields that do not exist',
    ).toEqual([]);
  });

  for (const [op, fields] of [
    ['query', queryFields],
    ['mutation', mutationFields],
    ['subscription', subscriptionFields],
  ] as const) {
    for (const field of fields) {
      it(`${ROOT[op]}.${field.name}`, async () => {
        const rule = FIELD_RULES[`${ROOT[op]}.${field.name}`]!;
        const refusedWorld = await world();
        const results: Record<string, { expected: Outcome; got: string }> = {};
        // Refusals first, on one world (they must write nothing); each success on a world of its own.
        const order = [...PERSONAS].sort((a, b) => Number(expected(rule, a, {}) === 'ok') - Number(expected(rule, b, {}) === 'ok'));
        for (const who of order) {
          const w = expected(rule, who, {}) === 'ok' ? await world() : refusedWorld;
          let before: Awaited<ReturnType<typeof snapshot>> | undefined;
          const { body, input } = await call(w, op, field, who, async () => {
            before = await snapshot();
          });
          const want = (await hiddenByRowRule(rule, who, w, input)) ? 'notFound' : expected(rule, who, input);
          const got = outcomeOf(body);
          results[who] = { expected: want, got };
          if (want !== 'ok') expect(await snapshot(), `${field.name} by ${who} was refused but something changed`).toEqual(before);
        }
        const mismatches = Object.entries(results).filter(([, r]) => r.expected !== r.got);
        expect(mismatches, JSON.stringify(results, null, 1)).toEqual([]);
      });
    }
  }
});
