import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { historyText } from './helpers/history.js';
import { createAttendee } from '../src/domain/registration/registration.js';
import {
  allRows,
  as,
  client,
  clientUser,
  gid,
  having,
  ok,
  revisionOf,
  servedWorld,
  subscribe,
  wsClient,
  type TestDatabase,
} from './helpers/index.js';

/**
 * Meals and health data (#17): opt-ins with entrées, counts of people (not of lines), and health
 * details that only management and the client's named owners read — through queries, `node`, the
 * history and a live `eventChanges` subscription — while everyone else, production included,
 * reads counts. Taking an owner off takes effect on their next answer, open subscriptions included.
 */

type Served = Awaited<ReturnType<typeof servedWorld>>;
let t: TestDatabase;
let world: Served['world'];
let as_: Served['as'] & { owner: ReturnType<typeof client> };
let url: string;
let app: Served['app'];

beforeAll(async () => {
  const served = await servedWorld();
  ({ t, world, url, app } = served);
  as_ = { ...served.as, owner: client(served.app, served.world.clientOwner.token) };
});

const eventId = () => gid('Event', world.event.id);
let serial = 0;
async function person(status: 'REGISTERED' | 'INVITED' | 'DECLINED' = 'REGISTERED') {
  const { result } = await createAttendee(t.db, world.management.actor, world.event.id, {
    name: `Guest ${++serial}`,
    email: `guest.${serial}@client.test`,
    status,
  });
  return result;
}
const health = async (id: string, input: Omit<ops.UpdateAttendeeHealthInput, 'id' | 'expectedVersion'>) => {
  const row = await t.db.selectFrom('attendee').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return ok(
    await as_.management(ops.UpdateAttendeeHealthDocument, { input: { id: gid('Attendee', id), expectedVersion: row.version, ...input } }),
  ).updateAttendeeHealth;
};
const historyAs = (who: keyof typeof as_) => historyText(as_[who], eventId());
const meals = async () => having(ok(await as_.management(ops.MealsDocument, { eventId: eventId() })).node, 'meals').meals.nodes;
const optIn = async (mealId: string, attendeeId: string, entree?: string) =>
  ok(await as_.management(ops.CreateMealOptInDocument, { input: { mealId, attendeeId: gid('Attendee', attendeeId), entree } }))
    .createMealOptIn;

