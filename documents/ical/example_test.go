package ical_test

import (
	"fmt"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents/ical"
)

func ExampleFilename() {
	fmt.Println(ical.Filename("PHO Jeugd Walcheren", date.MustParse("2026-11-23")))
	fmt.Println(ical.Filename("AB/DB Orionis", 0))
	// Output:
	// 2026-11-23 PHO Jeugd Walcheren.ics
	// AB-DB Orionis.ics
}

func ExampleContentType() {
	// The MIME type of the text/calendar part of an invitation mail.
	fmt.Println(ical.ContentType(ical.MethodRequest))
	// Output: text/calendar; charset=utf-8; method=REQUEST
}
