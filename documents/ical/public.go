package ical

import (
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// publicMeeting returns the part of m that may leave the closed circle: an
// invite is forwarded, a feed is subscribed to by anyone with the link, and
// both end up on phones and in third-party clouds. A confidential agenda
// item keeps its place and kind but its title becomes "Vertrouwelijk
// agendapunt" and its proposal, decision, motivation, documents, advice
// and portefeuillehouder are dropped (the name would hint at the subject).
// A confidential document on a public item is shown only as "Vertrouwelijk
// stuk", without its file name. Actions and the internal note are dropped
// altogether: an invite has no place for them.
//
// m is never modified: what the filter changes is copied, and the only
// slices the result shares with m are document lists without a
// confidential document, which nothing writes to.
func publicMeeting(m domain.Meeting, lang i18n.Lang) domain.Meeting {
	pub := m
	pub.Note = ""
	pub.Actions = nil
	pub.Attendance = append([]domain.Attendance(nil), m.Attendance...)
	for i := range pub.Attendance {
		pub.Attendance[i].Note = ""
	}
	if m.Items == nil {
		return pub
	}
	pub.Items = make([]domain.AgendaItem, len(m.Items))
	for i, it := range m.Items {
		if it.Confidential {
			pub.Items[i] = domain.AgendaItem{
				ID:           it.ID,
				MeetingID:    it.MeetingID,
				Position:     it.Position,
				Title:        i18n.In(lang, "ical.confidential.item"),
				Kind:         it.Kind,
				Confidential: true,
			}
			continue
		}
		it.Advice = nil // ambtelijk advies is internal to the gemeenten
		it.Decision, it.Motivation = "", ""
		if !anyConfidential(it.Documents) {
			pub.Items[i] = it // the documents slice is shared, never written
			continue
		}
		docs := make([]domain.Document, len(it.Documents))
		for j, d := range it.Documents {
			if d.Confidential {
				d = domain.Document{
					ID:           d.ID,
					ItemID:       d.ItemID,
					Title:        i18n.In(lang, "ical.confidential.document"),
					Version:      d.Version,
					ReceivedAt:   d.ReceivedAt,
					Confidential: true,
				}
			}
			docs[j] = d
		}
		it.Documents = docs
		pub.Items[i] = it
	}
	return pub
}

func anyConfidential(docs []domain.Document) bool {
	for i := range docs {
		if docs[i].Confidential {
			return true
		}
	}
	return false
}
