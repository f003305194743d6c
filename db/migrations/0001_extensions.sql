-- Trigram similarity for "similar petitions" and search (kk/ru/en texts). Available in PostgreSQL
-- contrib and loaded into the embedded PGlite from @electric-sql/pglite/contrib/pg_trgm.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
