-- The application now connects as a role that owns no table (see DatabaseRoles), and only a table's
-- owner may drop or add a constraint. The first linkage run loads every record's identity into an
-- empty record_identity and builds its key once afterwards, which is much faster than row by row; these
-- two functions do exactly that step, and nothing else, with the owner's rights (SECURITY DEFINER).
-- The search path is pinned so that a caller cannot slip its own objects in.

create function record_identity_drop_key() returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    -- Only ever on an empty table: a key dropped under existing rows could let duplicates in.
    if exists (select 1 from record_identity) then
        raise exception 'record_identity is not empty: its key stays';
    end if;
    alter table record_identity drop constraint record_identity_pkey;
end
$$;

create function record_identity_add_key() returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    alter table record_identity add constraint record_identity_pkey primary key (source_code, record_id);
end
$$;

-- Only roles the owner grants it to (the application's, after each migration) may call them.
revoke execute on function record_identity_drop_key() from public;
revoke execute on function record_identity_add_key() from public;