describe('meals', () => {
  it('count people, not lines: who eats, their entrées, and their needs — once each', async () => {
    const dinner = as(
      ok(
        await as_.management(ops.CreateMealDocument, {
          input: {
            eventId: eventId(),
            name: 'Awards dinner',
            service: 'PLATED',
            startsAt: '2027-03-01T18:00:00Z',
            endsAt: '2027-03-01T21:00:00Z',
            entreeOptions: ['Beef', ' Sea bass ', 'Mushroom risotto'],
          },
        }),
      ).createMeal,
      'CreateMealPayload',
    ).meal;
    expect(dinner.entreeOptions).toEqual(['Beef', 'Sea bass', 'Mushroom risotto']);
    const [a, b, c, invited] = [await person(), await person(), await person(), await person('INVITED')];
    // Vegan and gluten-free, and allergic to two things: one person with special needs, not four.
    await health(a.id, {
      dietary: ['VEGAN', 'GLUTEN_FREE'],
      allergies: [
        { allergen: 'SESAME', severity: 'MILD' },
        { allergen: 'SHELLFISH', severity: 'ANAPHYLACTIC' },
      ],
    });
    await health(b.id, { dietaryNotes: 'No raw onion', accessibility: ['HEARING'] });
    as(await optIn(dinner.id, a.id, 'Mushroom risotto'), 'CreateMealOptInPayload');
    as(await optIn(dinner.id, b.id, 'Beef'), 'CreateMealOptInPayload');
    as(await optIn(dinner.id, c.id), 'CreateMealOptInPayload');
    as(await optIn(dinner.id, invited.id, 'Beef'), 'CreateMealOptInPayload');

    const counts = (await meals()).find((m) => m.id === dinner.id)!.counts;
    expect(counts).toMatchObject({
      eating: 3,
      notRegistered: 1,
      entrees: [
        { entree: 'Beef', people: 1 },
        { entree: 'Sea bass', people: 0 },
        { entree: 'Mushroom risotto', people: 1 },
      ],
      noEntree: 1,
    });
    expect(counts.health).toEqual({
      people: 3,
      withSpecialMeals: 2,
      withDietary: 1,
      dietary: [
        { requirement: 'VEGAN', people: 1 },
        { requirement: 'GLUTEN_FREE', people: 1 },
      ],
      withAllergies: 1,
      allergies: [
        { allergen: 'SHELLFISH', people: 1 },
        { allergen: 'SESAME', people: 1 },
      ],
      bySeverity: [{ severity: 'ANAPHYLACTIC', people: 1 }],
      withAccessibilityNeeds: 1,
      accessibility: [{ need: 'HEARING', people: 1 }],
    });
    // Production plans the room with the counts too (never the names behind the needs).
    const forProduction = having(ok(await as_.production(ops.MealsDocument, { eventId: eventId() })).node, 'meals').meals.nodes;
    expect(forProduction.find((m) => m.id === dinner.id)!.counts.health.withSpecialMeals).toBe(2);
  });

  it('refuses what a caterer could not serve, naming the field, and writes nothing', async () => {
    const lunch = (await meals()).find((m) => m.name === 'Opening lunch')!;
    const [guest, declined] = [await person(), await person('DECLINED')];
    const before = await allRows(t.db);
    expect(as(await optIn(lunch.id, guest.id, 'Lobster'), 'ValidationError')).toMatchObject({
      field: 'entree',
      message: 'entree: must be one of the meal\'s entrées: "Chicken", "Salmon", "Risotto"',
    });
    expect(as(await optIn(lunch.id, declined.id), 'ValidationError')).toMatchObject({
      field: 'attendeeId',
      message: expect.stringContaining('is DECLINED: only people who come opt in to meals'),
    });
    expect(as(await optIn(lunch.id, world.attendeeId), 'ValidationError').message).toBe(
      'attendeeId: Dana Whitfield has already opted in to this meal',
    );
    // Dana chose the risotto: it stays on the menu until she chooses another.
    const dropRisotto = () =>
      as_.management(ops.UpdateMealDocument, {
        input: { id: lunch.id, expectedVersion: lunch.version, entreeOptions: ['Chicken', 'Salmon'] },
      });
    expect(as(ok(await dropRisotto()).updateMeal, 'ValidationError').message).toBe(
      'entreeOptions: 1 people chose "Risotto"; give them another entrée first',
    );
    const buffet = await as_.management(ops.CreateMealDocument, {
      input: { eventId: eventId(), name: 'Breakfast', service: 'BUFFET', startsAt: '2027-03-01T07:00:00Z', endsAt: '2027-03-01T06:00:00Z' },
    });
    expect(as(ok(buffet).createMeal, 'ValidationError')).toMatchObject({ field: 'endsAt' });
    const menu = await as_.management(ops.CreateMealDocument, {
      input: {
        eventId: eventId(),
        name: 'Breakfast',
        service: 'BUFFET',
        startsAt: '2027-03-01T07:00:00Z',
        endsAt: '2027-03-01T08:00:00Z',
        entreeOptions: ['Eggs'],
      },
    });
    expect(as(ok(menu).createMeal, 'ValidationError').message).toBe(
      'entreeOptions: a BUFFET meal has no entrée choices; only a PLATED one does',
    );
    expect(as(await health(guest.id, { allergies: [{ allergen: 'OTHER', severity: 'MILD' }] }), 'ValidationError')).toMatchObject({
      field: 'allergies.0.detail',
    });
    expect(as(await health(guest.id, { dietary: ['VEGAN', 'VEGAN'] }), 'ValidationError').field).toBe('dietary');
    expect(await allRows(t.db)).toEqual(before);
    // Only management writes any of it.
    for (const who of ['production', 'client', 'owner'] as const) {
      const refused = ok(
        await as_[who](ops.UpdateMealOptInDocument, {
          input: { id: gid('MealOptIn', '00000000-0000-4000-8000-000000000000'), expectedVersion: 1, entree: 'Salmon' },
        }),
      );
      expect(refused.updateMealOptIn.__typename).toMatch(/ForbiddenError|NotFoundError/);
    }
    const row = await t.db.selectFrom('attendee').select('version').where('id', '=', world.attendeeId).executeTakeFirstOrThrow();
    for (const who of ['production', 'client', 'owner'] as const) {
      const refused = ok(
        await as_[who](ops.UpdateAttendeeHealthDocument, {
          input: { id: gid('Attendee', world.attendeeId), expectedVersion: row.version, dietary: [] },
        }),
      );
      expect(refused.updateAttendeeHealth.__typename).toBe('ForbiddenError');
    }
  });
});

