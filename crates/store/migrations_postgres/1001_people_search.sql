-- PostgreSQL only (migrations in this folder run after the shared ones, on PostgreSQL): search of
-- people by the words of their folded name and position, through a GIN index of its words
-- (the 'simple' configuration: no stemming, no stop words — the text is already folded).
CREATE INDEX persons_search_words ON persons USING gin (to_tsvector('simple', search_text));
