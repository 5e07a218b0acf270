import type { InputFieldBuilder, InputFieldMap, InputShapeFromFields, ObjectRef } from '@pothos/core';
import type { Context } from '../context.js';
import type { Written } from '../db/write.js';
import { builder, type BuilderTypes } from './builder.js';
import { scopesFor } from './auth.js';
import { MUTATION_ERRORS } from './errors.js';

/**
 * A Relay-style mutation (`input` in, `XPayload` out) whose expected failures are typed results:
 * `ValidationError`, `NotFoundError`, `StaleVersionError` and `ForbiddenError`. Who may call it is
 * its rule in src/auth/matrix.ts.
 */
export function entityMutation<Fields extends InputFieldMap, Row>(
  name: string,
  options: {
    description: string;
    inputFields: (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => Fields;
    /** The payload field that carries the object, e.g. `session`. */
    field: string;
    ref: ObjectRef<BuilderTypes, Row>;
    fieldDescription: string;
    run: (ctx: Context, input: InputShapeFromFields<Fields>) => Promise<Written<Row>>;
    /** Changes outside any event (organizations, users) have no revision to report. */
    eventScoped?: boolean;
    /** Error classes this mutation returns besides the usual ones. */
    moreErrors?: (new (...args: never[]) => Error)[];
    /** Kept for existing scripts, with what to use instead. */
    deprecationReason?: string;
  },
) {
  builder.relayMutationField(
    name,
    { inputFields: options.inputFields, description: `Input of \`${name}\`.` },
    {
      description: options.description,
      deprecationReason: options.deprecationReason,
      authScopes: scopesFor(`Mutation.${name}`) as never,
      errors: { types: [...MUTATION_ERRORS, ...(options.moreErrors ?? [])] },
      resolve: (_root, args, ctx) => options.run(ctx, (args as unknown as { input: InputShapeFromFields<Fields> }).input),
    },
    {
      description: `Result of \`${name}\`.`,
      outputFields: (t) => ({
        [options.field]: t.field({
          type: options.ref,
          description: options.fieldDescription,
          resolve: (written: Written<Row>) => written.result as never,
        }),
        ...(options.eventScoped === false
          ? {}
          : {
              revision: t.int({
                nullable: true,
                description: "The event's revision that recorded this change; null when nothing changed.",
                resolve: (written: Written<Row>) => written.revision,
              }),
            }),
      }),
    },
  );
}

/** `deleteX(input: { id, expectedVersion })`: the same shape for every entity. */
export function deleteMutation<Row>(
  typename: string,
  options: {
    description: string;
    field: string;
    ref: ObjectRef<BuilderTypes, Row>;
    run: (ctx: Context, id: string, expectedVersion: number | null | undefined) => Promise<Written<Row>>;
  },
) {
  const noun = typename.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  entityMutation(`delete${typename}`, {
    description: options.description,
    inputFields: (t) => ({
      id: t.globalID({ for: options.ref, required: true, description: `The ${noun}.` }),
      expectedVersion: t.int({ required: false, description: 'When given, delete only if it is still at this version.' }),
    }),
    field: options.field,
    ref: options.ref,
    fieldDescription: `The ${noun} as it was.`,
    run: (ctx, input) => options.run(ctx, (input.id as { id: string }).id, input.expectedVersion as number | null | undefined),
  });
}
