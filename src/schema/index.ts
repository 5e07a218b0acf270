import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './roots.js';
import './scalars.js';
import './errors.js';
import './mutation.js';
import './accounts/viewer.js';
import './accounts/accounts.js';
import './event/event.js';
import './venue/venue.js';
import './schedule/schedule.js';
import './schedule/mutations.js';
import './runofshow/runofshow.js';
import './runofshow/segments.js';
import './runofshow/cue-support.js';
import './runofshow/versions.js';
import './history/history.js';
import './contacts/contacts.js';
import './live/projections.js';
import './live/conflicts.js';
import './live/commands.js';
import './live/screens.js';
import './live/stage.js';
import './live/holds.js';
import './live/rehearsal.js';

/** The whole API. Areas register their types on import; this module only assembles them. */
export const schema: GraphQLSchema = builder.toSchema();
export const sortedSchema = (): GraphQLSchema => lexicographicSortSchema(schema);
