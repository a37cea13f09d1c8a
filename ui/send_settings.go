package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/delivery"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// sendKeyring is the keyring the app keeps passwords in: the operating
// system's. A variable so that tests use one in memory.
var sendKeyring = delivery.SystemKeyring

// sendPasswords is where the app finds and keeps the passwords of the
// mail and calendar servers: OVERLEGPLANNER_SMTP_PASSWORD /
// OVERLEGPLANNER_CALDAV_PASSWORD for this run, else the keyring. Never
// the database.
func sendPasswords() delivery.Passwords { return delivery.Passwords{Keyring: sendKeyring()} }

// sendTestTimeout bounds a "Verbinding testen": a wrong port must not
// leave the button waiting for half a minute.
const sendTestTimeout = 20 * time.Second

// sendSettingsSection is the part of the settings screen for delivery:
// the organisation's mail server (host, port, security, user, sender)
// and the calendar server (URL, user), each with its password field
// (kept in the keyring, never in the database), a save button and a
// "Verbinding testen" button that says in Dutch what works or what to
// change. The settings screen's owner places it.
func sendSettingsSection(sh *Shell) fyne.CanvasObject {
	return newSendSettingsForm(sh).content()
}

// sendSettingsForm holds the section's widgets.
type sendSettingsForm struct {
	sh *Shell

	smtpHost, smtpPort, smtpUser, smtpFrom, smtpPassword *widget.Entry
	smtpSecurity                                         *widget.Select
	smtpSave, smtpTest                                   *widget.Button
	smtpStatus                                           *widget.Label

	davURL, davUser, davPassword *widget.Entry
	davSave, davTest             *widget.Button
	davStatus                    *widget.Label

	// tested is called after a connection test has shown its result
	// (tests wait for it).
	tested func(kind string, err error)
}

// sendSecurityLabels are the choices of the security select, in the
// order of domain.SMTPSecurities.
func sendSecurityLabels() []string {
	var out []string
	for _, s := range domain.SMTPSecurities() {
		out = append(out, i18n.T("ui.send.settings.security."+string(s)))
	}
	return out
}

// newSendSettingsForm builds the form from the stored settings.
func newSendSettingsForm(sh *Shell) *sendSettingsForm {
	ds, _ := sh.State.Data()
	s, c := ds.Settings.SMTP, ds.Settings.CalDAV
	f := &sendSettingsForm{sh: sh}
	f.smtpHost = sendEntry(s.Host, "smtp.gemeente.nl")
	f.smtpPort = sendEntry("", "587")
	if s.Port != 0 {
		f.smtpPort.SetText(strconv.Itoa(s.Port))
	}
	f.smtpSecurity = widget.NewSelect(sendSecurityLabels(), func(string) {
		f.smtpPort.SetPlaceHolder(strconv.Itoa(delivery.DefaultPort(f.security())))
	})
	sec := s.Security
	if sec == "" {
		sec = domain.SecurityStartTLS
	}
	f.smtpSecurity.SetSelected(i18n.T("ui.send.settings.security." + string(sec)))
	f.smtpUser = sendEntry(s.User, i18n.T("ui.send.settings.user.placeholder"))
	f.smtpFrom = sendEntry(s.From, i18n.T("ui.send.settings.from.placeholder"))
	f.smtpPassword = widget.NewPasswordEntry()
	f.smtpStatus = sendStatusLabel()
	f.smtpSave = widget.NewButton(i18n.T("ui.send.settings.save"), f.saveSMTP)
	f.smtpTest = widget.NewButton(i18n.T("ui.send.settings.test"), f.testSMTP)

	f.davURL = sendEntry(c.URL, "https://agenda.gemeente.nl/dav/")
	f.davUser = sendEntry(c.User, "")
	f.davPassword = widget.NewPasswordEntry()
	f.davStatus = sendStatusLabel()
	f.davSave = widget.NewButton(i18n.T("ui.send.settings.save"), f.saveCalDAV)
	f.davTest = widget.NewButton(i18n.T("ui.send.settings.test"), f.testCalDAV)
	f.showStored()
	return f
}

func sendEntry(text, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	return e
}

func sendStatusLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	return l
}

