// Package demo builds the Zeeland demo region: the 13 Zeeland gemeenten
// with their real names, CBS codes and approximate populations, overlapping
// partnerships with real names, fictional people, and two years of meetings
// with agendas and stukken in every state. It exists so that a new user sees
// the problem the app solves (overlapping memberships, different college
// weekdays, late stukken) in the first minute, and so that tests and
// screenshots have realistic data.
package demo

import (
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
)

// IDs of the gemeenten, fixed so that tests can refer to them.
const (
	Borsele int64 = iota + 1
	Goes
	Hulst
	Kapelle
	Middelburg
	NoordBeveland
	Reimerswaal
	SchouwenDuiveland
	Sluis
	Terneuzen
	Tholen
	Veere
	Vlissingen
)

// IDs of the partnerships.
const (
	Orionis int64 = iota + 1
	JeugdZeeland
	Oosterschelde
	ZeeuwsVlaanderen
	Veiligheidsregio
)

// municipalities: public facts (CBS codes, rounded populations of 2024).
// College weekdays and lead times are plausible but invented: they differ
// on purpose, because that is what makes a PHO's chain differ per gemeente.
// Vlissingen's long lead time (two colleges a week, but stukken eight
// working days ahead) makes its chain impossible before some PHOs: the
// problem the app exists to show.
func municipalities() []domain.Municipality {
	w := func(ds ...time.Weekday) []time.Weekday { return ds }
	return []domain.Municipality{
		{ID: Borsele, Name: "Borsele", CBSCode: "GM0654", Inhabitants: 23300, CollegeDays: w(time.Tuesday), CollegeLeadDays: 3},
		{ID: Goes, Name: "Goes", CBSCode: "GM0664", Inhabitants: 40200, CollegeDays: w(time.Monday), CollegeLeadDays: 2},
		{ID: Hulst, Name: "Hulst", CBSCode: "GM0677", Inhabitants: 27600, CollegeDays: w(time.Tuesday), CollegeLeadDays: 4},
		{ID: Kapelle, Name: "Kapelle", CBSCode: "GM0678", Inhabitants: 13100, CollegeDays: w(time.Thursday), CollegeLeadDays: 2},
		{ID: Middelburg, Name: "Middelburg", CBSCode: "GM0687", Inhabitants: 49900, CollegeDays: w(time.Tuesday), CollegeLeadDays: 4},
		{ID: NoordBeveland, Name: "Noord-Beveland", CBSCode: "GM1695", Inhabitants: 7800, CollegeDays: w(time.Monday), CollegeLeadDays: 2},
		{ID: Reimerswaal, Name: "Reimerswaal", CBSCode: "GM0703", Inhabitants: 23200, CollegeDays: w(time.Monday), CollegeLeadDays: 3},
		{ID: SchouwenDuiveland, Name: "Schouwen-Duiveland", CBSCode: "GM1676", Inhabitants: 34600, CollegeDays: w(time.Tuesday), CollegeLeadDays: 3},
		{ID: Sluis, Name: "Sluis", CBSCode: "GM1714", Inhabitants: 23600, CollegeDays: w(time.Monday), CollegeLeadDays: 2},
		{ID: Terneuzen, Name: "Terneuzen", CBSCode: "GM0715", Inhabitants: 54900, CollegeDays: w(time.Tuesday), CollegeLeadDays: 4},
		{ID: Tholen, Name: "Tholen", CBSCode: "GM0716", Inhabitants: 26200, CollegeDays: w(time.Thursday), CollegeLeadDays: 3},
		{ID: Veere, Name: "Veere", CBSCode: "GM0717", Inhabitants: 22000, CollegeDays: w(time.Monday), CollegeLeadDays: 2},
		{ID: Vlissingen, Name: "Vlissingen", CBSCode: "GM0718", Inhabitants: 45100, CollegeDays: w(time.Tuesday, time.Friday), CollegeLeadDays: 8},
	}
}

func allMunicipalities() []int64 {
	return []int64{Borsele, Goes, Hulst, Kapelle, Middelburg, NoordBeveland, Reimerswaal, SchouwenDuiveland, Sluis, Terneuzen, Tholen, Veere, Vlissingen}
}

func partnerships(year int) []domain.Partnership {
	since := date.New(2015, time.January, 1)
	members := func(ids ...int64) []domain.Membership {
		out := make([]domain.Membership, len(ids))
		for i, id := range ids {
			out[i] = domain.Membership{MunicipalityID: id, From: since}
		}
		return out
	}
	oosterschelde := members(Borsele, Goes, Kapelle, NoordBeveland, Reimerswaal, SchouwenDuiveland)
	// Membership changes are part of the story: Tholen leaves the
	// Oosterschelde region in the middle of next year (it works more and
	// more with West-Brabant), and Noord-Beveland only joined last year.
	oosterschelde = append(oosterschelde, domain.Membership{MunicipalityID: Tholen, From: since, Until: date.New(year+1, time.July, 1)})
	for i := range oosterschelde {
		if oosterschelde[i].MunicipalityID == NoordBeveland {
			oosterschelde[i].From = date.New(year-1, time.January, 1)
		}
	}
	return []domain.Partnership{
		{ID: Orionis, Name: "Orionis Walcheren", ShortName: "Orionis", PolicyDomain: "werk en inkomen",
			LegalForm: domain.LegalFormGR, Color: "#1f6fb4", Members: members(Middelburg, Vlissingen, Veere)},
		{ID: JeugdZeeland, Name: "Jeugdregio Zeeland", ShortName: "Jeugd", PolicyDomain: "jeugdhulp",
			LegalForm: domain.LegalFormGR, Color: "#d9730d", Members: members(allMunicipalities()...)},
		{ID: Oosterschelde, Name: "Regio Oosterschelde", ShortName: "Oosterschelde", PolicyDomain: "Wmo en beschermd wonen",
			LegalForm: domain.LegalFormConvenant, Color: "#2b8a3e", Members: oosterschelde},
		{ID: ZeeuwsVlaanderen, Name: "Samenwerking Zeeuws-Vlaanderen", ShortName: "Zeeuws-Vlaanderen", PolicyDomain: "sociaal domein",
			LegalForm: domain.LegalFormCentrumgemeente, Color: "#8e44ad", Members: members(Sluis, Terneuzen, Hulst)},
		{ID: Veiligheidsregio, Name: "Veiligheidsregio Zeeland", ShortName: "VRZ", PolicyDomain: "veiligheid",
			LegalForm: domain.LegalFormGR, Color: "#c0392b", Members: members(allMunicipalities()...)},
	}
}
