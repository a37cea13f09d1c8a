package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
)

// TestCataloguesHaveTheSameKeys keeps English complete: a Dutch text
// without an English one (or the reverse) fails the build.
func TestCataloguesHaveTheSameKeys(t *testing.T) {
	nl := map[string]bool{}
	for _, k := range Keys(Dutch) {
		nl[k] = true
	}
	for _, k := range Keys(English) {
		if !nl[k] {
			t.Errorf("key %q only in the English catalogue", k)
		}
		delete(nl, k)
	}
	for k := range nl {
		t.Errorf("key %q has no English text", k)
	}
}

// TestFormatVerbsMatch checks that both languages use the same number of
// arguments for every key, so a translation cannot print %!s(MISSING).
func TestFormatVerbsMatch(t *testing.T) {
	verb := regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[vTtbcdoOqxXUeEfFgGsp]`)
	for _, k := range Keys(Dutch) {
		n, e := len(verb.FindAllString(catalogs[Dutch][k], -1)), len(verb.FindAllString(catalogs[English][k], -1))
		if n != e {
			t.Errorf("%s: %d verbs in Dutch, %d in English", k, n, e)
		}
	}
}

// TestEveryKeyUsedInTheCodeExists scans the repository's Go sources for
// literal keys passed to T, M, In and Errorf.
func TestEveryKeyUsedInTheCodeExists(t *testing.T) {
	use := regexp.MustCompile(`i18n\.(?:T|M|Errorf\([^,()]+,|In\([^,()]+,)\(?\s*"([a-z][a-zA-Z0-9_.\-]*)"`)
	// N completes its key with ".one" and ".other"; both must exist.
	plural := regexp.MustCompile(`i18n\.N\(\s*"([a-z][a-zA-Z0-9_.\-]*)"`)
	root := filepath.Join("..")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && p != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range use.FindAllStringSubmatch(string(b), -1) {
			// A key ending in "." is a prefix completed at run time
			// (labels of enum values); their own tests cover them.
			if strings.HasSuffix(m[1], ".") {
				continue
			}
			if !Has(m[1]) {
				t.Errorf("%s: key %q is not in the Dutch catalogue", p, m[1])
			}
		}
		for _, m := range plural.FindAllStringSubmatch(string(b), -1) {
			for _, form := range []string{".one", ".other"} {
				if !Has(m[1] + form) {
					t.Errorf("%s: plural key %q is not in the Dutch catalogue", p, m[1]+form)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRendering(t *testing.T) {
	defer SetLanguage(Current())
	SetLanguage(Dutch)
	d := date.New(2026, time.November, 23)
	tests := []struct{ got, want string }{
		{LongDate(d), "maandag 23 november 2026"},
		{MediumDate(d), "23 november 2026"},
		{ShortDate(d), "ma 23-11-2026"},
		{Clock(time.Date(2026, 1, 1, 9, 5, 0, 0, time.UTC)), "09:05"},
		{T("no.such.key"), "no.such.key"},
		{LongDate(0), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	SetLanguage(English)
	if got := LongDate(d); got != "Monday 23 November 2026" {
		t.Errorf("English long date %q", got)
	}
	SetLanguage("xx")
	if Current() != Dutch {
		t.Errorf("unknown language selected %q", Current())
	}
}

func TestUserMessage(t *testing.T) {
	cause := errors.New("database is locked")
	err := fmt.Errorf("opslaan vergadering 4: %w", Errorf(cause, "weekday.1"))
	if got := UserMessage(err); got != "maandag" {
		t.Errorf("UserMessage = %q", got)
	}
	if !errors.Is(err, cause) {
		t.Error("cause lost")
	}
	if got := UserMessage(errors.New("plain")); got != "plain" {
		t.Errorf("plain = %q", got)
	}
}

func TestFromEnvironment(t *testing.T) {
	for _, tt := range []struct {
		lang string
		want Lang
	}{{"en_GB.UTF-8", English}, {"nl_NL.UTF-8", Dutch}, {"C", Dutch}, {"", Dutch}} {
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", tt.lang)
		if got := FromEnvironment(); got != tt.want {
			t.Errorf("LANG=%q: %q", tt.lang, got)
		}
	}
}

// TestN checks both forms, a singular without a verb and extra arguments.
func TestN(t *testing.T) {
	SetLanguage(Dutch)
	defer SetLanguage(Dutch)
	for _, c := range []struct {
		key  string
		n    int
		args []any
		want string
	}{
		{"ui.overview.open.stukken", 1, nil, "1 stuk ontbreekt"},
		{"ui.overview.open.stukken", 3, nil, "3 stukken ontbreken"},
		{"ui.overview.open.stukken", 0, nil, "0 stukken ontbreken"},
		{"planning.workdays", 1, nil, "1 werkdag"},
		{"planning.workdays", 2, nil, "2 werkdagen"},
	} {
		if got := N(c.key, c.n, c.args...); got != c.want {
			t.Errorf("N(%q, %d) = %q, want %q", c.key, c.n, got, c.want)
		}
	}
}
