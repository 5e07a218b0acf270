import { sql, type Kysely } from 'kysely';

/**
 * The run-of-show as show callers use it (#15): a session's segments with their timers, a hard
 * out, the baseline the plan is measured against, holds, cues that belong to a segment and follow
 * each other (auto-continue, auto-follow), and each room's stage output.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE session
      ADD COLUMN hard_out_at timestamptz,
      ADD COLUMN is_hard_start boolean NOT NULL DEFAULT false,
      ADD COLUMN baseline_starts_at timestamptz,
      ADD COLUMN baseline_ends_at timestamptz,
      ADD CHECK ((baseline_starts_at IS NULL) = (baseline_ends_at IS NULL)),
      ADD CHECK (hard_out_at IS NULL OR hard_out_at > starts_at);

    CREATE TABLE segment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      session_id uuid NOT NULL REFERENCES session (id) ON DELETE CASCADE,
      position integer NOT NULL,
      title text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('WALK_IN', 'OPENING', 'VIDEO', 'PRESENTATION', 'KEYNOTE', 'AWARD', 'PANEL',
        'PERFORMANCE', 'Q_AND_A', 'BREAK', 'WALK_OUT', 'OTHER')),
      planned_seconds integer NOT NULL CHECK (planned_seconds >= 0),
      presenter_id uuid REFERENCES session_speaker (id) ON DELETE SET NULL,
      owner text,
      start_mode text NOT NULL DEFAULT 'FLEXIBLE' CHECK (start_mode IN ('FLEXIBLE', 'FIXED')),
      fixed_start_at timestamptz,
      timer_type text NOT NULL DEFAULT 'COUNT_DOWN' CHECK (timer_type IN ('COUNT_DOWN', 'COUNT_UP', 'TIME_OF_DAY', 'NONE')),
      warning_seconds integer CHECK (warning_seconds >= 0),
      danger_seconds integer CHECK (danger_seconds >= 0),
      actual_start_at timestamptz,
      actual_end_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((start_mode = 'FIXED') = (fixed_start_at IS NOT NULL)),
      CHECK (actual_end_at IS NULL OR actual_end_at >= actual_start_at)
    );
    CREATE INDEX segment_session_position_idx ON segment (session_id, position, id);

    ALTER TABLE cue DROP CONSTRAINT cue_trigger_check;
    UPDATE cue SET trigger = 'AUTO_CONTINUE' WHERE trigger = 'FOLLOW';
    ALTER TABLE cue
      ADD CONSTRAINT cue_trigger_check CHECK (trigger IN ('MANUAL', 'AUTO_CONTINUE', 'AUTO_FOLLOW', 'TIMED')),
      ADD COLUMN segment_id uuid REFERENCES segment (id) ON DELETE SET NULL;
    CREATE INDEX cue_segment_idx ON cue (segment_id);
    -- What the follow runner looks for: follows that have not gone yet.
    CREATE INDEX cue_pending_follow_idx ON cue (session_id, position) WHERE trigger = 'AUTO_FOLLOW' AND state IN ('PENDING', 'STANDBY');

    CREATE TABLE session_hold (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      session_id uuid NOT NULL REFERENCES session (id) ON DELETE CASCADE,
      reason text NOT NULL,
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ended_at IS NULL OR ended_at >= started_at)
    );
    CREATE INDEX session_hold_session_idx ON session_hold (session_id, started_at);
    CREATE UNIQUE INDEX session_hold_open_idx ON session_hold (session_id) WHERE ended_at IS NULL;

    CREATE TABLE stage_output (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      room_id uuid NOT NULL UNIQUE REFERENCES room (id) ON DELETE CASCADE,
      session_id uuid REFERENCES session (id) ON DELETE SET NULL,
      segment_id uuid REFERENCES segment (id) ON DELETE SET NULL,
      timer_type text NOT NULL DEFAULT 'NONE' CHECK (timer_type IN ('COUNT_DOWN', 'COUNT_UP', 'TIME_OF_DAY', 'NONE')),
      timer_title text,
      timer_started_at timestamptz,
      timer_ends_at timestamptz,
      timer_paused_at timestamptz,
      warning_seconds integer CHECK (warning_seconds >= 0),
      danger_seconds integer CHECK (danger_seconds >= 0),
      message text,
      message_tone text NOT NULL DEFAULT 'NORMAL' CHECK (message_tone IN ('NORMAL', 'WARNING', 'DANGER')),
      message_blink boolean NOT NULL DEFAULT false,
      message_sent_at timestamptz,
      blackout boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE stage_output, session_hold;
    ALTER TABLE cue DROP COLUMN segment_id, DROP CONSTRAINT cue_trigger_check;
    UPDATE cue SET trigger = 'FOLLOW' WHERE trigger IN ('AUTO_CONTINUE', 'AUTO_FOLLOW');
    ALTER TABLE cue ADD CONSTRAINT cue_trigger_check CHECK (trigger IN ('MANUAL', 'FOLLOW', 'TIMED'));
    DROP TABLE segment;
    ALTER TABLE session DROP COLUMN hard_out_at, DROP COLUMN is_hard_start, DROP COLUMN baseline_starts_at, DROP COLUMN baseline_ends_at;
  `.execute(db);
}
