package planning

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// Day is a date argument of an explanation. It renders as "vr 5 maart" in
// the language the explanation is rendered in, which a plain date.Date
// (printed as 2027-03-05) would not.
type Day date.Date

// String renders d in the active language.
func (d Day) String() string { return d.In(i18n.Current()) }

// In renders d as short weekday, day and month ("vr 5 maart", "Fri 5 March").
func (d Day) In(l i18n.Lang) string {
	dd := date.Date(d)
	if dd.IsZero() {
		return ""
	}
	_, m, day := dd.Civil()
	n := namesIn(l)
	b := make([]byte, 0, 24)
	b = append(b, n.weekday[dd.Weekday()]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(day), 10)
	b = append(b, ' ')
	b = append(b, n.month[m-1]...)
	return string(b)
}

// dayNames are the short weekday and month names of a language, looked up
// once: explanations render thousands of dates.
type dayNames struct {
	weekday [7]string
	month   [12]string
}

var namesCache sync.Map // i18n.Lang → *dayNames

func namesIn(l i18n.Lang) *dayNames {
	if n, ok := namesCache.Load(l); ok {
		return n.(*dayNames)
	}
	n := &dayNames{}
	for i := range n.weekday {
		n.weekday[i] = i18n.In(l, "weekday.short."+strconv.Itoa(i))
	}
	for i := range n.month {
		n.month[i] = i18n.In(l, "month."+strconv.Itoa(i+1))
	}
	namesCache.Store(l, n)
	return n
}

// LongDay is a date argument rendered with its year ("vr 5 maart 2027"),
// for explanations that can span years (series, proposals).
type LongDay date.Date

// String renders d in the active language.
func (d LongDay) String() string { return d.In(i18n.Current()) }

// In renders d as short weekday, day, month and year.
func (d LongDay) In(l i18n.Lang) string {
	if date.Date(d).IsZero() {
		return ""
	}
	return Day(d).In(l) + " " + strconv.Itoa(date.Date(d).Year())
}

// Render renders an explanation of this package in language l. Arguments
// that are themselves language-dependent (Day, LongDay, nested
// i18n.Message values) are rendered in l too, so that a Dutch reason never
// contains an English weekday. Use it instead of Message.In for messages
// returned by planning; Message.String (the active language) is fine too.
func Render(m i18n.Message, l i18n.Lang) string {
	if m.IsZero() {
		return ""
	}
	if len(m.Args) == 0 {
		return i18n.In(l, m.Key)
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch v := a.(type) {
		case Day:
			args[i] = v.In(l)
		case LongDay:
			args[i] = v.In(l)
		case i18n.Message:
			args[i] = Render(v, l)
		case []i18n.Message:
			parts := make([]string, len(v))
			for j, p := range v {
				parts[j] = Render(p, l)
			}
			args[i] = strings.Join(parts, ", ")
		default:
			args[i] = a
		}
	}
	return i18n.In(l, m.Key, args...)
}

// Dutch renders m in Dutch: the language of domain.Deadline.Reason, which is
// stored text rather than a message.
func Dutch(m i18n.Message) string { return Render(m, i18n.Dutch) }

// capitalize upper-cases the first letter, for a user-given step name that
// opens a sentence ("verzending ..." → "Verzending ...").
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// workdays renders a count of working days with the right plural.
func workdays(n int) i18n.Message {
	if n == 1 || n == -1 {
		return i18n.M("planning.workdays.one", n)
	}
	return i18n.M("planning.workdays.other", n)
}
