-- Ciphertext does not compress: store it out of line without PostgreSQL's compression attempt,
-- which would spend CPU on every write for nothing.
ALTER TABLE dossier_revision ALTER COLUMN ciphertext SET STORAGE EXTERNAL;
ALTER TABLE delivery_package ALTER COLUMN package SET STORAGE EXTERNAL;
