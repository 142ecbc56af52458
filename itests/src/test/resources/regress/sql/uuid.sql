--
-- UUID
--
SELECT uuid 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid AS upper_input;
SELECT '{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}'::uuid AS braces;
SELECT 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid AS no_hyphens;
SELECT 'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11'::uuid AS hyphen_groups;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1'::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111'::uuid;
SELECT 'g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT ''::uuid;
SELECT '11111111-1111-1111-1111-111111111111'::uuid < '22222222-2222-2222-2222-222222222222'::uuid AS t;
SELECT '11111111-1111-1111-1111-111111111111'::uuid = '11111111111111111111111111111111'::uuid AS t;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::text::uuid;
SELECT length(gen_random_uuid()::text), gen_random_uuid() <> gen_random_uuid() AS differ;
-- version 4 (random), variant 10xx
SELECT substr(gen_random_uuid()::text, 15, 1) AS version, substr(gen_random_uuid()::text, 20, 1) IN ('8', '9', 'a', 'b') AS variant;
