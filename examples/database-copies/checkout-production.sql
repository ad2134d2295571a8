-- The demo's "production" database of Checkout API (component checkout-db, database `checkout` in
-- examples/gitops/apps/payments/checkout-api.yaml), for trying a database copy locally (docs/database-copies.md):
--
--   psql "$SLIPWAY_DEMO_DATABASE_URL" -f examples/database-copies/checkout-production.sql
--
-- It drops and recreates the database `checkout` on that server. The data is made up.
\set ON_ERROR_STOP on
DROP DATABASE IF EXISTS checkout WITH (FORCE);
CREATE DATABASE checkout;
\connect checkout

CREATE SCHEMA payments;

CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'refunded');

CREATE TABLE customers (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  full_name text NOT NULL,
  phone text,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE customers IS 'People who bought something; personal data, masked in copies';

CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  status order_status NOT NULL DEFAULT 'new',
  total numeric(12, 2) NOT NULL CHECK (total >= 0),
  shipping_address text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at DESC);

CREATE TABLE payments.attempts (
  id bigserial PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  provider text NOT NULL,
  card_last4 char(4) NOT NULL,
  succeeded boolean NOT NULL,
  attempted_at timestamptz NOT NULL
);
CREATE INDEX attempts_order_idx ON payments.attempts (order_id);

CREATE SEQUENCE invoice_numbers START 100000;

INSERT INTO customers (email, full_name, phone)
SELECT 'customer' || g || '@shop.acme.example', 'Customer Number ' || g, '+45 ' || (20000000 + g)
  FROM generate_series(1, 5000) g;

INSERT INTO orders (customer_id, status, total, shipping_address, created_at)
SELECT 1 + g % 5000, (ARRAY['new', 'paid', 'shipped', 'refunded'])[1 + g % 4]::order_status,
       round((10 + (g * 37) % 990)::numeric, 2), g || ' Harbour Street, Copenhagen',
       now() - g * interval '7 minutes'
  FROM generate_series(1, 50000) g;

INSERT INTO payments.attempts (order_id, provider, card_last4, succeeded, attempted_at)
SELECT 1 + g % 50000, (ARRAY['stripe', 'adyen'])[1 + g % 2], lpad((g % 10000)::text, 4, '0'), g % 9 <> 0,
       now() - g * interval '5 minutes'
  FROM generate_series(1, 60000) g;

SELECT setval('invoice_numbers', 123456);
