// Package i18n is the one translation mechanism for every user-facing text:
// the UI, the CLI, the documents and the explanations of the planning engine.
//
// Texts live in embedded JSON catalogues under catalog/<lang>/, one file per
// area (ui.json, cli.json, planning.json, ...) so that work on different
// areas does not collide; Dutch is the source language and English follows.
// Keys are stable and dotted, prefixed with their area ("planning.skip.holiday"). A format string uses fmt
// verbs, with explicit indexes (%[2]s) where a language needs another order.
//
// The active language is process-wide, like a locale: it is chosen once at
// start-up (settings, or the LANG environment variable) and read everywhere.
// Packages that compute results keep them language-neutral as a Message and
// render at the edge, so a language switch re-renders without recomputing.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync/atomic"
)

// Lang is a language code as used for the catalogues ("nl", "en").
type Lang string

// The supported languages. Dutch is the source language and the default.
const (
	Dutch   Lang = "nl"
	English Lang = "en"
)

//go:embed catalog
var catalogFS embed.FS

var (
	catalogs = map[Lang]map[string]string{}
	current  atomic.Value // Lang
)

func init() {
	for _, l := range Languages() {
		m, err := load(l)
		if err != nil {
			panic(err)
		}
		catalogs[l] = m
	}
	current.Store(Dutch)
}

// load merges the area files of language l; a key defined twice is an
// error, because one of the two texts would silently lose.
func load(l Lang) (map[string]string, error) {
	dir := "catalog/" + string(l)
	entries, err := fs.ReadDir(catalogFS, dir)
	if err != nil {
		return nil, fmt.Errorf("i18n: catalogus %s ontbreekt: %w", l, err)
	}
	m := map[string]string{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		b, err := fs.ReadFile(catalogFS, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		part := map[string]string{}
		if err := json.Unmarshal(b, &part); err != nil {
			return nil, fmt.Errorf("i18n: %s/%s is geen geldige JSON: %w", l, e.Name(), err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				return nil, fmt.Errorf("i18n: sleutel %q staat twee keer in catalogus %s", k, l)
			}
			m[k] = v
		}
	}
	return m, nil
}

// Languages returns the supported languages, source language first.
func Languages() []Lang { return []Lang{Dutch, English} }

// SetLanguage makes l the active language; an unknown language selects Dutch.
func SetLanguage(l Lang) {
	if _, ok := catalogs[l]; !ok {
		l = Dutch
	}
	current.Store(l)
}

// Current returns the active language.
func Current() Lang { return current.Load().(Lang) }

// FromEnvironment picks the language from LC_ALL, LC_MESSAGES or LANG
// ("en_GB.UTF-8" gives English); anything else, or nothing, gives Dutch.
func FromEnvironment() Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "en") {
				return English
			}
			return Dutch
		}
	}
	return Dutch
}

// T renders key in the active language with args. A key missing from the
// active catalogue falls back to Dutch, and a key missing from both is
// returned as is, so a forgotten text is visible rather than blank.
func T(key string, args ...any) string { return In(Current(), key, args...) }

// In renders key in language l.
func In(l Lang, key string, args ...any) string {
	f, ok := catalogs[l][key]
	if !ok {
		f, ok = catalogs[Dutch][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// N renders a count: key+".one" when n is 1, key+".other" otherwise, with
// n as the first argument followed by args. Dutch and English both have
// just these two forms; a language with more would get its rule here, in
// one place, instead of in every caller.
func N(key string, n int, args ...any) string {
	form := key + ".other"
	if n == 1 {
		form = key + ".one"
	}
	// A singular often spells the number out ("1 stuk ontbreekt"); fmt
	// would append %!(EXTRA int=1) to a format without verbs.
	if f := T(form); !strings.Contains(f, "%") {
		return f
	}
	return T(form, append([]any{n}, args...)...)
}

// Has reports whether the source catalogue defines key.
func Has(key string) bool { _, ok := catalogs[Dutch][key]; return ok }

// Keys returns the keys of the catalogue of l, sorted.
func Keys(l Lang) []string {
	out := make([]string, 0, len(catalogs[l]))
	for k := range catalogs[l] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Message is a text not yet rendered: a catalogue key and its arguments.
// Computations return Messages so that the caller chooses the language.
type Message struct {
	Key  string `json:"key"`
	Args []any  `json:"args,omitempty"`
}

// M builds a Message.
func M(key string, args ...any) Message { return Message{Key: key, Args: args} }

// String renders m in the active language.
func (m Message) String() string { return T(m.Key, m.Args...) }

// In renders m in language l.
func (m Message) In(l Lang) string { return In(l, m.Key, m.Args...) }

// IsZero reports whether m is empty.
func (m Message) IsZero() bool { return m.Key == "" }

// Error is an error that carries a user-safe Message apart from the wrapped
// technical cause: dialogs and CLI output show the message, logs keep both.
type Error struct {
	Msg   Message
	Cause error
}

// Errorf returns an *Error with message key/args and an optional cause.
func Errorf(cause error, key string, args ...any) *Error {
	return &Error{Msg: M(key, args...), Cause: cause}
}

// Error renders the message in the active language, followed by the cause.
func (e *Error) Error() string {
	if e.Cause == nil {
		return e.Msg.String()
	}
	return e.Msg.String() + ": " + e.Cause.Error()
}

// Unwrap returns the technical cause.
func (e *Error) Unwrap() error { return e.Cause }

// UserMessage returns the text to show a user for err: the Message of the
// outermost *Error in its chain, or err's own text when there is none.
func UserMessage(err error) string {
	if err == nil {
		return ""
	}
	for e := err; e != nil; {
		if ie, ok := e.(*Error); ok {
			return ie.Msg.String()
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			break
		}
		e = u.Unwrap()
	}
	return err.Error()
}
