-- 0003: the send log — one row per message to one recipient.
--
-- After a meeting changes, the log is what says who holds which version
-- of its invitation (the highest SEQUENCE delivered to an address), and so
-- who needs an update, a cancellation or nothing; the UI shows it per
-- meeting. Rows are only ever added: a failed attempt is a row with
-- result 'failed', and a later success is a new row.
--
-- uid is kept apart from meeting_id: a deleted meeting's invitations were
-- still sent, and the log keeps them (meeting_id becomes NULL). Digests
-- of deadlines have no meeting and a uid of their own ("digest:...").
-- No column ever holds a password: error is the user-facing message.

CREATE TABLE send_log (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL,
    meeting_id   INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('request', 'cancel', 'withdraw', 'digest')),
    email        TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    person_id    INTEGER REFERENCES person(id) ON DELETE SET NULL,
    sequence     INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL CHECK (channel IN ('smtp', 'eml')),
    message_id   TEXT NOT NULL DEFAULT '',
    sent_at      TEXT NOT NULL,
    result       TEXT NOT NULL CHECK (result IN ('sent', 'written', 'failed')),
    error        TEXT NOT NULL DEFAULT ''
);

-- "What did this meeting's invitees get": the lookup of every plan.
CREATE INDEX send_log_uid ON send_log(uid, id);
CREATE INDEX send_log_meeting ON send_log(meeting_id);
CREATE INDEX send_log_person ON send_log(person_id);
