package cli

import (
	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// dateFlag is a YYYY-MM-DD flag; a bad value is a usage error with the
// same Dutch message the UI gives.
type dateFlag struct {
	name string
	d    date.Date
}

func (f *dateFlag) String() string { return f.d.String() }

func (f *dateFlag) Set(s string) error {
	d, err := domain.ParseDate("--"+f.name, s)
	if err != nil {
		return errUsage{i18n.UserMessage(err)}
	}
	f.d = d
	return nil
}

// dateVar defines a date flag.
func (c *call) dateVar(name, usageKey string) *dateFlag {
	f := &dateFlag{name: name}
	c.flags.Var(f, name, i18n.T(usageKey))
	return f
}
