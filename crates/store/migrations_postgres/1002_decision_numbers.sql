-- A decision's number is unique per issuer and year, not per organisation for ever: numbering restarts
-- each January (the register of decisions refuses a number taken that year), and an organisation that
-- inherits a former district's decisions (the 2025 reorganisation) holds numbers of another issuer.
ALTER TABLE decisions DROP CONSTRAINT IF EXISTS decisions_org_id_number_key;
CREATE INDEX decisions_org_number ON decisions (org_id, number);
