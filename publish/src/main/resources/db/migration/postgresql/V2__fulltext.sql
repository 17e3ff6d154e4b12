-- Full-text search: English and Russian stemming over title (weight A) and body (weight B), kept current by
-- PostgreSQL itself as a stored generated column, and GIN-indexed.
ALTER TABLE releases ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector('russian'::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B') ||
    setweight(to_tsvector('russian'::regconfig, coalesce(body, '')), 'B')
) STORED;
CREATE INDEX ix_releases_search ON releases USING GIN (search_vector);
