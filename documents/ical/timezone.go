package ical

import goical "github.com/emersion/go-ical"

// TZID is the time zone every local time in our output refers to.
const TZID = "Europe/Amsterdam"

// amsterdamTimezone returns the VTIMEZONE for Europe/Amsterdam: the EU rule
// in force since 1996 (summer time from the last Sunday of March, 02:00
// CET, to the last Sunday of October, 03:00 CEST). Outlook and Apple need
// the definition in the file to place a TZID time; Google and Thunderbird
// map the IANA name. Meetings are planned for the coming years only, so
// the historical rules before 1996 are left out, as every mainstream
// producer does. The rule is checked against Go's tzdata in the tests.
//
// TZOFFSETFROM/TO and RRULE are set through Prop.Value: go-ical's SetText
// would add VALUE=TEXT, which is wrong for these value types.
func amsterdamTimezone() *goical.Component {
	tz := goical.NewComponent(goical.CompTimezone)
	setRaw(tz, goical.PropTimezoneID, TZID)
	// Lets libical-based clients (Evolution, older Thunderbird) use their
	// own Europe/Amsterdam definition.
	setRaw(tz, "X-LIC-LOCATION", TZID)
	tz.Children = append(tz.Children,
		observance(goical.CompTimezoneDaylight, "+0100", "+0200", "CEST", "19700329T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
		observance(goical.CompTimezoneStandard, "+0200", "+0100", "CET", "19701025T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
	)
	return tz
}

func observance(name, from, to, tzname, start, rrule string) *goical.Component {
	c := goical.NewComponent(name)
	setRaw(c, goical.PropTimezoneOffsetFrom, from)
	setRaw(c, goical.PropTimezoneOffsetTo, to)
	setRaw(c, goical.PropTimezoneName, tzname)
	setRaw(c, goical.PropDateTimeStart, start)
	setRaw(c, goical.PropRecurrenceRule, rrule)
	return c
}