// content lays out the two cards.
func (f *sendSettingsForm) content() fyne.CanvasObject {
	smtp := widget.NewForm(
		widget.NewFormItem(i18n.T("ui.send.settings.host"), f.smtpHost),
		widget.NewFormItem(i18n.T("ui.send.settings.security"), f.smtpSecurity),
		widget.NewFormItem(i18n.T("ui.send.settings.port"), f.smtpPort),
		widget.NewFormItem(i18n.T("ui.send.settings.user"), f.smtpUser),
		widget.NewFormItem(i18n.T("ui.send.settings.password"), f.smtpPassword),
		widget.NewFormItem(i18n.T("ui.send.settings.from"), f.smtpFrom),
	)
	dav := widget.NewForm(
		widget.NewFormItem(i18n.T("ui.send.settings.url"), f.davURL),
		widget.NewFormItem(i18n.T("ui.send.settings.user"), f.davUser),
		widget.NewFormItem(i18n.T("ui.send.settings.password"), f.davPassword),
	)
	return container.NewVBox(
		widget.NewCard(i18n.T("ui.send.settings.smtp"), i18n.T("ui.send.settings.smtp.sub"),
			container.NewVBox(smtp, container.NewHBox(f.smtpSave, f.smtpTest), f.smtpStatus)),
		widget.NewCard(i18n.T("ui.send.settings.caldav"), i18n.T("ui.send.settings.caldav.sub"),
			container.NewVBox(dav, container.NewHBox(f.davSave, f.davTest), f.davStatus)),
	)
}

// showStored tells, in the password fields' placeholders, whether a
// password is kept for the stored accounts; the password itself is
// never shown.
func (f *sendSettingsForm) showStored() {
	ds, _ := f.sh.State.Data()
	for _, x := range []struct {
		e   *widget.Entry
		acc delivery.Account
	}{{f.smtpPassword, delivery.SMTPAccount(ds.Settings.SMTP)}, {f.davPassword, delivery.CalDAVAccount(ds.Settings.CalDAV)}} {
		ph := i18n.T("ui.send.settings.password.none")
		if x.acc.User == "" {
			ph = i18n.T("ui.send.settings.password.nouser")
		} else if _, err := sendPasswords().Lookup(x.acc); err == nil {
			ph = i18n.T("ui.send.settings.password.kept")
		}
		x.e.SetPlaceHolder(ph)
	}
}

// security is the chosen security mode.
func (f *sendSettingsForm) security() domain.SMTPSecurity {
	for i, l := range sendSecurityLabels() {
		if l == f.smtpSecurity.Selected {
			return domain.SMTPSecurities()[i]
		}
	}
	return domain.SecurityStartTLS
}

// errSendPort is the cause of a port that is not a number.
var errSendPort = errors.New("ui: poort is geen getal")

// smtpSettings reads the mail server fields and checks them.
func (f *sendSettingsForm) smtpSettings() (domain.SMTPSettings, error) {
	s := domain.SMTPSettings{Host: strings.TrimSpace(f.smtpHost.Text), Security: f.security(),
		User: strings.TrimSpace(f.smtpUser.Text), From: strings.TrimSpace(f.smtpFrom.Text)}
	if p := strings.TrimSpace(f.smtpPort.Text); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return s, i18n.Errorf(errSendPort, "ui.send.settings.err.port", p)
		}
		s.Port = n
	}
	return s, delivery.ValidateSMTP(s)
}

// calDAVSettings reads the calendar server fields and checks them.
func (f *sendSettingsForm) calDAVSettings() (domain.CalDAVSettings, error) {
	s := domain.CalDAVSettings{URL: strings.TrimSpace(f.davURL.Text), User: strings.TrimSpace(f.davUser.Text)}
	return s, delivery.ValidateCalDAV(s)
}

// saveSMTP stores the mail server settings, and a typed password in the
// keyring.
func (f *sendSettingsForm) saveSMTP() {
	s, err := f.smtpSettings()
	if err != nil {
		f.smtpStatus.SetText(i18n.UserMessage(err))
		return
	}
	f.save(func(st *domain.Settings) { st.SMTP = s }, delivery.SMTPAccount(s), f.smtpPassword, f.smtpStatus)
}

