import { builder } from './builder.js';

/** The three root types, declared once; areas add their fields with `builder.queryFields` and its kin. */
builder.queryType({ description: 'Everything readable. Lists are connections: `first` (1–100) is required.' });
builder.mutationType({ description: 'Every change goes through one of these. Each runs in one transaction: on any error nothing is written.' });
builder.subscriptionType({ description: 'Live streams. Every message carries the revision it brings the subscriber to.' });
