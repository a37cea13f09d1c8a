package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

var keep = flag.Bool("keep", false, "keep the test databases and print their paths")

// newStore opens a fresh database file for one test.
func newStore(t *testing.T) *Store {
	t.Helper()
	dir := t.TempDir()
	if *keep {
		var err error
		if dir, err = os.MkdirTemp("", "overlegplanner-test-"); err != nil {
			t.Fatal(err)
		}
		t.Logf("database kept in %s", dir)
	}
	s, err := Open(context.Background(), filepath.Join(dir, "test.db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fixture is a small but complete dataset touching every entity.
func fixture() *domain.Dataset {
	d := date.MustParse
	ams := domain.Amsterdam()
	start := time.Date(2027, 3, 11, 14, 0, 0, 0, ams)
	return &domain.Dataset{
		Municipalities: []domain.Municipality{
			{ID: 1, Name: "Middelburg", CBSCode: "GM0687", Inhabitants: 49700, CollegeDays: []time.Weekday{time.Tuesday}, CollegeLeadDays: 5, Region: domain.RegionZuid},
			{ID: 2, Name: "Vlissingen", CBSCode: "GM0718", Inhabitants: 45000, CollegeDays: []time.Weekday{time.Monday, time.Thursday}, CollegeLeadDays: 7, Region: domain.RegionZuid},
		},
		Partnerships: []domain.Partnership{{ID: 1, Name: "Orionis Walcheren", ShortName: "Orionis", PolicyDomain: "werk en inkomen",
			LegalForm: domain.LegalFormGR, Color: "#1f77b4", Members: []domain.Membership{
				{MunicipalityID: 1, From: d("2010-01-01")},
				{MunicipalityID: 2, From: d("2010-01-01"), Until: d("2028-01-01")},
			}}},
		People: []domain.Person{
			{ID: 1, Name: "Anna de Wit", Email: "a.dewit@middelburg.nl", MunicipalityID: 1, Role: domain.PersonBestuurder, Function: "wethouder Werk"},
			{ID: 2, Name: "Bram Jansen", Email: "b.jansen@vlissingen.nl", MunicipalityID: 2, Role: domain.PersonAmbtenaar},
			{ID: 3, Name: "Carla Visser", Email: "secretariaat@orionis.example", Role: domain.PersonSecretaris},
		},
		Bodies: []domain.Body{
			{ID: 1, PartnershipID: 1, Kind: domain.BodyPHO, Name: "PHO Werk", PreparedByID: 2, StartMinute: 840, Duration: 120, Location: "Stadhuis Middelburg",
				Rhythm:    domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: time.Thursday, Nth: 2},
				Chain:     []domain.DeadlineRule{{Key: "verzending", Name: "verzending", Kind: domain.KindDispatch, Audience: domain.AudienceLeden, Anchor: domain.AnchorMeeting, Offset: -10, Unit: domain.Kalenderdagen, Roll: domain.RollEarlier}, {Key: "advies", Name: "advies", Kind: domain.KindAdvies, Audience: domain.AudienceAmbtenaren, Anchor: domain.AnchorCollege, Offset: -1, Unit: domain.Werkdagen, PerMunicipality: true, UseLeadTime: true}},
				TightDays: 2, SecretaryID: 3,
				Members:       []domain.BodyMember{{PersonID: 1, Role: domain.RoleVoorzitter, From: d("2026-04-01")}, {PersonID: 3, Role: domain.RoleSecretaris}},
				StandingItems: []domain.StandingItem{{Title: "Opening", Kind: domain.ItemOpening}, {Title: "Rondvraag", Kind: domain.ItemRondvraag}}},
			{ID: 2, PartnershipID: 1, Kind: domain.BodyAO, Name: "AO Werk", StartMinute: 570, Duration: 90, Members: []domain.BodyMember{{PersonID: 2, Role: domain.RoleLid}}},
		},
		Meetings: []domain.Meeting{
			{ID: 1, BodyID: 1, Start: start, End: start.Add(2 * time.Hour), Location: "Stadhuis Middelburg", Status: domain.StatusGepland, UID: "pho-1@test", PreparedByMeetingID: 2,
				Attendance: []domain.Attendance{{PersonID: 1, Status: domain.AttendanceVervangen, SubstituteID: 2, Note: "gemandateerd"}},
				Items: []domain.AgendaItem{
					{Position: 1, Title: "Opening", Kind: domain.ItemOpening},
					{Position: 2, Title: "Re-integratiebeleid 2028", Kind: domain.ItemBesluitvorming, PortefeuillehouderID: 1, StellerID: 2, Confidential: true,
						Proposal: "Instemmen met het beleidskader.", Decision: "Ingestemd.", Motivation: "Past binnen het budget.",
						Documents: []domain.Document{{Title: "Beleidskader", FileName: "kader.pdf", Version: 2, SHA256: "ab12", Size: 1234,
							ReceivedAt: time.Date(2027, 3, 1, 9, 30, 0, 0, time.UTC), StoredName: "ab12.pdf"}, {Title: "Raadsinformatiebrief", Confidential: true}},
						Advice: []domain.Advice{{MunicipalityID: 2, Verdict: domain.VerdictKanttekeningen, Note: "Let op uitvoeringskosten", GivenOn: d("2027-03-04")}}},
				},
				Actions: []domain.ActionItem{{Description: "Uitvoeringsplan opstellen", OwnerID: 2, Due: d("2027-05-01")}}},
			{ID: 2, BodyID: 2, Start: start.AddDate(0, 0, -14), End: start.AddDate(0, 0, -14).Add(90 * time.Minute), Status: domain.StatusGehouden, UID: "ao-1@test"},
		},
		ClosedDays:     []domain.ClosedDay{{Date: d("2027-05-07"), Name: "vrijdag na Hemelvaart"}, {MunicipalityID: 2, Date: d("2027-12-31"), Name: "oudejaarsdag"}},
		Recesses:       []domain.Recess{{Name: "Zomerreces", From: d("2027-07-10"), To: d("2027-08-22")}, {Name: "Kerstreces Orionis", From: d("2027-12-24"), To: d("2028-01-02"), PartnershipID: 1}},
		SchoolHolidays: []domain.SchoolHoliday{{Region: domain.RegionZuid, Name: "Voorjaarsvakantie", From: d("2027-02-13"), To: d("2027-02-21")}},
		Settings:       domain.Settings{Holidays: domain.HolidayOptions{GoodFriday: true, Liberation: domain.LiberationYearly}, TightDays: 4, OrganiserName: "Secretariaat Orionis", OrganiserEmail: "secretariaat@orionis.example", Language: "nl"},
	}
}

func TestImportRoundTripsEveryEntity(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	want := fixture()
	if err := s.Import(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := s.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Dataset loads meetings without agenda; compare those separately.
	headers := make([]domain.Meeting, len(want.Meetings))
	for i, m := range want.Meetings {
		m.Items, m.Actions = nil, nil
		headers[i] = m
	}
	// Dataset orders municipalities and people by name, meetings by start.
	wantMeetings := []domain.Meeting{headers[1], headers[0]}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"municipalities", got.Municipalities, want.Municipalities},
		{"partnerships", got.Partnerships, want.Partnerships},
		{"people", got.People, want.People},
		{"bodies", got.Bodies, []domain.Body{want.Bodies[1], want.Bodies[0]}},
		{"meetings", normTimes(got.Meetings), normTimes(wantMeetings)},
		{"settings", got.Settings, want.Settings},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s differ:\n got %+v\nwant %+v", c.name, c.got, c.want)
		}
	}
	for i := range want.ClosedDays {
		if got.ClosedDays[i] != want.ClosedDays[i] {
			t.Errorf("closed day %d: %+v, want %+v", i, got.ClosedDays[i], want.ClosedDays[i])
		}
	}
	if !reflect.DeepEqual(got.Recesses, want.Recesses) || !reflect.DeepEqual(got.SchoolHolidays, want.SchoolHolidays) {
		t.Errorf("calendar differs: %+v %+v", got.Recesses, got.SchoolHolidays)
	}
	full, err := s.Meeting(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	wm := want.Meetings[0]
	if !reflect.DeepEqual(normTimes([]domain.Meeting{full})[0].Items, normTimes([]domain.Meeting{wm})[0].Items) {
		t.Errorf("agenda differs:\n got %+v\nwant %+v", full.Items, wm.Items)
	}
	if !reflect.DeepEqual(full.Actions, wm.Actions) {
		t.Errorf("actions differ:\n got %+v\nwant %+v", full.Actions, wm.Actions)
	}
}

// normTimes puts every time in UTC, as the store returns them, so that
// DeepEqual compares instants rather than locations.
func normTimes(ms []domain.Meeting) []domain.Meeting {
	out := make([]domain.Meeting, len(ms))
	for i, m := range ms {
		m.Start, m.End = m.Start.UTC(), m.End.UTC()
		items := make([]domain.AgendaItem, len(m.Items))
		for j, it := range m.Items {
			docs := make([]domain.Document, len(it.Documents))
			for k, d := range it.Documents {
				if !d.ReceivedAt.IsZero() {
					d.ReceivedAt = d.ReceivedAt.UTC()
				}
				docs[k] = d
			}
			if len(docs) == 0 {
				docs = nil
			}
			it.Documents = docs
			items[j] = it
		}
		if len(items) == 0 {
			items = nil
		}
		m.Items = items
		out[i] = m
	}
	return out
}

func TestSaveUpdatesAndDeletes(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Import(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	// Municipality: update and duplicate name.
	ms, _ := s.Municipalities(ctx)
	ms[0].CollegeLeadDays = 9
	if err := s.SaveMunicipality(ctx, &ms[0]); err != nil {
		t.Fatal(err)
	}
	dup := domain.Municipality{Name: "Vlissingen", CBSCode: "GM0999", CollegeDays: []time.Weekday{time.Monday}, Region: domain.RegionZuid}
	if err := s.SaveMunicipality(ctx, &dup); err == nil || i18n.UserMessage(err) != "‘Vlissingen’ bestaat al" {
		t.Errorf("duplicate: %v", err)
	}
	// A member gemeente cannot be deleted.
	if err := s.DeleteMunicipality(ctx, 1); err == nil {
		t.Error("deleted a member gemeente")
	}
	// Invalid input is refused before it reaches the database.
	bad := domain.Person{Name: "X", Email: "x@", Role: domain.PersonAmbtenaar}
	if err := s.SavePerson(ctx, &bad); !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("invalid person: %v", err)
	}
	// Partnership membership replaced.
	ps, _ := s.Partnerships(ctx)
	ps[0].Members = ps[0].Members[:1]
	if err := s.SavePartnership(ctx, &ps[0]); err != nil {
		t.Fatal(err)
	}
	ps, _ = s.Partnerships(ctx)
	if len(ps[0].Members) != 1 {
		t.Errorf("members after replace: %+v", ps[0].Members)
	}
	// Update of a missing row.
	ghost := domain.Person{ID: 999, Name: "Niemand", Role: domain.PersonAmbtenaar}
	if err := s.SavePerson(ctx, &ghost); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing person: %v", err)
	}
}

