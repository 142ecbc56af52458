-- The objects PgDumpIT builds on Tusk and on PostgreSQL 15 and dumps from both: what Tusk supports of the
-- common ones (no enum/domain types, expression indexes, identity columns or extensions yet).
CREATE ROLE reader;
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'application schema';
CREATE TYPE app.pair AS (a integer, b text);
CREATE TABLE app.customers (
  id serial PRIMARY KEY,
  name text NOT NULL,
  email varchar(200) UNIQUE,
  created timestamp with time zone DEFAULT now(),
  score integer DEFAULT 0 CHECK (score >= 0),
  tags text[],
  CONSTRAINT name_len CHECK (length(name) > 0)
);
COMMENT ON TABLE app.customers IS 'the customers';
COMMENT ON COLUMN app.customers.name IS 'full name';
CREATE TABLE app.orders (
  order_id bigserial PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES app.customers(id) ON DELETE CASCADE ON UPDATE RESTRICT,
  amount numeric(12,2),
  placed date NOT NULL DEFAULT CURRENT_DATE,
  note text
);
CREATE TABLE public.items (
  a integer,
  b integer,
  c text,
  payload bytea,
  doc json,
  docb jsonb,
  at timestamp,
  u uuid,
  flag boolean,
  f double precision,
  r real,
  s smallint,
  CONSTRAINT items_ab UNIQUE (a, b),
  CONSTRAINT items_r UNIQUE (r) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE public.children (
  id integer PRIMARY KEY,
  a integer,
  b integer,
  FOREIGN KEY (a, b) REFERENCES public.items(a, b) ON DELETE SET NULL DEFERRABLE
);
CREATE INDEX items_c_idx ON public.items (c);
CREATE UNIQUE INDEX items_s_f ON public.items (s, f);
CREATE SEQUENCE public.counter START 100 INCREMENT 5;
SELECT nextval('public.counter');
SELECT nextval('public.counter');
CREATE SEQUENCE app.owned_seq AS integer OWNED BY app.orders.note;
CREATE VIEW app.big_customers AS SELECT id, name FROM app.customers WHERE score > 100;
CREATE FUNCTION public.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.note := coalesce(NEW.note, 'touched');
  RETURN NEW;
END;
$$;
CREATE PROCEDURE public.bump(n integer) LANGUAGE plpgsql AS $$
BEGIN
  PERFORM setval('public.counter', n);
END;
$$;
CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();
INSERT INTO app.customers (name, email, created, score, tags) VALUES
  ('Ann', 'ann@example.com', '2024-01-02 03:04:05+00', 150, ARRAY['a', 'b']),
  ('Bob', NULL, NULL, 0, NULL),
  ('Cy "q"', 'cy@example.com', '2023-12-31 23:59:59.5+00', 99, '{}');
INSERT INTO app.orders (customer_id, amount, placed, note) VALUES
  (1, 5.25, '2024-02-03', NULL),
  (3, 1234567890.99, '2024-02-04', E'tab\tand\nnewline \\ backslash');
INSERT INTO public.items VALUES
  (1, 2, 'x', '\xdeadbeef', '{"k": [1, 2]}', '{"k": [1, 2]}', '2024-01-01 12:00:00',
   'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', true, 1.5, 2.25, 7),
  (3, 4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.children VALUES (1, 1, 2), (2, NULL, NULL);
GRANT USAGE ON SCHEMA app TO reader;
GRANT SELECT ON app.customers TO reader;
GRANT SELECT, INSERT ON public.items TO reader;
