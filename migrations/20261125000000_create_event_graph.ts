import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE organization (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('CLIENT', 'MANAGEMENT_AGENCY', 'PRODUCTION_AGENCY')),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
      name text NOT NULL,
      email text NOT NULL UNIQUE,
      is_platform_admin boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX app_user_organization_idx ON app_user (organization_id);

    CREATE TABLE api_token (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      name text NOT NULL,
      token_hash bytea NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_token_user_idx ON api_token (user_id);

    CREATE TABLE event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      client_organization_id uuid REFERENCES organization (id) ON DELETE SET NULL,
      timezone text NOT NULL,
      start_date date NOT NULL,
      end_date date NOT NULL,
      status text NOT NULL DEFAULT 'PLANNING'
        CHECK (status IN ('PLANNING', 'CONFIRMED', 'LIVE', 'WRAPPED', 'CANCELLED')),
      revision bigint NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_date >= start_date)
    );

    CREATE TABLE event_member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('CLIENT', 'MANAGEMENT', 'PRODUCTION')),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_id, organization_id)
    );
    CREATE INDEX event_member_organization_idx ON event_member (organization_id);

    CREATE TABLE venue (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      address text,
      city text,
      country text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX venue_event_idx ON venue (event_id);

    CREATE TABLE room (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      venue_id uuid NOT NULL REFERENCES venue (id) ON DELETE CASCADE,
      name text NOT NULL,
      kind text NOT NULL
        CHECK (kind IN ('GENERAL_SESSION', 'BREAKOUT', 'BALLROOM', 'BOARDROOM', 'EXHIBIT_HALL', 'OUTDOOR', 'OTHER')),
      capacity integer CHECK (capacity >= 0),
      setup text,
      changeover_minutes integer NOT NULL DEFAULT 0 CHECK (changeover_minutes >= 0),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX room_event_idx ON room (event_id, name);
    CREATE INDEX room_venue_idx ON room (venue_id);

    CREATE TABLE session (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      room_id uuid REFERENCES room (id) ON DELETE SET NULL,
      title text NOT NULL,
      description text,
      kind text NOT NULL CHECK (kind IN ('GENERAL_SESSION', 'KEYNOTE', 'BREAKOUT', 'PANEL', 'WORKSHOP', 'MEAL',
        'BREAK', 'NETWORKING', 'EVENING_EVENT')),
      track text,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'SCHEDULED'
        CHECK (status IN ('SCHEDULED', 'LIVE', 'ENDED', 'CANCELLED')),
      actual_start_at timestamptz,
      actual_end_at timestamptz,
      presentation_format text CHECK (presentation_format IN ('SLIDES', 'VIDEO', 'LIVE_DEMO', 'PANEL',
        'FIRESIDE_CHAT', 'PERFORMANCE', 'NONE')),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX session_event_start_idx ON session (event_id, starts_at, id);
    CREATE INDEX session_room_start_idx ON session (room_id, starts_at);

    CREATE TABLE speaker (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      company text,
      job_title text,
      bio text,
      email text,
      arrival_at timestamptz,
      departure_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX speaker_event_idx ON speaker (event_id, name, id);

    CREATE TABLE session_speaker (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      session_id uuid NOT NULL REFERENCES session (id) ON DELETE CASCADE,
      speaker_id uuid NOT NULL REFERENCES speaker (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('PRESENTER', 'MODERATOR', 'PANELIST', 'HOST', 'PERFORMER')),
      position integer NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (session_id, speaker_id)
    );
    CREATE INDEX session_speaker_speaker_idx ON session_speaker (speaker_id);

    CREATE TABLE cue (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      session_id uuid NOT NULL REFERENCES session (id) ON DELETE CASCADE,
      position integer NOT NULL,
      number text NOT NULL,
      department text NOT NULL CHECK (department IN ('STAGE_MANAGEMENT', 'LIGHTING', 'AUDIO', 'VIDEO',
        'GRAPHICS', 'CAMERA', 'STAGING')),
      title text NOT NULL,
      notes text,
      offset_seconds integer NOT NULL DEFAULT 0 CHECK (offset_seconds >= 0),
      duration_seconds integer CHECK (duration_seconds >= 0),
      trigger text NOT NULL DEFAULT 'MANUAL' CHECK (trigger IN ('MANUAL', 'FOLLOW', 'TIMED')),
      state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'STANDBY', 'FIRED', 'SKIPPED')),
      fired_at timestamptz,
      fired_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (session_id, department, number)
    );
    CREATE INDEX cue_session_position_idx ON cue (session_id, position, id);

    CREATE TABLE change (
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      revision bigint NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      actor_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
      actor_organization_id uuid REFERENCES organization (id) ON DELETE SET NULL,
      kind text NOT NULL,
      entity_type text NOT NULL,
      entity_id uuid NOT NULL,
      before jsonb,
      after jsonb,
      PRIMARY KEY (event_id, revision)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE change, cue, session_speaker, speaker, session, room, venue, event_member, event,
      api_token, app_user, organization;
  `.execute(db);
}
