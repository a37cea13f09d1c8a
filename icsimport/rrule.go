package icsimport

import (
	"strings"
	"time"

	rrule "github.com/teambition/rrule-go"
)

// The bounds of what a meeting series may ask for. They are far beyond
// any real series and keep a hostile or broken file from making us count
// for long.
const (
	maxInterval = 520   // every ten years, counted in weeks
	maxCount    = 10000 // occurrences of one rule
)

// parseRule reads an RRULE value (RFC 5545 §3.3.10) for a series that
// starts at start, strictly: every part is checked here with a Dutch
// message before github.com/teambition/rrule-go, whose own parser is
// lenient, computes the dates.
//
// Supported: FREQ DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL; COUNT or
// UNTIL; BYDAY (with an ordinal such as 2TU or -1FR for MONTHLY and
// YEARLY); BYMONTHDAY; BYMONTH; BYSETPOS; WKST. Refused with a reason:
// more often than daily and BYHOUR, BYMINUTE, BYSECOND (a meeting series
// meets once on a day), and BYYEARDAY and BYWEEKNO (no calendar program
// writes them for a meeting series, and their reading differs between
// libraries).
func parseRule(v string, start time.Time) (*rrule.RRule, *valueError) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, bad("icsimport.rule.empty")
	}
	opt := rrule.ROption{Dtstart: start}
	seen := map[string]bool{}
	freqSet := false
	for _, part := range strings.Split(v, ";") {
		key, val, ok := strings.Cut(part, "=")
		key = strings.ToUpper(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		if !ok || key == "" || val == "" {
			return nil, bad("icsimport.rule.part", shown(part))
		}
		if seen[key] {
			return nil, bad("icsimport.rule.twice", key)
		}
		seen[key] = true
		var err *valueError
		switch key {
		case "FREQ":
			freqSet = true
			switch strings.ToUpper(val) {
			case "DAILY":
				opt.Freq = rrule.DAILY
			case "WEEKLY":
				opt.Freq = rrule.WEEKLY
			case "MONTHLY":
				opt.Freq = rrule.MONTHLY
			case "YEARLY":
				opt.Freq = rrule.YEARLY
			case "HOURLY", "MINUTELY", "SECONDLY":
				return nil, bad("icsimport.rule.freqtoo", strings.ToUpper(val))
			default:
				return nil, bad("icsimport.rule.freq", shown(val))
			}
		case "INTERVAL":
			opt.Interval, err = ruleInt(key, val, 1, maxInterval)
		case "COUNT":
			opt.Count, err = ruleInt(key, val, 1, maxCount)
		case "UNTIL":
			var s stamp
			s, err = parseStampValue(val, "", "", nil)
			if err == nil {
				opt.Until = s.t
				if s.allDay {
					// A date as UNTIL includes that whole day.
					opt.Until = s.t.AddDate(0, 0, 1).Add(-time.Second)
				}
			}
		case "BYDAY":
			opt.Byweekday, err = ruleDays(val)
		case "BYMONTHDAY":
			opt.Bymonthday, err = ruleInts(key, val, 1, 31, true)
		case "BYMONTH":
			opt.Bymonth, err = ruleInts(key, val, 1, 12, false)
		case "BYSETPOS":
			opt.Bysetpos, err = ruleInts(key, val, 1, 366, true)
		case "WKST":
			var days []rrule.Weekday
			days, err = ruleDays(val)
			if err == nil && (len(days) != 1 || days[0].N() != 0) {
				err = bad("icsimport.rule.value", key, shown(val))
			}
			if err == nil {
				opt.Wkst = days[0]
			}
		case "BYHOUR", "BYMINUTE", "BYSECOND":
			return nil, bad("icsimport.rule.bytime", key)
		case "BYYEARDAY", "BYWEEKNO":
			return nil, bad("icsimport.rule.unsupported", key)
		default:
			return nil, bad("icsimport.rule.unknown", shown(key))
		}
		if err != nil {
			return nil, err
		}
	}
	if !freqSet {
		return nil, bad("icsimport.rule.nofreq")
	}
	if seen["COUNT"] && seen["UNTIL"] {
		return nil, bad("icsimport.rule.countuntil")
	}
	if opt.Freq != rrule.MONTHLY && opt.Freq != rrule.YEARLY {
		for _, d := range opt.Byweekday {
			if d.N() != 0 {
				return nil, bad("icsimport.rule.ordinal", d.String())
			}
		}
	}
	if opt.Freq == rrule.MONTHLY {
		for _, d := range opt.Byweekday {
			if d.N() > 5 || d.N() < -5 {
				return nil, bad("icsimport.rule.value", "BYDAY", d.String())
			}
		}
	}
	if len(opt.Bysetpos) > 0 && len(opt.Byweekday)+len(opt.Bymonthday)+len(opt.Bymonth) == 0 {
		return nil, bad("icsimport.rule.setpos")
	}
	r, err := rrule.NewRRule(opt)
	if err != nil {
		return nil, bad("icsimport.rule.part", shown(v))
	}
	return r, nil
}