func TestMeetingSequenceRisesOnlyForVisibleChanges(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Import(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	m, err := s.Meeting(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name   string
		change func(*domain.Meeting)
		want   int
	}{
		{"note only", func(m *domain.Meeting) { m.Note = "koffie" }, 0},
		{"caller cannot set sequence", func(m *domain.Meeting) { m.Sequence = 42 }, 0},
		{"moved", func(m *domain.Meeting) { m.Start = m.Start.Add(time.Hour); m.End = m.End.Add(time.Hour) }, 1},
		{"new location", func(m *domain.Meeting) { m.Location = "Stadhuis Vlissingen" }, 2},
		{"cancelled", func(m *domain.Meeting) { m.Status = domain.StatusGeannuleerd }, 3},
	}
	uid := m.UID
	for _, st := range steps {
		st.change(&m)
		if err := s.SaveMeeting(ctx, &m); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		back, _ := s.Meeting(ctx, 1)
		if back.Sequence != st.want || m.Sequence != st.want || back.UID != uid {
			t.Errorf("%s: sequence %d (returned %d), uid %s; want %d", st.name, back.Sequence, m.Sequence, back.UID, st.want)
		}
	}
	// Cancelled meetings are hidden unless asked for.
	list, _ := s.Meetings(ctx, MeetingFilter{})
	all, _ := s.Meetings(ctx, MeetingFilter{WithCancelled: true})
	if len(list) != 1 || len(all) != 2 {
		t.Errorf("filter: %d visible, %d all", len(list), len(all))
	}
	// A new meeting gets a fresh UID.
	n := domain.Meeting{BodyID: 1, Start: m.Start.AddDate(0, 1, 0), End: m.End.AddDate(0, 1, 0)}
	if err := s.SaveMeeting(ctx, &n); err != nil {
		t.Fatal(err)
	}
	if n.UID == "" || n.UID == uid || n.Status != domain.StatusGepland {
		t.Errorf("new meeting: %+v", n)
	}
}

func TestAgendaOrdering(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Import(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	add := func(title string, k domain.ItemKind) int64 {
		it := domain.AgendaItem{MeetingID: 1, Title: title, Kind: k}
		if err := s.SaveItem(ctx, &it); err != nil {
			t.Fatal(err)
		}
		return it.ID
	}
	add("Rondvraag", domain.ItemRondvraag)
	add("Sluiting", domain.ItemSluiting)
	add("Jaarverslag", domain.ItemInformatie) // goes before rondvraag and sluiting
	titles := func() []string {
		m, _ := s.Meeting(ctx, 1)
		var out []string
		for i, it := range m.Items {
			if it.Position != i+1 {
				t.Errorf("item %q at position %d, index %d", it.Title, it.Position, i)
			}
			out = append(out, it.Title)
		}
		return out
	}
	want := []string{"Opening", "Re-integratiebeleid 2028", "Jaarverslag", "Rondvraag", "Sluiting"}
	if got := titles(); !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	m, _ := s.Meeting(ctx, 1)
	ids := []int64{m.Items[0].ID, m.Items[2].ID, m.Items[1].ID, m.Items[3].ID, m.Items[4].ID}
	if err := s.ReorderItems(ctx, 1, ids); err != nil {
		t.Fatal(err)
	}
	if got := titles(); got[1] != "Jaarverslag" {
		t.Errorf("after reorder %v", got)
	}
	if err := s.ReorderItems(ctx, 1, ids[:2]); err == nil {
		t.Error("partial reorder accepted")
	}
	if err := s.DeleteItem(ctx, m.Items[1].ID); err != nil { // the confidential item, with its documents and advice
		t.Fatal(err)
	}
	if got := titles(); !reflect.DeepEqual(got, []string{"Opening", "Jaarverslag", "Rondvraag", "Sluiting"}) {
		t.Errorf("after delete %v", got)
	}
	docs, _ := s.Documents(ctx)
	if len(docs) != 0 {
		t.Errorf("documents of a deleted item remain: %+v", docs)
	}
}

func TestImportRefusesNonEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Import(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	err := s.Import(ctx, fixture())
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second import: %v", err)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	ds := fixture()
	ds.Meetings[0].Items[1].PortefeuillehouderID = 77 // no such person: a foreign key fails late in the import
	if err := s.Import(ctx, ds); err == nil {
		t.Fatal("import with a dangling reference succeeded")
	}
	if empty, _ := s.IsEmpty(ctx); !empty {
		t.Error("a failed import left data behind")
	}
}

// TestOpenRefusesWhatIsNotOurs proves that a wrong file is refused with a
// clear message and left byte-for-byte unchanged.
func TestOpenRefusesWhatIsNotOurs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A database from a "newer version": ours, with a higher user_version.
	newer := filepath.Join(dir, "newer.db")
	{
		s, err := Open(ctx, newer, Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec("PRAGMA user_version=99"); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	// Another program's SQLite database.
	foreign := filepath.Join(dir, "foreign.db")
	{
		db, err := sql.Open("sqlite3", foreign)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("CREATE TABLE notes (t TEXT)"); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	tests := []struct {
		name   string
		path   string
		create bool
		want   error
		msg    string
	}{
		{"text file", write("notes.txt", []byte("dit is geen database\n")), true, ErrNotDatabase, "geen Overlegplanner-database"},
		{"empty file on read", write("empty.db", nil), false, ErrNotDatabase, "leeg bestand"},
		{"missing file on read", filepath.Join(dir, "nope.db"), false, ErrNoDatabase, "bestaat niet"},
		{"newer version", newer, true, ErrTooNew, "nieuwere versie"},
		{"foreign database", foreign, true, ErrNotDatabase, "ander programma"},
		{"directory", dir, true, ErrNotDatabase, "map"},
	}
	for _, tt := range tests {
		before, _ := os.ReadFile(tt.path)
		_, err := Open(ctx, tt.path, Options{Create: tt.create})
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.want)
			continue
		}
		if msg := i18n.UserMessage(err); !bytes.Contains([]byte(msg), []byte(tt.msg)) {
			t.Errorf("%s: message %q does not say %q", tt.name, msg, tt.msg)
		}
		after, _ := os.ReadFile(tt.path)
		if !bytes.Equal(before, after) {
			t.Errorf("%s: file changed", tt.name)
		}
		if _, err := os.Stat(tt.path + "-wal"); err == nil && tt.name != "newer version" {
			t.Errorf("%s: a -wal file was created", tt.name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "nope.db")); err == nil {
		t.Error("a missing database was created by a read")
	}
}

func TestCreateMakesDirectoryAndSchema(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "a", "b", "overlegplanner.db")
	s, err := Open(ctx, p, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, _ := s.SchemaVersion(ctx)
	if v != LatestSchemaVersion() {
		t.Errorf("schema version %d, want %d", v, LatestSchemaVersion())
	}
	var mode string
	s.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal mode %s", mode)
	}
	var fk int
	s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if fk != 1 {
		t.Error("foreign keys off")
	}
	if empty, _ := s.IsEmpty(ctx); !empty {
		t.Error("new database not empty")
	}
	if problems, err := s.Integrity(ctx); err != nil || len(problems) > 0 {
		t.Errorf("integrity: %v %v", problems, err)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("OVERLEGPLANNER_DB", "/tmp/x.db")
	if p, _ := DefaultPath(); p != "/tmp/x.db" {
		t.Errorf("env override: %s", p)
	}
	t.Setenv("OVERLEGPLANNER_DB", "")
	t.Setenv("XDG_CONFIG_HOME", "/tmp/cfg")
	if p, _ := DefaultPath(); p != filepath.Join("/tmp/cfg", "overlegplanner", "overlegplanner.db") {
		t.Errorf("default: %s", p)
	}
}

func TestNewMeetingStartsWithStandingItems(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Import(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2027, 6, 10, 14, 0, 0, 0, domain.Amsterdam())
	ms := []domain.Meeting{{BodyID: 1, Start: start, End: start.Add(2 * time.Hour)}}
	if err := s.SaveMeetings(ctx, ms); err != nil {
		t.Fatal(err)
	}
	m, _ := s.Meeting(ctx, ms[0].ID)
	if len(m.Items) != 2 || m.Items[0].Title != "Opening" || m.Items[1].Title != "Rondvraag" {
		t.Fatalf("items of a new meeting: %+v", m.Items)
	}
	// Applying again (as the UI does after creating) adds nothing.
	if added, err := s.ApplyStandingItems(ctx, m.ID); err != nil || len(added) != 0 {
		t.Errorf("second apply added %d (%v)", len(added), err)
	}
}
