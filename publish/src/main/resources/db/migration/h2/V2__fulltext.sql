-- H2 has no tsvector: the embedded store answers q= with a case-insensitive substring match on title and body
-- (every word of q must occur), without stemming and without an index. Fine for the zero-setup default; use
-- PostgreSQL for real search.
COMMENT ON TABLE releases IS 'q= search: LOWER(title|body) LIKE per word (no stemming, no index) on H2';
