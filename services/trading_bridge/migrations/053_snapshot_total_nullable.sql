-- A snapshot whose held assets could none be priced has no USD value: NULL, never a made-up 0.
-- (Some assets unpriced: total_usd covers the priced ones, unpriced_assets names the rest.)
ALTER TABLE balance_snapshots ALTER COLUMN total_usd DROP NOT NULL;
ALTER TABLE balance_snapshots ALTER COLUMN total_usd DROP DEFAULT;
