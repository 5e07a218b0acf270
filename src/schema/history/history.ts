import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Change } from '../../db/types.js';
import { changeStream } from '../../realtime/stream.js';
import { authorizeMessage, scopesFor } from '../auth.js';
import { builder } from '../builder.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { reads, readsOnly } from '../selection.js';
import { EventRef, OrganizationRef, UserRef } from '../refs.js';
import { changesOfEvent } from '../../domain/history/lists.js';
import { visibleFields } from '../private-fields.js';

const ChangeRef = builder.objectRef<Change>('Change').implement({
  description: 'One committed change to an event: its revision, when, by whom, and the changed fields before and after.',
  authScopes: (change) => ({ onEvent: { table: 'event', id: change.event_id, actions: ['readHistory'] } }),
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: "The event's revision this change created; gap-free per event." }),
    at: t.expose('at', { type: 'DateTime', description: 'When it was committed.' }),
    kind: t.exposeString('kind', { description: 'What happened, as `Type.verb` ("Session.updated", "Cue.moved").' }),
    entityType: t.exposeString('entity_type', { description: 'The type of the changed object ("Session").' }),
    entityId: t.id({
      description: 'Global id of the changed object (it may since have been deleted).',
      extensions: reads('change', 'entity_type', 'entity_id'),
      resolve: (c) => encodeGlobalID(c.entity_type, c.entity_id),
    }),
    before: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The changed fields before; null for a creation. Fields you may not read (a private contact\'s phone) are left out.',
      extensions: reads('change', 'before', 'entity_type', 'entity_id'),
      resolve: (c, _args, ctx) => visibleFields(ctx, c, c.before),
    }),
    after: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The changed fields after; null for a deletion. Fields you may not read are left out.',
      extensions: reads('change', 'after', 'entity_type', 'entity_id'),
      resolve: (c, _args, ctx) => visibleFields(ctx, c, c.after),
    }),
    entity: t.node({
      description: 'The changed object as it is now; null once deleted. Select the fields your screen shows.',
      extensions: reads('change', 'entity_type', 'entity_id'),
      id: (c) => ({ id: c.entity_id, type: c.entity_type }),
    }),
    actorUser: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who made it; null for the system (seed, admin tools).',
      extensions: reads('change', 'actor_user_id'),
      resolve: (c) => c.actor_user_id,
    }),
    actorOrganization: t.field({
      type: OrganizationRef,
      nullable: true,
      description: 'On behalf of which organization.',
      extensions: reads('change', 'actor_organization_id'),
      resolve: (c) => c.actor_organization_id,
    }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  changes: t.field({
    type: connectionOf(ChangeRef, 'Change', 'changes'),
    description: "The event's history, oldest first. Resume with `after` set to an `endCursor`.",
    authScopes: (event) => ({ onEvent: { table: 'event', id: event.id, actions: ['readHistory'] } }),
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (event, args, ctx, info) => resolvePage(ctx, info, changesOfEvent, event.id, args),
  }),
}));

builder.subscriptionField('eventChanges', (t) =>
  t.field({
    type: ChangeRef,
    description:
      "Every committed change to the event after `afterRevision`, in order and exactly once: first replayed from the history, then live. Reconnect with the last revision you applied to miss nothing. Without `afterRevision`, only changes from now on.",
    authScopes: scopesFor('Subscription.eventChanges') as never,
    args: {
      eventId: t.arg.globalID({ for: EventRef, required: true, description: 'The event.' }),
      afterRevision: t.arg.int({
        required: false,
        description: "Replay the changes after this revision first (0 for the whole history). Must not be ahead of the event's revision.",
      }),
    },
    subscribe: (_root, args, ctx) => changeStream(ctx, ctx.hub, args.eventId.id, args.afterRevision),
    resolve: async (change, args, ctx) => {
      await authorizeMessage('Subscription.eventChanges', args, ctx);
      return change;
    },
  }),
);
