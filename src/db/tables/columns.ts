import type { ColumnType, Generated } from 'kysely';

/** Column shapes every area's tables use. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns are read as 'YYYY-MM-DD' strings (see client.ts), never shifted by a time zone. */
export type DateOnly = string;

/** A row edited through the write path: `expectedVersion` is checked against `version`. */
export type Versioned = {
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
};

export const versioned = ['version', 'created_at', 'updated_at'] as const;
