-- Masking for copies of Checkout API's checkout-db (slipway.databases.masking.checkout-api.checkout-db in
-- app-config.yaml). Slipway runs it in the new copy, in one transaction, before anyone can connect to the copy;
-- a copy whose masking fails is dropped.
UPDATE customers
   SET email = 'customer' || id || '@masked.invalid',
       full_name = 'Customer ' || id,
       phone = NULL;
UPDATE orders SET shipping_address = 'Masked address ' || id;
UPDATE payments.attempts SET card_last4 = '0000';
