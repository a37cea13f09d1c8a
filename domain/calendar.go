package domain

import "github.com/overlegplanner/overlegplanner/date"

// LiberationMode says when Bevrijdingsdag (5 May) is a day off.
type LiberationMode string

// The Bevrijdingsdag settings. Most collective agreements give it every
// fifth year (lustrum); some organisations every year.
const (
	LiberationYearly  LiberationMode = "jaarlijks"
	LiberationLustrum LiberationMode = "lustrum"
	LiberationNever   LiberationMode = "nooit"
)

// HolidayOptions are the settings that make the Dutch holiday list differ
// between organisations.
type HolidayOptions struct {
	GoodFriday bool // Goede Vrijdag is a day off (most gemeenten work)
	Liberation LiberationMode
}

// ClosedDay is an extra day on which an organisation is closed (the Friday
// after Ascension, the days between Christmas and New Year).
type ClosedDay struct {
	ID             int64
	MunicipalityID int64 // 0: the secretariat / every organisation
	Date           date.Date
	Name           string
}

// Recess is a period in which no meetings are planned (zomerreces, kerstreces).
type Recess struct {
	ID            int64
	Name          string
	From, To      date.Date // inclusive
	PartnershipID int64     // 0: every partnership
}

// Contains reports whether d falls in the recess.
func (r Recess) Contains(d date.Date) bool { return !d.Before(r.From) && !d.After(r.To) }

// SchoolHoliday is a school-holiday period of one region, as published by
// the Ministerie van OCW; editable because the dates are set years ahead
// and sometimes corrected.
type SchoolHoliday struct {
	ID       int64
	Region   SchoolRegion
	Name     string    // "Herfstvakantie"
	From, To date.Date // inclusive
}

// Settings are the organisation-wide preferences of the secretariat.
type Settings struct {
	Holidays       HolidayOptions
	TightDays      int // default threshold: a step leaving fewer working days is krap
	OrganiserName  string
	OrganiserEmail string
	Language       string         // "nl" or "en"
	SMTP           SMTPSettings   // the mail server for invitations (delivery)
	CalDAV         CalDAVSettings // the calendar server to publish to (delivery)
}

// DefaultSettings returns the settings of a new database.
func DefaultSettings() Settings {
	return Settings{
		Holidays:  HolidayOptions{GoodFriday: false, Liberation: LiberationLustrum},
		TightDays: 3,
		Language:  "nl",
	}
}

// Dataset is everything in one database, as plain values: what the demo
// region builds, what an import brings, what the planning engine needs.
type Dataset struct {
	Municipalities []Municipality
	Partnerships   []Partnership
	People         []Person
	Bodies         []Body
	Meetings       []Meeting // with Items (and their Documents and Advice) and Actions
	ClosedDays     []ClosedDay
	Recesses       []Recess
	SchoolHolidays []SchoolHoliday
	Settings       Settings
}
