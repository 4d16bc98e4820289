"""The database schema, versioned so later releases can migrate old files.

Tables: `documents` (every input document, copies included, with its origin, story, the
copy it was matched to and its MinHash signature),
`sentences`, `mentions` (coded actors), `events`, `rejections` (inputs that could not be
coded, and why) and `meta` (schema version, and the parley that last wrote the file); the
view `stories` (one row a story). docs/schema.md documents every column.

Only `documents` is indexed (its id and content hash, which deduplication looks up for
every document): DuckDB keeps index structures in memory, so an index on events or
sentences would make memory grow with the corpus. Uniqueness of those rows comes from
writing each document's rows in one transaction that first deletes any old ones.
"""

from __future__ import annotations

SCHEMA_VERSION = 7

DDL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    document_id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    url VARCHAR,
    title VARCHAR,
    author VARCHAR,
    affiliation VARCHAR,
    source VARCHAR,
    date DATE,
    date_source VARCHAR,
    content_hash VARCHAR NOT NULL,
    story_id VARCHAR NOT NULL,
    duplicate_of VARCHAR,
    similar_to VARCHAR,
    similarity DOUBLE,
    signature BLOB,
    n_chars INTEGER NOT NULL,
    n_sentences INTEGER NOT NULL,
    n_events INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    added_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents (content_hash);
CREATE TABLE IF NOT EXISTS sentences (
    document_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    document_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    country VARCHAR,
    sector VARCHAR,
    entries VARCHAR[] NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    story_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    sentence_text VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    source_country VARCHAR,
    source_sector VARCHAR,
    target_country VARCHAR,
    target_sector VARCHAR,
    code VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    negated BOOLEAN NOT NULL,
    modality VARCHAR NOT NULL,
    event_date DATE,
    date_source VARCHAR NOT NULL,
    source_start INTEGER NOT NULL,
    source_end INTEGER NOT NULL,
    verb_start INTEGER NOT NULL,
    verb_end INTEGER NOT NULL,
    target_start INTEGER NOT NULL,
    target_end INTEGER NOT NULL,
    source_text VARCHAR NOT NULL,
    verb_text VARCHAR NOT NULL,
    target_text VARCHAR NOT NULL,
    source_entries VARCHAR[] NOT NULL,
    verb_entry VARCHAR NOT NULL,
    target_entries VARCHAR[] NOT NULL,
    rules VARCHAR[] NOT NULL DEFAULT [],
    story_event_id VARCHAR NOT NULL,
    repeat_of VARCHAR,
    date_granularity VARCHAR NOT NULL DEFAULT 'day',
    date_text VARCHAR NOT NULL DEFAULT '',
    date_start INTEGER,
    date_end INTEGER,
    location_name VARCHAR,
    location_kind VARCHAR,
    location_country VARCHAR,
    location_admin1 VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    geonames_id BIGINT,
    location_text VARCHAR NOT NULL DEFAULT '',
    location_start INTEGER,
    location_end INTEGER,
    document_date DATE,
    document_url VARCHAR,
    publisher VARCHAR,
    added_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS rejections (
    origin VARCHAR NOT NULL,
    document_id VARCHAR,
    stage VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    rejected_at TIMESTAMP NOT NULL
);
"""

# Views are (re)made after the tables are migrated: a view binds its columns when made.
VIEWS = """
CREATE OR REPLACE VIEW stories AS
WITH counted AS (
    SELECT story_id, count(DISTINCT story_event_id) FILTER (WHERE NOT negated) AS events,
           count(*) AS event_rows
    FROM events GROUP BY story_id
)
SELECT d.story_id,
       count(*) AS documents,
       count(*) FILTER (WHERE d.duplicate_of IS NULL) AS coded_documents,
       arg_min(d.document_id, d.added_at) AS first_document,
       min(d.date) AS first_date,
       max(d.date) AS last_date,
       coalesce(any_value(c.events), 0) AS events,
       coalesce(any_value(c.event_rows), 0) AS event_rows
FROM documents d LEFT JOIN counted c USING (story_id)
GROUP BY d.story_id;
"""

# Column order of the tables written in batches (events follow records.EVENT_FIELDS).
DOCUMENT_COLUMNS = (
    "document_id", "origin", "format", "url", "title", "author", "affiliation", "source",
    "date", "date_source",
    "content_hash", "story_id", "duplicate_of", "similar_to", "similarity", "signature",
    "n_chars", "n_sentences", "n_events",
    "text", "added_at",
)  # fmt: skip
SENTENCE_COLUMNS = ("document_id", "sentence_index", "char_start", "char_end", "text")
MENTION_COLUMNS = (
    "document_id", "sentence_index", "char_start", "char_end", "text", "code", "kind",
    "role", "country", "sector", "entries",
)  # fmt: skip

# Statements that bring a database of the keyed version up to the next one.
MIGRATIONS = {
    1: (
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS source_country VARCHAR",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS source_sector VARCHAR",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS target_country VARCHAR",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS target_sector VARCHAR",
        "ALTER TABLE mentions ADD COLUMN IF NOT EXISTS kind VARCHAR DEFAULT 'organisation'",
        "ALTER TABLE mentions ADD COLUMN IF NOT EXISTS role VARCHAR DEFAULT 'actor'",
        "ALTER TABLE mentions ADD COLUMN IF NOT EXISTS country VARCHAR",
        "ALTER TABLE mentions ADD COLUMN IF NOT EXISTS sector VARCHAR",
    ),
    2: (
        "ALTER TABLE documents ADD COLUMN IF NOT EXISTS similar_to VARCHAR",
        "ALTER TABLE documents ADD COLUMN IF NOT EXISTS similarity DOUBLE",
        "ALTER TABLE documents ADD COLUMN IF NOT EXISTS signature BLOB",
        "UPDATE documents SET similar_to = duplicate_of, similarity = 1.0 "
        "WHERE duplicate_of IS NOT NULL",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS story_event_id VARCHAR",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS repeat_of VARCHAR",
        "UPDATE events SET story_event_id = 'se-' || event_id WHERE story_event_id IS NULL",
    ),
    3: (
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS date_granularity VARCHAR DEFAULT 'day'",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS date_text VARCHAR DEFAULT ''",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS date_start INTEGER",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS date_end INTEGER",
    ),
    4: tuple(
        f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {column}"
        for column in (
            "location_name VARCHAR",
            "location_kind VARCHAR",
            "location_country VARCHAR",
            "location_admin1 VARCHAR",
            "latitude DOUBLE",
            "longitude DOUBLE",
            "geonames_id BIGINT",
            "location_text VARCHAR DEFAULT ''",
            "location_start INTEGER",
            "location_end INTEGER",
        )
    ),
    5: (
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS document_date DATE",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS document_url VARCHAR",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS publisher VARCHAR",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS added_at TIMESTAMP",
        "UPDATE events SET document_date = d.date, document_url = d.url, "
        "publisher = d.source, added_at = d.added_at FROM documents d "
        "WHERE d.document_id = events.document_id",
    ),  # and the `stories` view, which VIEWS (re)makes on every open for writing
    6: ("ALTER TABLE events ADD COLUMN IF NOT EXISTS rules VARCHAR[] DEFAULT []",),
}
