import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { as, gid, having, ok, revisionOf, servedSuite, subscribe, wsClient, type Served } from './helpers/index.js';
import { historyText } from './helpers/history.js';

/**
 * Requests between agencies and change orders (#18): a thread about an object of the event, from
 * one organization to another, with replies (internal ones kept to their author's organization), a
 * status, and a change order that waits for the client — every step live in the change stream.
 */

const s = servedSuite();

const eventId = () => gid('Event', s.world.event.id);

describe('requests between agencies', () => {
  it('a live subscriber sees each step; a change order waits for the client; internal replies stay inside their organization', async () => {
    const from = await revisionOf(s.t.db, s.world.event.id);
    const watch = (token: string) =>
      subscribe(wsClient(s.url, token), ops.RequestStepsDocument, { eventId: eventId(), afterRevision: from });
    const live = {
      client: watch(s.world.client.token),
      management: watch(s.world.management.token),
      production: watch(s.world.production.token),
    };

    const opened = as(
      ok(
        await s.as.management(ops.OpenRequestDocument, {
          input: {
            eventId: eventId(),
            subjectId: gid('Session', s.world.sessionIds[0]!),
            toOrganizationId: gid('Organization', s.world.production.organizationId),
            title: 'Add a walk-in video before the keynote',
            body: 'The client wants the sizzle reel looping as people come in.',
          },
        }),
      ).openRequest,
      'OpenRequestPayload',
    ).request;
    expect(opened).toMatchObject({ status: 'OPEN', subject: { __typename: 'Session' }, toOrganization: { name: expect.any(String) } });
    const id = opened.id;
    const reply = (token: keyof Served['as'], body: string, internal = false) =>
      s.as[token](ops.ReplyToRequestDocument, { input: { requestId: id, body, internal } });
    as(
      ok(await reply('production', 'Yes — it needs a second playback machine and an hour of programming.')).replyToRequest,
      'ReplyToRequestPayload',
    );
    as(
      ok(await reply('production', 'Internal: rent the spare Mac mini from Pixel Walls, our cost 380.', true)).replyToRequest,
      'ReplyToRequestPayload',
    );
    let version = opened.version;
    const status = async (who: keyof Served['as'], next: ops.RequestStatus) =>
      ok(await s.as[who](ops.SetRequestStatusDocument, { input: { id, expectedVersion: version, status: next } })).setRequestStatus;
    version = as(await status('production', 'ANSWERED'), 'SetRequestStatusPayload').request.version;
    // It changes scope: production prices it, and it waits for the client.
    const priced = as(
      ok(
        await s.as.production(ops.MakeChangeOrderDocument, {
          input: { id, expectedVersion: version, costMinor: 120_000, currency: 'USD', timeImpactMinutes: 60 },
        }),
      ).makeChangeOrder,
      'MakeChangeOrderPayload',
    ).request;
    expect(priced).toMatchObject({
      changeOrderStatus: 'AWAITING_CLIENT',
      costMinor: 120_000,
      currency: 'USD',
      cost: { formatted: 'USD 1,200.00', minor: '120000' },
      timeImpactMinutes: 60,
    });
    version = priced.version;
    // Not done until the client approves; management cannot approve it; nothing changes.
    expect(as(await status('production', 'DONE'), 'ValidationError').message).toBe("status: the change order awaits the client's approval");
    const byManagement = ok(
      await s.as.management(ops.DecideChangeOrderDocument, { input: { id, expectedVersion: version, approve: true } }),
    ).decideChangeOrder;
    expect(as(byManagement, 'ForbiddenError').message).toMatch(/approve change orders/);
    const approved = as(
      ok(
        await s.as.client(ops.DecideChangeOrderDocument, {
          input: { id, expectedVersion: version, approve: true, note: 'Approved within the AV contingency' },
        }),
      ).decideChangeOrder,
      'DecideChangeOrderPayload',
    ).request;
    expect(approved).toMatchObject({ changeOrderStatus: 'APPROVED', decisionNote: 'Approved within the AV contingency' });
    version = approved.version;
    // Only the addressee closes it.
    expect(as(await status('management', 'DONE'), 'ForbiddenError').message).toBe('Only the organization it was sent to may set it DONE.');
    version = as(await status('production', 'DONE'), 'SetRequestStatusPayload').request.version;

    const steps = [
      'Request.created',
      'RequestMessage.created',
      'RequestMessage.created',
      'Request.updated',
      'Request.updated',
      'Request.updated',
      'Request.updated',
    ];
    for (const [who, s] of Object.entries(live)) {
      const got = await s.nextMessage(steps.length - 1);
      expect(
        s.received.map((m) => m.eventChanges.kind),
        who,
      ).toEqual(steps);
      expect(got.eventChanges.entity).toMatchObject({ status: 'DONE', changeOrderStatus: 'APPROVED', costMinor: 120_000 });
      const internal = s.received[2]!.eventChanges;
      // The client reads the thread once it is a change order; a step it was sent before then may
      // have reached it with no entity and no fields. Never the internal reply's words.
      if (who !== 'client' || internal.entity)
        expect(internal.entity).toEqual({
          body: who === 'production' ? 'Internal: rent the spare Mac mini from Pixel Walls, our cost 380.' : null,
          internal: true,
        });
      if (who !== 'production') expect(JSON.stringify(internal.after)).not.toMatch(/Mac mini/);
      s.stop();
    }
    // The thread as the client reads it: the internal reply is there, its words are not.
    const thread = having(ok(await s.as.client(ops.RequestThreadDocument, { id })).node, 'messages');
    expect(thread.messages.nodes.map((m) => [m.internal, m.body?.slice(0, 4) ?? null])).toEqual([
      [false, 'Yes '],
      [true, null],
    ]);
  });

  it('refuses a request to oneself, about another event, or a decision on what is not a change order — naming the field', async () => {
    const own = await s.as.production(ops.OpenRequestDocument, {
      input: { eventId: eventId(), toOrganizationId: gid('Organization', s.world.production.organizationId), title: 'Note to self' },
    });
    expect(as(ok(own).openRequest, 'ValidationError').message).toBe(
      'toOrganizationId: is your own organization: a request goes to another one',
    );
    const outsider = await s.as.production(ops.OpenRequestDocument, {
      input: {
        eventId: eventId(),
        subjectId: gid('Session', '00000000-0000-4000-8000-000000000000'),
        toOrganizationId: gid('Organization', s.world.management.organizationId),
        title: 'Lost',
      },
    });
    expect(as(ok(outsider).openRequest, 'ValidationError').message).toBe('subjectId: no such Session');
    // The client asks management something: theirs to read, but not a change order to decide.
    const asked = as(
      ok(
        await s.as.client(ops.OpenRequestDocument, {
          input: { eventId: eventId(), toOrganizationId: gid('Organization', s.world.management.organizationId), title: 'Badge wording' },
        }),
      ).openRequest,
      'OpenRequestPayload',
    ).request;
    const decide = await s.as.client(ops.DecideChangeOrderDocument, {
      input: { id: asked.id, expectedVersion: asked.version, approve: true },
    });
    expect(as(ok(decide).decideChangeOrder, 'ValidationError').message).toBe('id: is not a change order');
  });

  it('keeps a request between the agencies theirs: the client sees it nowhere — list, node, history, live, a reply — until it is a change order', async () => {
    const plain = await s.t.db
      .selectFrom('request')
      .select(['id', 'version'])
      .where('title', '=', 'Add a walk-in video')
      .executeTakeFirstOrThrow();
    const id = gid('Request', plain.id);
    const from = await revisionOf(s.t.db, s.world.event.id);
    const clientLive = subscribe(wsClient(s.url, s.world.client.token), ops.RequestStepsDocument, {
      eventId: eventId(),
      afterRevision: from,
    });
    const listed = async (who: keyof Served['as']) =>
      having(ok(await s.as[who](ops.EventRequestsDocument, { eventId: eventId() })).node, 'requests').requests;
    const titles = async (who: keyof Served['as']) => (await listed(who)).nodes.map((r) => r.title);
    expect(await titles('production')).toContain('Add a walk-in video');
    expect(await titles('client')).not.toContain('Add a walk-in video');
    expect((await listed('client')).totalCount).toBe((await listed('client')).nodes.length);
    expect(ok(await s.as.client(ops.RequestThreadDocument, { id })).node).toBeNull();
    // Replying to it is replying to nothing.
    const reply = await s.as.client(ops.ReplyToRequestDocument, { input: { requestId: id, body: 'What is this?' } });
    expect(as(ok(reply).replyToRequest, 'NotFoundError').message).toMatch(/Request/);
    // Production adds a reply: the client's stream gets the revision, with nothing of it.
    as(
      ok(await s.as.production(ops.ReplyToRequestDocument, { input: { requestId: id, body: 'On it: a 20-second loop.' } })).replyToRequest,
      'ReplyToRequestPayload',
    );
    const step = (await clientLive.nextMessage(0)).eventChanges;
    expect(step).toMatchObject({ kind: 'RequestMessage.created', entity: null, after: {} });
    clientLive.stop();
    const history = await historyText(s.as.client, eventId(), /^Request/);
    expect(history).not.toContain('On it');
    expect(history).not.toContain('"title":"Add a walk-in video"');
    // Priced, it becomes the client's to decide: now the client reads it, thread and all.
    const priced = as(
      ok(
        await s.as.production(ops.MakeChangeOrderDocument, {
          input: { id, expectedVersion: plain.version, costMinor: 50_000, currency: 'EUR' },
        }),
      ).makeChangeOrder,
      'MakeChangeOrderPayload',
    ).request;
    expect(priced.changeOrderStatus).toBe('AWAITING_CLIENT');
    expect(await titles('client')).toContain('Add a walk-in video');
    const thread = having(ok(await s.as.client(ops.RequestThreadDocument, { id })).node, 'messages');
    expect(thread.messages.nodes.map((m) => m.body)).toContain('On it: a 20-second loop.');
  });
});
