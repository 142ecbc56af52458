--
-- pg_settings: every parameter's value in its base unit, where it came from, and how PostgreSQL describes it
--
SELECT name, setting, unit, category, context, vartype, source, min_val, max_val, enumvals, boot_val, reset_val
FROM pg_settings
WHERE name IN ('work_mem', 'statement_timeout', 'lock_timeout', 'deadlock_timeout', 'effective_cache_size',
               'bytea_output', 'IntervalStyle', 'default_transaction_isolation',
               'extra_float_digits', 'random_page_cost', 'enable_seqscan', 'geqo_threshold', 'search_path',
               'default_statistics_target', 'join_collapse_limit', 'client_min_messages', 'synchronous_commit')
ORDER BY name;
SELECT name, short_desc, extra_desc FROM pg_settings
WHERE name IN ('enable_seqscan', 'enable_hashjoin', 'statement_timeout', 'idle_in_transaction_session_timeout',
               'work_mem', 'extra_float_digits', 'geqo', 'from_collapse_limit', 'escape_string_warning')
ORDER BY 1;
-- values follow SET, RESET and transactions
SET work_mem = '64MB';
SET statement_timeout = '90s';
SET enable_seqscan = off;
SELECT name, setting, unit, source, reset_val FROM pg_settings
WHERE name IN ('work_mem', 'statement_timeout', 'enable_seqscan') ORDER BY name;
BEGIN;
SET LOCAL work_mem = '1GB';
SELECT setting, source FROM pg_settings WHERE name = 'work_mem';
ROLLBACK;
SELECT setting, source FROM pg_settings WHERE name = 'work_mem';
RESET work_mem;
RESET statement_timeout;
RESET enable_seqscan;
SELECT name, setting, source FROM pg_settings
WHERE name IN ('work_mem', 'statement_timeout', 'enable_seqscan') ORDER BY name;
SELECT name, setting, source FROM pg_settings WHERE name IN ('transaction_isolation', 'transaction_read_only');
-- pg_settings agrees with current_setting and SHOW
SELECT current_setting('work_mem'), (SELECT setting FROM pg_settings WHERE name = 'work_mem');
SELECT count(*) FROM pg_settings WHERE name = 'is_superuser' OR name = 'session_authorization';
SELECT s.name, s.vartype FROM pg_settings s JOIN pg_settings t ON s.name = t.name
WHERE s.name LIKE 'cpu%' ORDER BY 1;
