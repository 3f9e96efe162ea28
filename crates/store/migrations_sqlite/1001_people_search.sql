-- SQLite only (migrations in this folder run after the shared ones, on SQLite): full-text search of
-- people by the words of their folded name and position (FTS5, built into the bundled SQLite).
-- The FTS rows are keyed by a stable integer of their own: persons' implicit rowid is not stable
-- (VACUUM may renumber it, and a backup is made with VACUUM INTO).
CREATE TABLE person_search_keys (
    n INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE person_search USING fts5(search_text, prefix = '1 2 3');

INSERT INTO person_search_keys (person_id) SELECT id FROM persons;
INSERT INTO person_search (rowid, search_text)
    SELECT k.n, p.search_text FROM person_search_keys k JOIN persons p ON p.id = k.person_id;

CREATE TRIGGER persons_search_insert AFTER INSERT ON persons BEGIN
    INSERT INTO person_search_keys (person_id) VALUES (new.id);
    INSERT INTO person_search (rowid, search_text)
        VALUES ((SELECT n FROM person_search_keys WHERE person_id = new.id), new.search_text);
END;

CREATE TRIGGER persons_search_update AFTER UPDATE OF search_text ON persons BEGIN
    UPDATE person_search SET search_text = new.search_text
        WHERE rowid = (SELECT n FROM person_search_keys WHERE person_id = new.id);
END;

CREATE TRIGGER persons_search_delete AFTER DELETE ON persons BEGIN
    DELETE FROM person_search WHERE rowid = (SELECT n FROM person_search_keys WHERE person_id = old.id);
    DELETE FROM person_search_keys WHERE person_id = old.id;
END;
