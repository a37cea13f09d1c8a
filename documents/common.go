package documents

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents/pdf"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// ErrIncomplete is the cause of every error about input that cannot make a
// document (no index, a meeting without a body or time); the message that
// wraps it says what is missing, in the user's language.
var ErrIncomplete = errors.New("documents: onvolledige invoer")

// Rendered is a finished PDF document.
type Rendered struct {
	// Name is a suggested file name, safe on every file system and as a
	// mail attachment ("2027-03-18 Agenda PHO Jeugd Zeeland.pdf").
	Name  string
	PDF   []byte
	Pages int
}

// creator is written as the PDF's Creator: the application that made it.
const creator = "Overlegplanner"

// docLang returns the BCP 47 tag of the active language for the PDF's
// /Lang entry, which screen readers use to pick a voice.
func docLang() string {
	if i18n.Current() == i18n.English {
		return "en-GB"
	}
	return "nl-NL"
}

// page holds what every page of one document shares: header, footer and
// metadata.
type page struct {
	orientation pdf.Orientation
	accent      string // the partnership's colour, "#rrggbb"
	headerLeft  string
	headerRight string
	footer      string
	title       string
	subject     string
	author      string
	keywords    []string
	created     time.Time
	strict      bool
}

func (p page) options() pdf.Options {
	accent, _ := pdf.ParseColor(p.accent)
	return pdf.Options{
		Orientation: p.orientation,
		Meta: pdf.Meta{
			Title: p.title, Subject: p.subject, Author: p.author,
			Keywords: strings.Join(p.keywords, ", "), Creator: creator,
			Lang: docLang(), Created: p.created,
		},
		Accent:      accent,
		HeaderLeft:  p.headerLeft,
		HeaderRight: p.headerRight,
		FooterLeft:  p.footer,
		PageLabel:   func(n, total int) string { return i18n.T("documents.page", n, total) },
		Strict:      p.strict,
	}
}

// render lays out a document and names it.
func (p page) render(name string, day date.Date, build func(d *pdf.Doc)) (Rendered, error) {
	if p.created.IsZero() {
		return Rendered{}, i18n.Errorf(ErrIncomplete, "documents.error.nonow")
	}
	res, err := pdf.Render(p.options(), build)
	if err != nil {
		return Rendered{}, err
	}
	return Rendered{Name: FileName(name, day, "pdf"), PDF: res.PDF, Pages: res.Pages}, nil
}

// meetingContext is what every document about one meeting looks up.
type meetingContext struct {
	ix          *domain.Index
	m           *domain.Meeting
	body        *domain.Body
	partnership *domain.Partnership // never nil: a placeholder when unknown
}

func newMeetingContext(ix *domain.Index, m *domain.Meeting) (meetingContext, error) {
	if ix == nil {
		return meetingContext{}, i18n.Errorf(ErrIncomplete, "documents.error.noindex")
	}
	b := ix.Bodies[m.BodyID]
	if b == nil {
		return meetingContext{}, i18n.Errorf(ErrIncomplete, "documents.error.nobody", m.ID, m.BodyID)
	}
	if m.Start.IsZero() {
		return meetingContext{}, i18n.Errorf(ErrIncomplete, "documents.error.notime", m.ID)
	}
	p := ix.Partnerships[b.PartnershipID]
	if p == nil {
		p = &domain.Partnership{}
	}
	return meetingContext{ix: ix, m: m, body: b, partnership: p}, nil
}

// author returns who issues the document: the given organiser, else the
// body's secretary, else the partnership.
func (c meetingContext) author(organiser string) string {
	if s := strings.TrimSpace(organiser); s != "" {
		return s
	}
	if s := c.ix.PersonName(c.body.SecretaryID); s != "" {
		return s
	}
	return c.partnership.Name
}

// when returns "donderdag 18 maart 2027" and "14:00 – 16:00 uur".
func when(m *domain.Meeting) (day, hours string) {
	start := m.Start.In(domain.Amsterdam())
	day = i18n.LongDate(domain.DateOf(start))
	if m.End.After(m.Start) {
		return day, i18n.T("documents.time.range", i18n.Clock(start), i18n.Clock(m.End.In(domain.Amsterdam())))
	}
	return day, i18n.T("documents.time.start", i18n.Clock(start))
}

// location returns where m takes place: its own location, else the body's
// default. An online link is shown separately.
func location(m *domain.Meeting, b *domain.Body) string {
	if s := strings.TrimSpace(m.Location); s != "" {
		return s
	}
	return strings.TrimSpace(b.Location)
}

// personWithMunicipality returns "Jan de Vries (Middelburg)", or the name
// alone for someone not employed by a gemeente, or "" when unknown.
func personWithMunicipality(ix *domain.Index, id int64) string {
	p := ix.People[id]
	if p == nil {
		return ""
	}
	if g := ix.MunicipalityName(p.MunicipalityID); g != "" {
		return p.Name + " (" + g + ")"
	}
	return p.Name
}

// shortDate is the compact date for table cells ("do 18-03-2027").
func shortDate(d date.Date) string { return i18n.ShortDate(d) }

// shortDateInYear is shortDate without the year when d falls in year
// ("wo 07-04"), for the first date of a range that ends in that year.
func shortDateInYear(d date.Date, year int) string {
	s := i18n.ShortDate(d)
	if d.Year() == year && len(s) > 5 {
		return s[:len(s)-5]
	}
	return s
}

// maxFileNameBytes keeps names well inside every file system's limit (255
// bytes) and readable in a mail client's attachment list.
const maxFileNameBytes = 100

// FileName returns a file name for a document called title about day,
// with extension ext ("pdf", "csv"): FileName("Agenda PHO Jeugd Zeeland",
// 2027-03-18, "pdf") is "2027-03-18 Agenda PHO Jeugd Zeeland.pdf". The date
// comes first so that a folder of agendas sorts by meeting; a zero day
// leaves it out. Characters that Windows, macOS or a Content-Disposition
// header cannot take become "-", and an empty title becomes
// "overlegplanner".
func FileName(title string, day date.Date, ext string) string {
	title = strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			return ' '
		case strings.ContainsRune(`/\:*?"<>|`, r):
			return '-'
		}
		return r
	}, strings.ToValidUTF8(title, " "))
	title = strings.Join(strings.Fields(title), " ")
	// Windows drops trailing dots and spaces, which would make two names
	// collide; a leading dot hides the file on macOS and Linux.
	title = strings.Trim(title, ". ")
	if len(title) > maxFileNameBytes {
		cut := maxFileNameBytes
		for cut > 0 && !utf8.RuneStart(title[cut]) {
			cut--
		}
		title = strings.TrimRight(title[:cut], ". ")
	}
	if title == "" {
		title = "overlegplanner"
	}
	if reservedOnWindows(title) {
		title = "_" + title
	}
	if !day.IsZero() {
		title = day.String() + " " + title
	}
	return title + "." + ext
}

// reservedOnWindows reports whether name is a device name that Windows
// refuses as a file name, with or without extension.
func reservedOnWindows(name string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(name), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) &&
		base[3] >= '1' && base[3] <= '9'
}
