package domain

import "github.com/overlegplanner/overlegplanner/i18n"

// Labels render enum values in the user's language. The catalogue keys are
// "domain.<type>.<value>"; labels_test.go proves every value has one.

// Label returns the display name of the region.
func (r SchoolRegion) Label() string { return i18n.T("domain.region." + string(r)) }

// Label returns the display name of the legal form.
func (f LegalForm) Label() string { return i18n.T("domain.legalform." + string(f)) }

// Label returns the display name of the body kind ("PHO").
func (k BodyKind) Label() string { return i18n.T("domain.bodykind." + string(k)) }

// Label returns the display name of the member role.
func (r MemberRole) Label() string { return i18n.T("domain.memberrole." + string(r)) }

// Label returns the display name of the person role.
func (r PersonRole) Label() string { return i18n.T("domain.personrole." + string(r)) }

// Label returns the display name of the meeting status.
func (s MeetingStatus) Label() string { return i18n.T("domain.status." + string(s)) }

// Label returns the display name of the item kind ("ter besluitvorming").
func (k ItemKind) Label() string { return i18n.T("domain.itemkind." + string(k)) }

// Label returns the display name of the document status.
func (s DocumentStatus) Label() string { return i18n.T("domain.docstatus." + string(s)) }

// Label returns the display name of the verdict.
func (v Verdict) Label() string {
	if v == VerdictNone {
		return i18n.T("domain.verdict.none")
	}
	return i18n.T("domain.verdict." + string(v))
}

// Label returns the display name of the audience.
func (a Audience) Label() string { return i18n.T("domain.audience." + string(a)) }

// Label returns the display name of the deadline status.
func (s DeadlineStatus) Label() string { return i18n.T("domain.deadlinestatus." + string(s)) }

// Label returns the display name of the unit.
func (u Unit) Label() string { return i18n.T("domain.unit." + string(u)) }

// Label returns the display name of the anchor kind.
func (a AnchorKind) Label() string { return i18n.T("domain.anchor." + string(a)) }

// Label returns the display name of the Bevrijdingsdag mode.
func (m LiberationMode) Label() string { return i18n.T("domain.liberation." + string(m)) }

// Label returns the display name of the attendance status.
func (s AttendanceStatus) Label() string {
	if s == AttendanceOnbekend {
		return i18n.T("domain.attendance.onbekend")
	}
	return i18n.T("domain.attendance." + string(s))
}
