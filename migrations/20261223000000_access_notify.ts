import { sql, type Kysely } from 'kysely';

/**
 * Whatever changes what a bearer token may be — a token or screen link revoked or deleted, a user's
 * admin flags or organization, an organization's kind — is announced on `showcall_access` by the
 * database itself, whoever wrote it (the API, the token CLI, an operator's psql). API processes
 * keep the viewers of tokens they have seen, and drop them all on this notification.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION showcall_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('showcall_access', TG_TABLE_NAME);
      RETURN NULL;
    END $$;

    CREATE TRIGGER api_token_access AFTER UPDATE ON api_token FOR EACH ROW
      WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.token_hash IS DISTINCT FROM NEW.token_hash)
      EXECUTE FUNCTION showcall_access_changed();
    CREATE TRIGGER api_token_access_deleted AFTER DELETE ON api_token FOR EACH ROW EXECUTE FUNCTION showcall_access_changed();

    CREATE TRIGGER screen_link_access AFTER UPDATE ON screen_link FOR EACH ROW
      WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.token_hash IS DISTINCT FROM NEW.token_hash
            OR OLD.event_id IS DISTINCT FROM NEW.event_id OR OLD.room_id IS DISTINCT FROM NEW.room_id
            OR OLD.session_id IS DISTINCT FROM NEW.session_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
            OR OLD.created_by_user_id IS DISTINCT FROM NEW.created_by_user_id)
      EXECUTE FUNCTION showcall_access_changed();
    CREATE TRIGGER screen_link_access_deleted AFTER DELETE ON screen_link FOR EACH ROW EXECUTE FUNCTION showcall_access_changed();

    CREATE TRIGGER app_user_access AFTER UPDATE ON app_user FOR EACH ROW
      WHEN (OLD.is_platform_admin IS DISTINCT FROM NEW.is_platform_admin OR OLD.is_organization_admin IS DISTINCT FROM NEW.is_organization_admin
            OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
      EXECUTE FUNCTION showcall_access_changed();
    CREATE TRIGGER app_user_access_deleted AFTER DELETE ON app_user FOR EACH ROW EXECUTE FUNCTION showcall_access_changed();

    CREATE TRIGGER organization_access AFTER UPDATE ON organization FOR EACH ROW
      WHEN (OLD.kind IS DISTINCT FROM NEW.kind)
      EXECUTE FUNCTION showcall_access_changed();
    CREATE TRIGGER organization_access_deleted AFTER DELETE ON organization FOR EACH ROW EXECUTE FUNCTION showcall_access_changed();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER api_token_access ON api_token;
    DROP TRIGGER api_token_access_deleted ON api_token;
    DROP TRIGGER screen_link_access ON screen_link;
    DROP TRIGGER screen_link_access_deleted ON screen_link;
    DROP TRIGGER app_user_access ON app_user;
    DROP TRIGGER app_user_access_deleted ON app_user;
    DROP TRIGGER organization_access ON organization;
    DROP TRIGGER organization_access_deleted ON organization;
    DROP FUNCTION showcall_access_changed();
  `.execute(db);
}
