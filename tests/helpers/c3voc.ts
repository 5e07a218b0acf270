import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The c3voc schedule.json schema, read where the project's shared folder keeps it
 * (`../shared/schemas/c3voc-schedule.schema.json`, never copied into the repository), compiled with
 * ajv. Null, with one clear line, where that folder is absent.
 */

const require = createRequire(import.meta.url);
export const C3VOC_SCHEMA_PATH = path.resolve(
  process.env.SHOWCALL_SHARED_DIR ?? path.resolve('..', 'shared'),
  'schemas',
  'c3voc-schedule.schema.json',
);

let compiled: ValidateFunction | null | undefined;
export function c3vocValidator(): ValidateFunction | null {
  if (compiled !== undefined) return compiled;
  if (!fs.existsSync(C3VOC_SCHEMA_PATH)) {
    console.log(`c3voc schema validation not run: ${C3VOC_SCHEMA_PATH} is absent (set SHOWCALL_SHARED_DIR to the shared folder)`);
    return (compiled = null);
  }
  // The schema is draft-06, with a few annotations ajv does not know ($todo, deprecated) and a `color` format.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  addFormats.default(ajv);
  ajv.addFormat('color', /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i);
  return (compiled = ajv.compile(JSON.parse(fs.readFileSync(C3VOC_SCHEMA_PATH, 'utf8'))));
}
