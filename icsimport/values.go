package icsimport

import (
	"strconv"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// The years a meeting may fall in; anything else is a typing error (0207
// for 2027) or a placeholder date some programs write.
const (
	minYear = 1900
	maxYear = 2200
)

// stamp is a parsed DATE or DATE-TIME value.
type stamp struct {
	t      time.Time // in its zone; for a date, midnight Amsterdam
	allDay bool      // a DATE value
	utc    bool      // written with Z
}

// valueError is a value that could not be read: the message to report.
type valueError struct{ msg i18n.Message }

func (e *valueError) Error() string { return e.msg.String() }

func bad(key string, args ...any) *valueError { return &valueError{i18n.M(key, args...)} }

// parseStamp reads the value of a DTSTART-like property: "20270315"
// (with or without VALUE=DATE), "20270315T140000" (floating, or in the
// zone of its TZID) or "20270315T130000Z" (UTC).
func parseStamp(p *contentLine, zones *zoneTable) (stamp, *valueError) {
	return parseStampValue(strings.TrimSpace(p.value), p.param("VALUE"), p.param("TZID"), zones)
}

func parseStampValue(v, valueType, tzid string, zones *zoneTable) (stamp, *valueError) {
	valueType = strings.ToUpper(valueType)
	if valueType != "" && valueType != "DATE" && valueType != "DATE-TIME" {
		return stamp{}, bad("icsimport.value.type", valueType)
	}
	if len(v) == 8 && valueType != "DATE-TIME" {
		y, m, d, ok := ymd(v)
		if !ok {
			return stamp{}, bad("icsimport.value.date", shown(v))
		}
		if y < minYear || y > maxYear {
			return stamp{}, bad("icsimport.value.year", y, minYear, maxYear)
		}
		return stamp{t: time.Date(y, time.Month(m), d, 0, 0, 0, 0, domain.Amsterdam()), allDay: true}, nil
	}
	if valueType == "DATE" {
		return stamp{}, bad("icsimport.value.date", shown(v))
	}
	utc := strings.HasSuffix(v, "Z") || strings.HasSuffix(v, "z")
	if utc {
		v = v[:len(v)-1]
	}
	if len(v) != 15 || (v[8] != 'T' && v[8] != 't') {
		return stamp{}, bad("icsimport.value.datetime", shown(v))
	}
	y, m, d, ok := ymd(v[:8])
	hh, ok1 := digits(v[9:11])
	mm, ok2 := digits(v[11:13])
	ss, ok3 := digits(v[13:15])
	if !ok || !ok1 || !ok2 || !ok3 || hh > 23 || mm > 59 || ss > 60 {
		return stamp{}, bad("icsimport.value.datetime", shown(v))
	}
	if ss == 60 { // a leap second: the instant is the next minute's start
		ss = 59
	}
	if y < minYear || y > maxYear {
		return stamp{}, bad("icsimport.value.year", y, minYear, maxYear)
	}
	loc := domain.Amsterdam() // floating times are read as Amsterdam time
	switch {
	case utc:
		loc = time.UTC // a TZID on a UTC time is wrong but harmless: Z wins
	case tzid != "":
		z, err := zones.lookup(tzid)
		if err != nil {
			return stamp{}, err
		}
		loc = z
	}
	return stamp{t: time.Date(y, time.Month(m), d, hh, mm, ss, 0, loc), utc: utc}, nil
}

// ymd reads YYYYMMDD and checks that the day exists.
func ymd(s string) (y, m, d int, ok bool) {
	if len(s) != 8 {
		return 0, 0, 0, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[4:6])
	d, ok3 := digits(s[6:8])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 {
		return 0, 0, 0, false
	}
	if d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// digits reads a run of ASCII digits (no sign, no spaces).
func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// parseDuration reads an RFC 5545 duration (§3.3.6): "PT2H", "PT1H30M",
// "P1D", "P1W". A meeting lasts a positive time, so a negative or zero
// duration is refused by the caller.
func parseDuration(v string) (time.Duration, *valueError) {
	s := strings.ToUpper(strings.TrimSpace(v))
	orig := s
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, bad("icsimport.value.duration", shown(orig))
	}
	s = s[1:]
	var secs int64
	inTime := false
	seen := ""
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime || len(s) == 1 {
				return 0, bad("icsimport.value.duration", shown(orig))
			}
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i > 6 || i == len(s) {
			return 0, bad("icsimport.value.duration", shown(orig))
		}
		n, _ := strconv.ParseInt(s[:i], 10, 64)
		unit := s[i]
		s = s[i+1:]
		var per int64
		switch {
		case unit == 'W' && !inTime:
			per = 7 * 24 * 3600
		case unit == 'D' && !inTime:
			per = 24 * 3600
		case unit == 'H' && inTime:
			per = 3600
		case unit == 'M' && inTime:
			per = 60
		case unit == 'S' && inTime:
			per = 1
		default:
			return 0, bad("icsimport.value.duration", shown(orig))
		}
		if strings.IndexByte(seen, unit) >= 0 {
			return 0, bad("icsimport.value.duration", shown(orig))
		}
		seen += string(unit)
		secs += n * per // at most 6 digits a part: no overflow
	}
	if neg {
		secs = -secs
	}
	// A year is far beyond any meeting; the caller refuses what is too
	// long with the domain's own message. This only keeps the arithmetic
	// in range.
	if secs > 366*24*3600 || secs < -366*24*3600 {
		return 0, bad("icsimport.value.duration", shown(orig))
	}
	return time.Duration(secs) * time.Second, nil
}

// unescapeText undoes the TEXT escaping of RFC 5545 §3.3.11: "\\", "\;",
// "\,", "\n" and "\N". A backslash before anything else is kept, as most
// readers do with what Outlook writes.
func unescapeText(v string) string {
	if !strings.Contains(v, `\`) {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			switch v[i+1] {
			case '\\', ';', ',':
				b.WriteByte(v[i+1])
				i++
				continue
			case 'n', 'N':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}
