package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/domain"
)

// chainEditor edits a body's deadline chain template.
//
// TODO(org helper): placeholder that keeps the rules unchanged so the
// package builds; the real editor (rule rows, presets, live preview of a
// sample chain) replaces it.
type chainEditor struct {
	rules []domain.DeadlineRule
	obj   *widget.Label
}

func newChainEditor(st *State, body func() (domain.Body, error), changed func()) *chainEditor {
	return &chainEditor{obj: widget.NewLabel("")}
}

func (c *chainEditor) object() fyne.CanvasObject { return c.obj }

func (c *chainEditor) set(rules []domain.DeadlineRule) {
	c.rules = append([]domain.DeadlineRule(nil), rules...)
}

func (c *chainEditor) get() ([]domain.DeadlineRule, error) {
	return append([]domain.DeadlineRule(nil), c.rules...), nil
}
