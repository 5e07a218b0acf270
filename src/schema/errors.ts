import { brandWithType } from '@pothos/core';
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError, type FieldIssue } from '../shared/errors.js';
import { builder } from './builder.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'A failure the client can act on. Nothing was written.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, in words for a person.' }),
  }),
});

const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
  description: 'One problem with one input field.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field, as a dotted path within the input ("endsAt").' }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was refused. Each issue names a field.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The first field with a problem.' }),
    issues: t.field({ type: [FieldIssueRef], description: 'Every problem found.', resolve: (e) => e.issues }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object named by an id does not exist (or is not visible to you).',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The id that was not found, as given.' }),
  }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: "Your organization's role on this event does not allow this change.",
  interfaces: [ErrorInterface],
});

/** Errors every mutation can return. */
export const MUTATION_ERRORS = [ValidationError, NotFoundError, StaleVersionError, ForbiddenError];

builder.objectType(StaleVersionError, {
  name: 'StaleVersionError',
  description:
    'Someone changed the object since you read it: your `expectedVersion` is not its current `version`. Nothing was written; reload, reapply and retry.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    expectedVersion: t.exposeInt('expectedVersion', { description: 'The version your change was based on.' }),
    currentVersion: t.exposeInt('currentVersion', { description: 'The version stored now.' }),
    current: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The object as it is now.',
      resolve: (e) => {
        brandWithType(e.current, e.typename as never);
        return e.current;
      },
    }),
  }),
});
