--
-- UUID
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT length(gen_random_uuid()::text), gen_random_uuid() <> gen_random_uuid() AS differ;
