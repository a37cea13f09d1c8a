package domain

import (
	"testing"

	"github.com/overlegplanner/overlegplanner/i18n"
)

type labeler interface{ Label() string }

func TestEveryEnumValueHasALabel(t *testing.T) {
	var all []labeler
	for _, v := range SchoolRegions() {
		all = append(all, v)
	}
	for _, v := range LegalForms() {
		all = append(all, v)
	}
	for _, v := range BodyKinds() {
		all = append(all, v)
	}
	for _, v := range MemberRoles() {
		all = append(all, v)
	}
	for _, v := range PersonRoles() {
		all = append(all, v)
	}
	for _, v := range MeetingStatuses() {
		all = append(all, v)
	}
	for _, v := range ItemKinds() {
		all = append(all, v)
	}
	for _, v := range []DocumentStatus{DocVerwacht, DocOntbreekt, DocOntvangen, DocTeLaat} {
		all = append(all, v)
	}
	for _, v := range append(Verdicts(), VerdictNone) {
		all = append(all, v)
	}
	for _, v := range Audiences() {
		all = append(all, v)
	}
	for _, v := range []DeadlineStatus{DeadlineOK, DeadlineKrap, DeadlineOnhaalbaar} {
		all = append(all, v)
	}
	for _, v := range []Unit{Werkdagen, Kalenderdagen} {
		all = append(all, v)
	}
	for _, v := range []AnchorKind{AnchorMeeting, AnchorRule, AnchorPrep, AnchorCollege} {
		all = append(all, v)
	}
	for _, v := range []LiberationMode{LiberationYearly, LiberationLustrum, LiberationNever} {
		all = append(all, v)
	}
	for _, v := range []AttendanceStatus{AttendanceAfgemeld, AttendanceVervangen, AttendanceAanwezig, AttendanceOnbekend} {
		all = append(all, v)
	}
	for _, l := range i18n.Languages() {
		i18n.SetLanguage(l)
		for _, v := range all {
			if got := v.Label(); got == "" || len(got) > 6 && got[:7] == "domain." {
				t.Errorf("%s: %T %v has no label (%q)", l, v, v, got)
			}
		}
	}
	i18n.SetLanguage(i18n.Dutch)
}
