/**
 * Gives everything the restore created in a copy to the copy's role, so that its user can change the schema (run
 * migrations) as the application's own role would. pg_restore ran with --no-owner as the administrator, so the
 * administrator owns it all; REASSIGN OWNED cannot be used, because it would also hand over the administrator's
 * other databases.
 *
 * The role's name comes from the session setting `slipway.copy_owner` (set with a bound parameter), never from text
 * pasted into the block. Objects that belong to an extension stay with the extension; sequences owned by a column
 * follow their table; array and multirange types follow their base type.
 */
export const TRANSFER_OWNERSHIP_SQL = `
DO $slipway$
DECLARE
  owner_name text := current_setting('slipway.copy_owner');
  statement text;
BEGIN
  FOR statement IN
    WITH extension_members AS (
      SELECT classid, objid FROM pg_depend WHERE deptype = 'e'
    ), user_schemas AS (
      SELECT n.oid, n.nspname FROM pg_namespace n
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
         AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
         AND (n.oid, 'pg_namespace'::regclass) NOT IN (SELECT objid, classid FROM extension_members)
    )
    SELECT format('ALTER SCHEMA %I OWNER TO %I', s.nspname, owner_name) FROM user_schemas s
    UNION ALL
    SELECT format('ALTER %s %I.%I OWNER TO %I',
             CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                            WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
             s.nspname, c.relname, owner_name)
      FROM pg_class c JOIN user_schemas s ON s.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND (c.oid, 'pg_class'::regclass) NOT IN (SELECT objid, classid FROM extension_members)
       AND NOT (c.relkind = 'S' AND EXISTS (
             SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
    UNION ALL
    SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, owner_name)
      FROM pg_proc p JOIN user_schemas s ON s.oid = p.pronamespace
     WHERE (p.oid, 'pg_proc'::regclass) NOT IN (SELECT objid, classid FROM extension_members)
    UNION ALL
    SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, owner_name)
      FROM pg_type t JOIN user_schemas s ON s.oid = t.typnamespace
     WHERE t.typtype IN ('b', 'd', 'e', 'r', 'c')
       AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
       AND NOT (t.typcategory = 'A' AND t.typelem <> 0)
       AND (t.oid, 'pg_type'::regclass) NOT IN (SELECT objid, classid FROM extension_members)
  LOOP
    EXECUTE statement;
  END LOOP;
END
$slipway$;
`;
