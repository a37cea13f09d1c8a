package documents

import (
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// PublicMeeting returns the part of m that may leave the closed circle: a
// public agenda on the website, an invite forwarded to a council member, a
// mail to a press officer. It is the one definition of "public" in the
// application; the public agenda PDF uses it, and invites, feeds and
// e-mails should too, so that what one channel hides no other shows.
//
//   - A confidential agenda item keeps its place, number and kind (the
//     order of the meeting is public, and a reader must see that an item
//     exists) but its title becomes "Vertrouwelijk agendapunt" in lang,
//     and its proposal, decision, motivation, documents, advice,
//     portefeuillehouder and steller are dropped: the name of the
//     portefeuillehouder alone can hint at the subject.
//   - A confidential document on a public item keeps its place as
//     "Vertrouwelijk stuk", without file name, size, hash or stored file.
//   - Ambtelijk advies is internal to the gemeenten and dropped everywhere.
//   - Action items of confidential items are dropped; those of public
//     items and general ones stay (a public besluitenlijst shows them).
//   - The meeting's internal note and the notes on apologies (often a
//     reason such as illness) are dropped.
//
// lang "" means the active language. The result shares no slices with m,
// so the caller's meeting is never modified.
func PublicMeeting(m domain.Meeting, lang i18n.Lang) domain.Meeting {
	if lang == "" {
		lang = i18n.Current()
	}
	pub := m
	pub.Note = ""
	if m.Attendance != nil {
		pub.Attendance = make([]domain.Attendance, len(m.Attendance))
		for i, a := range m.Attendance {
			a.Note = ""
			pub.Attendance[i] = a
		}
	}
	secret := map[int64]bool{}
	if m.Items != nil {
		pub.Items = make([]domain.AgendaItem, len(m.Items))
		for i, it := range m.Items {
			if it.Confidential {
				secret[it.ID] = true
			}
			pub.Items[i] = PublicItem(it, lang)
		}
	}
	if m.Actions != nil {
		pub.Actions = make([]domain.ActionItem, 0, len(m.Actions))
		for _, a := range m.Actions {
			if a.ItemID != 0 && secret[a.ItemID] {
				continue
			}
			pub.Actions = append(pub.Actions, a)
		}
	}
	return pub
}

// PublicItem returns the public form of one agenda item, by the rules of
// PublicMeeting.
func PublicItem(it domain.AgendaItem, lang i18n.Lang) domain.AgendaItem {
	if lang == "" {
		lang = i18n.Current()
	}
	if it.Confidential {
		return domain.AgendaItem{
			ID:           it.ID,
			MeetingID:    it.MeetingID,
			Position:     it.Position,
			Title:        i18n.In(lang, "documents.confidential.item"),
			Kind:         it.Kind,
			Confidential: true,
		}
	}
	it.Advice = nil
	if it.Documents != nil {
		docs := make([]domain.Document, len(it.Documents))
		for j, d := range it.Documents {
			if d.Confidential {
				d = domain.Document{
					ID:           d.ID,
					ItemID:       d.ItemID,
					Title:        i18n.In(lang, "documents.confidential.document"),
					Version:      d.Version,
					ReceivedAt:   d.ReceivedAt,
					Confidential: true,
				}
			}
			docs[j] = d
		}
		it.Documents = docs
	}
	return it
}
