import { sql, type Kysely } from 'kysely';

/**
 * Requirements from speakers and formats (src/domain/production/requirements.ts): what each
 * speaker needs on stage (laptop, mic, confidence monitor), format templates that give the defaults
 * and the kits a format takes, a room's RF channels for the mic plot, and an AUDIO kind of asset.
 * Cues' ASSET department fields now hold an asset's id: values written before are matched to the
 * event's asset of that name, or become a REQUESTED asset of the cue's session, so nothing is lost.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- A type made in this transaction may use its new value at once (ADD VALUE could not).
    ALTER TYPE asset_kind RENAME TO asset_kind_before_audio;
    CREATE TYPE asset_kind AS ENUM ('SLIDES', 'VIDEO', 'AUDIO', 'GRAPHICS', 'RENDER', 'SHOW_FILE', 'STAGE_DESIGN', 'LED_CONTENT');
    ALTER TABLE asset ALTER COLUMN kind TYPE asset_kind USING kind::text::asset_kind;
    DROP TYPE asset_kind_before_audio;

    CREATE TYPE laptop_source AS ENUM ('OWN_LAPTOP', 'SHOW_MACHINE', 'NONE');
    CREATE TYPE mic_kind AS ENUM ('LAV', 'HEADSET', 'HANDHELD', 'LECTERN', 'NONE');
    CREATE TYPE confidence_view AS ENUM ('SLIDES_AND_NOTES', 'CURRENT_AND_NEXT', 'TIMER', 'PROGRAM', 'NONE');
    ALTER TABLE session_speaker
      ADD COLUMN laptop laptop_source,
      ADD COLUMN mic_kind mic_kind,
      ADD COLUMN confidence_view confidence_view;
    ALTER TABLE room ADD COLUMN rf_channels integer CHECK (rf_channels >= 0);

    CREATE TABLE format_template (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      format text NOT NULL CHECK (format IN ('SLIDES', 'VIDEO', 'LIVE_DEMO', 'PANEL', 'FIRESIDE_CHAT', 'PERFORMANCE', 'NONE')),
      laptop laptop_source NOT NULL DEFAULT 'NONE',
      mic_kind mic_kind NOT NULL DEFAULT 'NONE',
      confidence_view confidence_view NOT NULL DEFAULT 'NONE',
      kit_ids uuid[] NOT NULL DEFAULT '{}',
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_id, format)
    );

    DO $$
    DECLARE
      v record;
      found uuid;
    BEGIN
      FOR v IN
        SELECT c.id AS cue_id, c.event_id, c.session_id, c.department, f.key, c.field_values ->> f.key AS value
          FROM cue c JOIN department_field f ON f.event_id = c.event_id AND f.department = c.department AND f.kind = 'ASSET'
         WHERE c.field_values ? f.key
      LOOP
        SELECT id INTO found FROM asset WHERE event_id = v.event_id AND name = v.value ORDER BY created_at, id LIMIT 1;
        IF found IS NULL THEN
          INSERT INTO asset (event_id, session_id, name, kind)
          VALUES (v.event_id, v.session_id, v.value,
                  CASE v.department WHEN 'VIDEO' THEN 'VIDEO' WHEN 'AUDIO' THEN 'AUDIO' WHEN 'LIGHTING' THEN 'SHOW_FILE' ELSE 'GRAPHICS' END::asset_kind)
          RETURNING id INTO found;
        END IF;
        UPDATE cue SET field_values = jsonb_set(field_values, ARRAY[v.key], to_jsonb(found::text)) WHERE id = v.cue_id;
      END LOOP;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE cue c SET field_values = jsonb_set(c.field_values, ARRAY[f.key], to_jsonb(a.name))
      FROM department_field f, asset a
     WHERE f.event_id = c.event_id AND f.department = c.department AND f.kind = 'ASSET'
       AND a.id::text = c.field_values ->> f.key;
    DROP TABLE format_template;
    ALTER TABLE room DROP COLUMN rf_channels;
    ALTER TABLE session_speaker DROP COLUMN laptop, DROP COLUMN mic_kind, DROP COLUMN confidence_view;
    DROP TYPE confidence_view;
    DROP TYPE mic_kind;
    DROP TYPE laptop_source;
    UPDATE asset SET kind = 'VIDEO' WHERE kind = 'AUDIO';
    ALTER TYPE asset_kind RENAME TO asset_kind_with_audio;
    CREATE TYPE asset_kind AS ENUM ('SLIDES', 'VIDEO', 'GRAPHICS', 'RENDER', 'SHOW_FILE', 'STAGE_DESIGN', 'LED_CONTENT');
    ALTER TABLE asset ALTER COLUMN kind TYPE asset_kind USING kind::text::asset_kind;
    DROP TYPE asset_kind_with_audio;
  `.execute(db);
}