describe('who reads health details', () => {
  const SECRET = /VEGAN|PEANUTS|SEVERE|WHEELCHAIR|Step-free|KOSHER|TREE_NUTS|ANAPHYLACTIC/;

  it('management and the named owner read them; the other client user and production read null — through queries, node, history and live', async () => {
    const from = await revisionOf(t.db, world.event.id);
    const watch = (token: string) =>
      subscribe(wsClient(url, token), ops.HealthChangesDocument, { eventId: eventId(), afterRevision: from });
    const live = {
      production: watch(world.production.token),
      client: watch(world.client.token),
      owner: watch(world.clientOwner.token),
      management: watch(world.management.token),
    };
    const target = await person();
    const written = as(
      await health(target.id, {
        dietary: ['KOSHER'],
        allergies: [{ allergen: 'TREE_NUTS', severity: 'ANAPHYLACTIC' }],
        accessibilityNotes: 'Step-free seating',
      }),
      'UpdateAttendeeHealthPayload',
    );
    expect(written.attendee).toMatchObject({
      dietary: ['KOSHER'],
      allergies: [{ allergen: 'TREE_NUTS', detail: null, severity: 'ANAPHYLACTIC' }],
    });

    for (const who of ['production', 'client'] as const) {
      const node = having(ok(await as_[who](ops.AttendeeHealthDocument, { id: gid('Attendee', world.attendeeId) })).node, 'dietary');
      expect(node).toMatchObject({
        name: 'Dana Whitfield',
        dietary: null,
        dietaryNotes: null,
        allergies: null,
        accessibility: null,
        accessibilityNotes: null,
      });
      const event = having(ok(await as_[who](ops.EventHealthDocument, { eventId: eventId() })).node, 'healthCounts');
      expect(JSON.stringify(event.attendees)).not.toMatch(SECRET);
      // Counts, yes: Dana's severe peanut allergy is one of them.
      expect(event.healthCounts.allergies).toContainEqual({ allergen: 'PEANUTS', people: 1 });
      const history = await historyAs(who);
      expect(history).toContain('Attendee.updated');
      expect(history).not.toMatch(SECRET);
      const [message] = [await live[who].nextMessage(1)];
      expect(message.eventChanges.kind).toBe('Attendee.updated');
      expect(message.eventChanges.entity).toMatchObject({ dietary: null, allergies: null });
      expect(JSON.stringify(live[who].received)).not.toMatch(SECRET);
    }
    for (const who of ['owner', 'management'] as const) {
      const node = having(ok(await as_[who](ops.AttendeeHealthDocument, { id: gid('Attendee', world.attendeeId) })).node, 'dietary');
      expect(node).toMatchObject({
        dietary: ['VEGAN'],
        allergies: [{ allergen: 'PEANUTS', detail: null, severity: 'SEVERE' }],
        accessibility: ['WHEELCHAIR'],
        accessibilityNotes: 'Step-free route to the stage',
      });
      const history = await historyAs(who);
      expect(history).toContain('"TREE_NUTS"');
      const message = await live[who].nextMessage(1);
      expect(message.eventChanges.after).toMatchObject({ dietary: ['KOSHER'], accessibilityNotes: 'Step-free seating' });
      expect(message.eventChanges.entity).toMatchObject({
        dietary: ['KOSHER'],
        allergies: [{ allergen: 'TREE_NUTS', severity: 'ANAPHYLACTIC' }],
      });
    }

    // The client takes the owner off: from the next answer on — over the open subscription too — counts only.
    const owners = having(ok(await as_.management(ops.EventHealthDocument, { eventId: eventId() })).node, 'healthDataOwners')
      .healthDataOwners.nodes;
    expect(owners.map((o) => o.userName)).toEqual(['client owner user']);
    expect(
      ok(await as_.management(ops.DeleteHealthDataOwnerDocument, { input: { id: owners[0]!.id } })).deleteHealthDataOwner.__typename,
    ).toBe('DeleteHealthDataOwnerPayload');
    await health(target.id, { dietary: ['VEGETARIAN'] });
    const after = await live.owner.nextMessage(3);
    expect(after.eventChanges.kind).toBe('Attendee.updated');
    expect(after.eventChanges.entity).toMatchObject({ dietary: null });
    expect(JSON.stringify(after)).not.toContain('VEGETARIAN');
    expect(
      having(ok(await as_.owner(ops.AttendeeHealthDocument, { id: gid('Attendee', world.attendeeId) })).node, 'dietary').dietary,
    ).toBeNull();
    for (const l of Object.values(live)) l.stop();
  });

  it("lets the client's administrators name their own users, and nobody name a user outside the client", async () => {
    const plainUser = await clientUser(t.db, world.client.organizationId, 'analyst');
    const refused = ok(
      await as_.client(ops.CreateHealthDataOwnerDocument, { input: { eventId: eventId(), userId: gid('User', plainUser.userId) } }),
    );
    expect(refused.createHealthDataOwner).toMatchObject({
      __typename: 'ForbiddenError',
      message: expect.stringContaining(
        'may not name who in the client reads individual health details unless you administer your organization',
      ),
    });
    const admin = await clientUser(t.db, world.client.organizationId, 'hr admin', true);
    const adminClient = client(app, admin.token);
    const named = as(
      ok(await adminClient(ops.CreateHealthDataOwnerDocument, { input: { eventId: eventId(), userId: gid('User', plainUser.userId) } }))
        .createHealthDataOwner,
      'CreateHealthDataOwnerPayload',
    );
    expect(named.healthDataOwner).toMatchObject({ userName: 'analyst user', organizationName: 'client org' });
    const before = await allRows(t.db);
    const production = ok(
      await as_.management(ops.CreateHealthDataOwnerDocument, {
        input: { eventId: eventId(), userId: gid('User', world.production.userId) },
      }),
    );
    expect(as(production.createHealthDataOwner, 'ValidationError').message).toBe(
      "userId: is not a user of the event's client organization",
    );
    const twice = ok(
      await adminClient(ops.CreateHealthDataOwnerDocument, { input: { eventId: eventId(), userId: gid('User', plainUser.userId) } }),
    );
    expect(as(twice.createHealthDataOwner, 'ValidationError').message).toBe(
      'userId: analyst user is already a health-data owner of this event',
    );
    expect(await allRows(t.db)).toEqual(before);
  });
});