// saveCalDAV stores the calendar server settings, and a typed password
// in the keyring.
func (f *sendSettingsForm) saveCalDAV() {
	s, err := f.calDAVSettings()
	if err != nil {
		f.davStatus.SetText(i18n.UserMessage(err))
		return
	}
	f.save(func(st *domain.Settings) { st.CalDAV = s }, delivery.CalDAVAccount(s), f.davPassword, f.davStatus)
}

// save changes the stored settings with edit, then keeps the typed
// password (if any) in the keyring: the settings are saved even when
// the keyring is unavailable, and the message says where the password
// can go instead.
func (f *sendSettingsForm) save(edit func(*domain.Settings), acc delivery.Account, pw *widget.Entry, status *widget.Label) {
	ctx := context.Background()
	ds, _ := f.sh.State.Data()
	st := ds.Settings
	edit(&st)
	if err := f.sh.State.Store.SaveSettings(ctx, st); err != nil {
		status.SetText(i18n.UserMessage(err))
		return
	}
	if err := f.sh.State.Reload(ctx); err != nil {
		status.SetText(i18n.UserMessage(err))
		return
	}
	msg := i18n.T("ui.send.settings.saved")
	if pw.Text != "" && acc.User != "" {
		if err := sendPasswords().Save(acc, pw.Text); err != nil {
			status.SetText(i18n.T("ui.send.settings.saved.nokeyring", i18n.UserMessage(err)))
			pw.SetText("")
			return
		}
		msg = i18n.T("ui.send.settings.saved.password")
	}
	pw.SetText("")
	f.showStored()
	status.SetText(msg)
}

// password is the typed password, else the kept one; "" for an account
// without a user.
func (f *sendSettingsForm) password(acc delivery.Account, typed string) (string, error) {
	if typed != "" || acc.User == "" {
		return typed, nil
	}
	return sendPasswords().Lookup(acc)
}

// testSMTP connects with the settings as typed (saved or not).
func (f *sendSettingsForm) testSMTP() {
	s, err := f.smtpSettings()
	if err == nil && s.From == "" {
		// The connection test offers the sender at MAIL FROM: the
		// organiser's address when no sender is set, as sending does.
		ds, _ := f.sh.State.Data()
		s.From = ds.Settings.OrganiserEmail
	}
	var pw string
	if err == nil {
		pw, err = f.password(delivery.SMTPAccount(s), f.smtpPassword.Text)
	}
	f.runTest("smtp", f.smtpTest, f.smtpStatus, err, func(ctx context.Context) (delivery.ConnectionInfo, error) {
		return delivery.TestSMTP(ctx, delivery.SMTPConfig{Settings: s, Password: pw, Timeout: sendTestTimeout / 2})
	})
}

// testCalDAV finds the calendar home with the settings as typed.
func (f *sendSettingsForm) testCalDAV() {
	s, err := f.calDAVSettings()
	var pw string
	if err == nil {
		pw, err = f.password(delivery.CalDAVAccount(s), f.davPassword.Text)
	}
	f.runTest("caldav", f.davTest, f.davStatus, err, func(ctx context.Context) (delivery.ConnectionInfo, error) {
		return delivery.TestCalDAV(ctx, delivery.CalDAVConfig{Settings: s, Password: pw, Timeout: sendTestTimeout / 2})
	})
}

// runTest runs a connection test in the background, the button
// disabled meanwhile, and shows the Dutch result.
func (f *sendSettingsForm) runTest(kind string, btn *widget.Button, status *widget.Label, early error,
	test func(context.Context) (delivery.ConnectionInfo, error)) {
	if early != nil {
		status.SetText(i18n.UserMessage(early))
		if f.tested != nil {
			f.tested(kind, early)
		}
		return
	}
	btn.Disable()
	status.SetText(i18n.T("ui.send.settings.testing"))
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), sendTestTimeout)
		defer cancel()
		info, err := test(ctx)
		fyne.Do(func() {
			btn.Enable()
			if err != nil {
				status.SetText(i18n.UserMessage(err))
			} else {
				msg := info.Message().String()
				if kind == "caldav" {
					msg += " " + i18n.T("ui.send.settings.calendars", info.Calendars)
				}
				status.SetText(msg)
			}
			if f.tested != nil {
				f.tested(kind, err)
			}
		})
	}()
}
