-- 0001: the first schema. Times are UTC text (RFC 3339), dates YYYY-MM-DD text,
-- so that the file is readable with the sqlite3 shell and sorts correctly.

CREATE TABLE municipality (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,
    cbs_code          TEXT NOT NULL UNIQUE,
    inhabitants       INTEGER NOT NULL DEFAULT 0,
    college_days      TEXT NOT NULL DEFAULT '',   -- weekday numbers, comma separated (0 = Sunday)
    college_lead_days INTEGER NOT NULL DEFAULT 0,
    region            TEXT NOT NULL DEFAULT 'zuid'
);

CREATE TABLE partnership (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    short_name    TEXT NOT NULL DEFAULT '',
    policy_domain TEXT NOT NULL DEFAULT '',
    legal_form    TEXT NOT NULL,
    color         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE membership (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipality(id) ON DELETE RESTRICT,
    from_date       TEXT NOT NULL,
    until_date      TEXT
);
CREATE INDEX membership_partnership ON membership(partnership_id);

CREATE TABLE person (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    municipality_id INTEGER REFERENCES municipality(id) ON DELETE SET NULL,
    role            TEXT NOT NULL,
    function        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE body (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnership(id) ON DELETE RESTRICT,
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL,
    prepared_by_id  INTEGER REFERENCES body(id) ON DELETE SET NULL,
    start_minute    INTEGER NOT NULL DEFAULT 840,
    duration        INTEGER NOT NULL DEFAULT 120,
    location        TEXT NOT NULL DEFAULT '',
    rhythm_kind     TEXT NOT NULL DEFAULT '',
    rhythm_interval INTEGER NOT NULL DEFAULT 0,
    rhythm_weekday  INTEGER NOT NULL DEFAULT 1,
    rhythm_nth      INTEGER NOT NULL DEFAULT 0,
    rhythm_start    TEXT,
    tight_days      INTEGER NOT NULL DEFAULT 0,
    secretary_id    INTEGER REFERENCES person(id) ON DELETE SET NULL
);
CREATE INDEX body_partnership ON body(partnership_id);

CREATE TABLE body_member (
    id         INTEGER PRIMARY KEY,
    body_id    INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    from_date  TEXT,
    until_date TEXT
);
CREATE INDEX body_member_body ON body_member(body_id);
CREATE INDEX body_member_person ON body_member(person_id);

CREATE TABLE deadline_rule (
    id               INTEGER PRIMARY KEY,
    body_id          INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    key              TEXT NOT NULL,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL DEFAULT '',
    audience         TEXT NOT NULL,
    anchor           TEXT NOT NULL,
    anchor_rule      TEXT NOT NULL DEFAULT '',
    offset_days      INTEGER NOT NULL,
    unit             TEXT NOT NULL,
    per_municipality INTEGER NOT NULL DEFAULT 0,
    use_lead_time    INTEGER NOT NULL DEFAULT 0,
    roll             TEXT NOT NULL DEFAULT '',
    UNIQUE (body_id, key)
);

CREATE TABLE standing_item (
    id       INTEGER PRIMARY KEY,
    body_id  INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title    TEXT NOT NULL,
    kind     TEXT NOT NULL
);

CREATE TABLE meeting (
    id                     INTEGER PRIMARY KEY,
    body_id                INTEGER NOT NULL REFERENCES body(id) ON DELETE RESTRICT,
    start_utc              TEXT NOT NULL,
    end_utc                TEXT NOT NULL,
    location               TEXT NOT NULL DEFAULT '',
    online_url             TEXT NOT NULL DEFAULT '',
    status                 TEXT NOT NULL,
    uid                    TEXT NOT NULL UNIQUE,
    sequence               INTEGER NOT NULL DEFAULT 0,
    prepared_by_meeting_id INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
    note                   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_start ON meeting(start_utc);
CREATE INDEX meeting_body ON meeting(body_id, start_utc);

CREATE TABLE attendance (
    meeting_id    INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    status        TEXT NOT NULL DEFAULT '',
    substitute_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    note          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, person_id)
);

CREATE TABLE agenda_item (
    id                    INTEGER PRIMARY KEY,
    meeting_id            INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position              INTEGER NOT NULL,
    title                 TEXT NOT NULL,
    kind                  TEXT NOT NULL,
    portefeuillehouder_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    steller_id            INTEGER REFERENCES person(id) ON DELETE SET NULL,
    confidential          INTEGER NOT NULL DEFAULT 0,
    proposal              TEXT NOT NULL DEFAULT '',
    decision              TEXT NOT NULL DEFAULT '',
    motivation            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_item_meeting ON agenda_item(meeting_id, position);

CREATE TABLE document (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL DEFAULT 0,
    title        TEXT NOT NULL,
    file_name    TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    sha256       TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL DEFAULT 0,
    received_utc TEXT,
    confidential INTEGER NOT NULL DEFAULT 0,
    stored_name  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX document_item ON document(item_id);

CREATE TABLE advice (
    item_id         INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
    verdict         TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    given_on        TEXT,
    PRIMARY KEY (item_id, municipality_id)
);

CREATE TABLE action_item (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    item_id     INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL,
    description TEXT NOT NULL,
    owner_id    INTEGER REFERENCES person(id) ON DELETE SET NULL,
    due         TEXT,
    done        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX action_item_meeting ON action_item(meeting_id);

CREATE TABLE closed_day (
    id              INTEGER PRIMARY KEY,
    municipality_id INTEGER REFERENCES municipality(id) ON DELETE CASCADE,
    day             TEXT NOT NULL,
    name            TEXT NOT NULL
);

CREATE TABLE recess (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    from_date      TEXT NOT NULL,
    to_date        TEXT NOT NULL,
    partnership_id INTEGER REFERENCES partnership(id) ON DELETE CASCADE
);

CREATE TABLE school_holiday (
    id        INTEGER PRIMARY KEY,
    region    TEXT NOT NULL,
    name      TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date   TEXT NOT NULL
);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
