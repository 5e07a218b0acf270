import type { Transaction } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import { isUuid } from '../fields.js';
import type { CueDepartment, DB, DepartmentFieldKind } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { createEntity, deleteEntity, updateEntity } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';

/**
 * What each department writes on its cues, as data: lighting a look, video a clip, audio a mic,
 * camera a shot. An event defines the fields per department; a cue's values are checked against
 * its department's fields.
 */

export type DepartmentFieldInput = {
  department: CueDepartment;
  key: string;
  label: string;
  kind: DepartmentFieldKind;
  options?: string[] | null;
  position?: number | null;
};

type Tx = Transaction<DB>;

function checkOptions(kind: DepartmentFieldKind, options: readonly string[]): void {
  if (kind === 'SELECT' && options.length === 0)
    throw new ValidationError({ field: 'options', message: 'a SELECT field needs at least one option' });
  if (kind !== 'SELECT' && options.length > 0) throw new ValidationError({ field: 'options', message: 'only a SELECT field has options' });
  if (new Set(options).size !== options.length) throw new ValidationError({ field: 'options', message: 'must not repeat an option' });
}

export async function createDepartmentField(db: Database, actor: Actor, eventId: string, input: DepartmentFieldInput) {
  if (!/^[a-z][a-zA-Z0-9]{0,39}$/.test(input.key))
    throw new ValidationError({
      field: 'key',
      message: 'must start with a lowercase letter and hold only letters and digits, at most 40 ("clip", "micNumber")',
    });
  checkOptions(input.kind, input.options ?? []);
  return createEntity(db, actor, 'department_field', eventId, async (tx) => {
    const taken = await tx
      .selectFrom('department_field')
      .select('id')
      .where('event_id', '=', eventId)
      .where('department', '=', input.department)
      .where('key', '=', input.key)
      .executeTakeFirst();
    if (taken) throw new ValidationError({ field: 'key', message: `${input.department} already has a field "${input.key}"` });
    return {
      department: input.department,
      key: input.key,
      label: input.label,
      kind: input.kind,
      options: input.options ?? [],
      position: input.position ?? 0,
    };
  });
}

/** Its label, options and place change; its department, key and kind are what cues' values rely on. */
export function updateDepartmentField(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: { label?: string; options?: string[]; position?: number },
) {
  return updateEntity(db, actor, 'department_field', id, expectedVersion, patch, (_tx, next) => checkOptions(next.kind, next.options));
}

export function deleteDepartmentField(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'department_field', id, expectedVersion);
}

/** A cue's field values as given, as they are stored: trimmed, empty ones left out, each key once. */
export function normalizeFieldValues(values: readonly { key: string; value: string }[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { key, value } of values) {
    if (key in map) throw new ValidationError({ field: `fieldValues.${key}`, message: 'is given twice' });
    const text = value.trim();
    if (text !== '') map[key] = text;
  }
  return map;
}

/** An asset given by id (its uuid or global id) or by its name in the event. */
function assetIdGiven(text: string): string | null {
  if (isUuid(text)) return text.toLowerCase();
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  return decoded.startsWith('Asset:') && isUuid(decoded.slice(6)) ? decoded.slice(6).toLowerCase() : null;
}

/**
 * Values of ASSET fields name an asset of the event: by id, or by its name when one asset has it.
 * They are stored as the asset's id, so a renamed file stays on its cues.
 */
export async function resolveAssetValues(
  db: Executor,
  eventId: string,
  department: CueDepartment,
  values: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const assetKeys = (
    await db
      .selectFrom('department_field')
      .select('key')
      .where('event_id', '=', eventId)
      .where('department', '=', department)
      .where('kind', '=', 'ASSET')
      .execute()
  ).map((f) => f.key);
  const resolved = { ...values };
  for (const key of assetKeys.filter((k) => values[k] !== undefined && assetIdGiven(values[k]!) === null)) {
    const named = await db
      .selectFrom('asset')
      .select('id')
      .where('event_id', '=', eventId)
      .where('name', '=', values[key]!)
      .limit(2)
      .execute();
    if (named.length !== 1)
      throw new ValidationError({
        field: `fieldValues.${key}`,
        message:
          named.length === 0
            ? `no asset of this event is named "${values[key]}" (create it with createAsset, or give an Asset id)`
            : `several assets are named "${values[key]}": give the Asset id`,
      });
    resolved[key] = named[0]!.id;
  }
  for (const key of assetKeys) if (resolved[key] !== undefined) resolved[key] = assetIdGiven(resolved[key]!) ?? resolved[key]!;
  return resolved;
}

/**
 * Checks a cue's field values against its department's fields: every key defined, a NUMBER a
 * number, a SELECT one of its options, an ASSET an asset of the event (of no session, or the cue's),
 * a text at most 200 characters.
 */
export async function checkFieldValues(
  tx: Tx,
  eventId: string,
  sessionId: string,
  department: CueDepartment,
  values: Readonly<Record<string, string | number>>,
): Promise<void> {
  const keys = Object.keys(values);
  if (keys.length === 0) return;
  const defined = await tx
    .selectFrom('department_field')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('department', '=', department)
    .execute();
  for (const key of keys) {
    const text = String(values[key]);
    const field = defined.find((f) => f.key === key);
    const at = `fieldValues.${key}`;
    if (!field) {
      const known = defined.map((f) => f.key).join(', ') || 'none';
      throw new ValidationError({ field: at, message: `${department} has no field "${key}" (its fields: ${known})` });
    }
    if (text.length > 200) throw new ValidationError({ field: at, message: 'must be at most 200 characters' });
    if (field.kind === 'NUMBER' && !Number.isFinite(Number(text)))
      throw new ValidationError({ field: at, message: `"${field.label}" must be a number` });
    if (field.kind === 'SELECT' && !field.options.includes(text))
      throw new ValidationError({ field: at, message: `"${field.label}" must be one of: ${field.options.join(', ')}` });
    if (field.kind === 'ASSET') await checkAsset(tx, eventId, sessionId, at, text);
  }
}

async function checkAsset(tx: Tx, eventId: string, sessionId: string, at: string, assetId: string): Promise<void> {
  const asset = isUuid(assetId)
    ? await tx
        .selectFrom('asset')
        .select(['name', 'session_id'])
        .where('id', '=', assetId)
        .where('event_id', '=', eventId)
        .executeTakeFirst()
    : undefined;
  if (!asset) throw new ValidationError({ field: at, message: 'is not an asset of this event' });
  if (asset.session_id !== null && asset.session_id !== sessionId)
    throw new ValidationError({
      field: at,
      message: `"${asset.name}" is another session's asset (an asset for every session has no session)`,
    });
}