func ruleInt(key, val string, lo, hi int) (int, *valueError) {
	n, ok := digits(val)
	if !ok || len(val) > 6 || n < lo || n > hi {
		return 0, bad("icsimport.rule.range", key, shown(val), lo, hi)
	}
	return n, nil
}

// ruleInts reads a comma-separated list of integers in [lo, hi], and with
// signed also in [-hi, -lo].
func ruleInts(key, val string, lo, hi int, signed bool) ([]int, *valueError) {
	var out []int
	for _, s := range strings.Split(val, ",") {
		s = strings.TrimSpace(s)
		neg := false
		if signed && (strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+")) {
			neg, s = s[0] == '-', s[1:]
		}
		n, ok := digits(s)
		if !ok || len(s) > 3 || n < lo || n > hi {
			return nil, bad("icsimport.rule.value", key, shown(val))
		}
		if neg {
			n = -n
		}
		out = append(out, n)
	}
	return out, nil
}

var weekdays = map[string]rrule.Weekday{
	"MO": rrule.MO, "TU": rrule.TU, "WE": rrule.WE, "TH": rrule.TH, "FR": rrule.FR, "SA": rrule.SA, "SU": rrule.SU,
}

// ruleDays reads a BYDAY list: "MO,WE", "2TU", "-1FR".
func ruleDays(val string) ([]rrule.Weekday, *valueError) {
	var out []rrule.Weekday
	for _, s := range strings.Split(val, ",") {
		s = strings.ToUpper(strings.TrimSpace(s))
		if len(s) < 2 {
			return nil, bad("icsimport.rule.value", "BYDAY", shown(val))
		}
		wd, ok := weekdays[s[len(s)-2:]]
		if !ok {
			return nil, bad("icsimport.rule.value", "BYDAY", shown(val))
		}
		if ord := s[:len(s)-2]; ord != "" {
			neg := false
			if ord[0] == '-' || ord[0] == '+' {
				neg, ord = ord[0] == '-', ord[1:]
			}
			n, ok := digits(ord)
			if !ok || len(ord) > 2 || n < 1 || n > 53 {
				return nil, bad("icsimport.rule.value", "BYDAY", shown(val))
			}
			if neg {
				n = -n
			}
			wd = wd.Nth(n)
		}
		out = append(out, wd)
	}
	return out, nil
}

// expand returns the starts of the rule's occurrences in [from, to). The
// rule counts from its DTSTART, so COUNT means the same whatever window
// is asked for.
func expand(r *rrule.RRule, from, to time.Time) []time.Time {
	var out []time.Time
	next := r.Iterator()
	for {
		t, ok := next()
		if !ok || !t.Before(to) {
			return out
		}
		if !t.Before(from) {
			out = append(out, t)
		}
	}
}
