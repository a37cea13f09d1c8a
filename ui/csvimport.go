package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/csvimport"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// csvImportKind is what a CSV file holds: people or gemeenten.
type csvImportKind int

const (
	csvImportPeople csvImportKind = iota
	csvImportMunicipalities
)

// csvImportLine is one row of the preview: what importing it does.
type csvImportLine struct {
	line   int
	action csvimport.Action
	name   string
	detail string
}

// csvImportPlan is a parsed, validated file: the preview lines and the
// store call that applies all of it in one transaction.
type csvImportPlan struct {
	lines                     []csvImportLine
	added, updated, unchanged int
	apply                     func(context.Context) (store.ImportResult, error)
}

// csvImportParse reads a file of kind against the snapshot. A broken file
// gives an error listing every problem with its line; nothing is planned.
func csvImportParse(st *State, kind csvImportKind, r io.Reader) (*csvImportPlan, error) {
	ds, _ := st.Data()
	plan := &csvImportPlan{}
	count := func(a csvimport.Action) {
		switch a {
		case csvimport.ActionAdd:
			plan.added++
		case csvimport.ActionChange:
			plan.updated++
		default:
			plan.unchanged++
		}
	}
	switch kind {
	case csvImportPeople:
		rows, err := csvimport.People(r, ds.Municipalities, ds.People)
		if err != nil {
			return nil, err
		}
		var people []domain.Person
		for _, row := range rows {
			a := row.Action()
			count(a)
			detail := row.Person.Email
			if len(row.Changes) > 0 {
				detail = i18n.T("ui.csvimport.changes", strings.Join(row.Changes, ", "))
			}
			plan.lines = append(plan.lines, csvImportLine{line: row.Line, action: a, name: row.Person.Name, detail: detail})
			people = append(people, row.Person)
		}
		plan.apply = func(ctx context.Context) (store.ImportResult, error) { return st.Store.ImportPeople(ctx, people) }
	default:
		rows, err := csvimport.Municipalities(r, ds.Municipalities)
		if err != nil {
			return nil, err
		}
		var muns []domain.Municipality
		for _, row := range rows {
			a := row.Action()
			count(a)
			detail := row.Municipality.CBSCode
			if len(row.Changes) > 0 {
				detail = i18n.T("ui.csvimport.changes", strings.Join(row.Changes, ", "))
			}
			plan.lines = append(plan.lines, csvImportLine{line: row.Line, action: a, name: row.Municipality.Name, detail: detail})
			muns = append(muns, row.Municipality)
		}
		plan.apply = func(ctx context.Context) (store.ImportResult, error) { return st.Store.ImportMunicipalities(ctx, muns) }
	}
	return plan, nil
}

// csvImportTitle names the import of kind: "Mensen importeren".
func csvImportTitle(kind csvImportKind) string {
	if kind == csvImportMunicipalities {
		return i18n.T("ui.csvimport.title.municipalities")
	}
	return i18n.T("ui.csvimport.title.people")
}

// newCSVImportButton is the "Importeren uit CSV…" button under a list.
func newCSVImportButton(sh *Shell, kind csvImportKind) *widget.Button {
	return widget.NewButtonWithIcon(i18n.T("ui.csvimport.button"), theme.UploadIcon(), func() {
		openLocalFile(sh.Window, csvImportTitle(kind), i18n.T("ui.agendacsv.import.choose"),
			[]string{".csv", ".CSV", ".txt", ".TXT"}, func(path string) { csvImportFile(sh, kind, path) })
	})
}

// csvImportFile reads the file at path and shows either what it would
// change (with a button to apply it) or every problem with its line.
func csvImportFile(sh *Shell, kind csvImportKind, path string) {
	f, err := os.Open(path)
	if err != nil {
		ShowError(sh.Window, i18n.Errorf(err, "ui.csvimport.err.open", path))
		return
	}
	defer f.Close()
	plan, err := csvImportParse(sh.State, kind, io.LimitReader(f, csvimport.MaxSize+1))
	if err != nil {
		csvImportShowProblems(sh, err)
		return
	}
	csvImportShowPlan(sh, kind, plan)
}

// csvImportShowProblems lists why a file was refused.
func csvImportShowProblems(sh *Shell, err error) {
	var rej *csvimport.Rejected
	var lines []string
	if errors.As(err, &rej) {
		for _, p := range rej.Problems {
			lines = append(lines, "• "+p.String())
		}
		if rej.Omitted > 0 {
			lines = append(lines, i18n.T("csvimport.problem.omitted", rej.Omitted))
		}
	} else {
		lines = append(lines, i18n.UserMessage(err))
	}
	head := widget.NewLabelWithStyle(i18n.T("ui.csvimport.refused"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(strings.Join(lines, "\n"))
	body.Wrapping = fyne.TextWrapWord
	hint := note(i18n.T("ui.csvimport.refusedhint"))
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(620, 220))
	d := dialog.NewCustom(i18n.T("ui.csvimport.title"), i18n.T("ui.csvimport.close"), container.NewBorder(head, hint, nil, nil, scroll), sh.Window)
	d.Show()
}

// csvImportShowPlan shows what the file adds and changes; "Importeren"
// stores all of it in one transaction.
func csvImportShowPlan(sh *Shell, kind csvImportKind, plan *csvImportPlan) {
	list := widget.NewList(
		func() int { return len(plan.lines) },
		func() fyne.CanvasObject {
			action := widget.NewLabel("")
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("")
			detail.Truncation = fyne.TextTruncateEllipsis
			detail.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, fixedWidth(150, action), nil, container.NewGridWithColumns(2, name, detail))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			l := plan.lines[id]
			c := o.(*fyne.Container)
			cols := c.Objects[0].(*fyne.Container).Objects
			action := c.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
			action.SetText(fmt.Sprintf("%d · %s", l.line, l.action.Label()))
			action.Importance = widget.MediumImportance
			switch l.action {
			case csvimport.ActionAdd:
				action.Importance = widget.SuccessImportance
			case csvimport.ActionChange:
				action.Importance = widget.WarningImportance
			}
			action.Refresh()
			cols[0].(*widget.Label).SetText(l.name)
			cols[1].(*widget.Label).SetText(l.detail)
		})
	summary := widget.NewLabelWithStyle(i18n.T("ui.csvimport.summary", plan.added, plan.updated, plan.unchanged),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	scroll := container.NewStack(list)
	content := container.NewBorder(summary, note(i18n.T("ui.csvimport.planhint")), nil, nil, scroll)
	var d *dialog.CustomDialog
	apply := widget.NewButtonWithIcon(i18n.T("ui.csvimport.apply"), theme.ConfirmIcon(), func() {
		res, err := plan.apply(context.Background())
		if err != nil {
			// The store refused the whole list (a name taken meanwhile):
			// nothing was stored; the dialog stays so the user sees it.
			ShowError(sh.Window, err)
			return
		}
		d.Hide()
		if err := sh.State.Reload(context.Background()); err != nil {
			ShowError(sh.Window, err)
			return
		}
		dialog.ShowInformation(i18n.T("ui.csvimport.title"), i18n.T("ui.csvimport.done", res.Added, res.Updated, res.Unchanged), sh.Window)
	})
	apply.Importance = widget.HighImportance
	if plan.added+plan.updated == 0 {
		apply.Disable()
	}
	cancel := widget.NewButton(i18n.T("ui.csvimport.cancel"), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(csvImportTitle(kind), content, sh.Window)
	d.SetButtons([]fyne.CanvasObject{cancel, apply})
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}
