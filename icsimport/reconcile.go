package icsimport

import (
	"github.com/overlegplanner/overlegplanner/domain"
)

// Change is what an import does with one meeting of the file.
type Change string

// The changes. Their values are stable: the CLI prints them.
const (
	ChangeNew       Change = "nieuw"       // no stored meeting has the UID: it is added
	ChangeUpdate    Change = "gewijzigd"   // the stored meeting gets the file's time, place or status
	ChangeUnchanged Change = "ongewijzigd" // the stored meeting already says what the file says
)

// Planned is one meeting of the file with what the import does with it.
type Planned struct {
	Event
	Change Change
	// Save is what is saved: the event's meeting for a new one, the
	// stored meeting with the file's time, place and status for an
	// update (its ID, attendance, links and sequence kept; the store
	// raises the sequence), the stored meeting as it is when unchanged.
	Save domain.Meeting
}

// Reconcile matches the events with the stored meetings by UID, so that
// importing a file again, or importing a feed this application wrote,
// updates meetings instead of adding them twice. existing must hold every
// stored meeting, cancelled ones included (store.MeetingFilter with
// WithCancelled). A UID that belongs to a meeting of another body is an
// error: the file is meant for that body.
//
// An update takes from the file the start, end, location, online link and
// cancellation. A stored status of verzonden or gehouden is kept unless
// the file cancels the meeting, and a cancelled meeting the file lists as
// not cancelled is planned again. The stored note is kept: the SUMMARY
// only names a new meeting.
func Reconcile(events []Event, existing []domain.Meeting) ([]Planned, error) {
	byUID := make(map[string]*domain.Meeting, len(existing))
	for i := range existing {
		byUID[existing[i].UID] = &existing[i]
	}
	c := &collector{}
	out := make([]Planned, 0, len(events))
	for _, ev := range events {
		old := byUID[ev.Meeting.UID]
		if old == nil {
			out = append(out, Planned{Event: ev, Change: ChangeNew, Save: ev.Meeting})
			continue
		}
		if old.BodyID != ev.Meeting.BodyID {
			c.add(ev.Line, "UID", "icsimport.reconcile.otherbody", shown(ev.Meeting.UID), old.ID, old.BodyID)
			continue
		}
		m := *old
		m.Start, m.End = ev.Meeting.Start, ev.Meeting.End
		m.Location, m.OnlineURL = ev.Meeting.Location, ev.Meeting.OnlineURL
		switch {
		case ev.Meeting.IsCancelled():
			m.Status = domain.StatusGeannuleerd
		case old.IsCancelled():
			m.Status = domain.StatusGepland
		}
		change := ChangeUnchanged
		if domain.NeedsNewSequence(*old, m) {
			change = ChangeUpdate
		}
		out = append(out, Planned{Event: ev, Change: change, Save: m})
	}
	if c.failed() {
		return nil, c.err()
	}
	return out, nil
}

// ToSave returns the meetings that an import must save: the new and the
// changed ones, in file order.
func ToSave(ps []Planned) []domain.Meeting {
	var out []domain.Meeting
	for _, p := range ps {
		if p.Change != ChangeUnchanged {
			out = append(out, p.Save)
		}
	}
	return out
}

// Counts returns how many meetings are new, changed and unchanged.
func Counts(ps []Planned) (added, changed, unchanged int) {
	for _, p := range ps {
		switch p.Change {
		case ChangeNew:
			added++
		case ChangeUpdate:
			changed++
		default:
			unchanged++
		}
	}
	return
}
