-- 0002: an index on every foreign-key column that had none.
--
-- SQLite does not index the child side of a foreign key by itself. Without
-- these, deleting or renumbering a parent row (a person, a gemeente, a
-- meeting, an agenda item) makes SQLite scan every child table in full to
-- enforce the reference, inside the write transaction; and the lookups the
-- app does often ("the meetings an AO prepares", "the items of this
-- portefeuillehouder", "the open actions of this person") scan as well. A
-- test (TestEveryForeignKeyIsIndexed) keeps every later foreign key
-- indexed too.

CREATE INDEX membership_municipality ON membership(municipality_id);
CREATE INDEX person_municipality ON person(municipality_id);
CREATE INDEX body_prepared_by ON body(prepared_by_id);
CREATE INDEX body_secretary ON body(secretary_id);
CREATE INDEX standing_item_body ON standing_item(body_id, position);
CREATE INDEX meeting_prepared_by ON meeting(prepared_by_meeting_id);
CREATE INDEX attendance_person ON attendance(person_id);
CREATE INDEX attendance_substitute ON attendance(substitute_id);
CREATE INDEX agenda_item_portefeuillehouder ON agenda_item(portefeuillehouder_id);
CREATE INDEX agenda_item_steller ON agenda_item(steller_id);
CREATE INDEX advice_municipality ON advice(municipality_id);
CREATE INDEX action_item_item ON action_item(item_id);
CREATE INDEX action_item_owner ON action_item(owner_id);
CREATE INDEX closed_day_municipality ON closed_day(municipality_id);
CREATE INDEX recess_partnership ON recess(partnership_id);
