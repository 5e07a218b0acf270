import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { App } from '../../src/app.js';

export type GraphQLResponse<T> = {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
};

/** Sends a query as text through the app's HTTP handler, as a client would, with a bearer token. */
export async function send<T = Record<string, unknown>>(
  app: App,
  token: string | undefined,
  query: string,
  variables?: unknown,
): Promise<GraphQLResponse<T> & { status: number }> {
  const response = await app.yoga.fetch('http://showcall.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as GraphQLResponse<T>) };
}

/** Sends a typed operation through the app's HTTP handler, as a client would, with a bearer token. */
export function client(app: App, token?: string) {
  return function run<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables?: TVariables,
  ): Promise<GraphQLResponse<TResult> & { status: number }> {
    return send<TResult>(app, token, print(document), variables);
  };
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}

/** Narrows a mutation result union to one member, failing with what came instead. */
export function as<T extends { __typename: string }, N extends T['__typename']>(value: T, typename: N): Extract<T, { __typename: N }> {
  if (value.__typename !== typename) throw new Error(`Expected ${typename}, got ${JSON.stringify(value)}`);
  return value as Extract<T, { __typename: N }>;
}

/** What a `node(id:)` query found, narrowed to the member of its union that has `key` (the fields selected on it). */
export function having<N, K extends string>(node: N, key: K): Extract<NonNullable<N>, Record<K, unknown>> {
  if (!node || typeof node !== 'object' || !(key in node)) throw new Error(`no ${key} in ${JSON.stringify(node)}`);
  return node as Extract<NonNullable<N>, Record<K, unknown>>;
}
