/**
 * The test kit, in one import: a database of the file's own, a world to test in, clients over HTTP
 * (`client`, `send`) and WebSocket (`wsClient`, `subscribe`), and waiting on events (`until`).
 */
export { useTestDatabase, type TestDatabase } from './db.js';
export { allRows, clientUser, gid, makeWorld, persona, type Persona } from './world.js';
export { servedSuite, servedWorld, type Served } from './served.js';
export { as, client, having, ok, send, type GraphQLResponse } from './graphql.js';
export { listening, revisionOf, subscribe, wsClient } from './live.js';
export { sleep, until } from './wait.js';
