package commands_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/bot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
)

// memStore is an in-memory Store for fuzzing the parser at speed.
type memStore struct{ last *ctbot.Entry }

func (m *memStore) Record(_ context.Context, e *ctbot.Entry, _ ctbot.WriteOptions) (*ctbot.Entry, error) {
	e.ID, e.CreatedAt = 1, time.Now()
	m.last = e
	return nil, nil
}
func (m *memStore) Retract(_ context.Context, id int64, actor, reason string, _ ctbot.WriteOptions) (*ctbot.Entry, error) {
	return &ctbot.Entry{ID: id, Kind: ctbot.KindLog, Retracted: true}, nil
}
func (m *memStore) Entry(_ context.Context, id int64) (*ctbot.Entry, error) {
	return &ctbot.Entry{ID: id, Kind: ctbot.KindLog, UserID: "U1"}, nil
}
func (m *memStore) LatestByUser(context.Context, string, time.Time) (*ctbot.Entry, error) {
	return nil, ctbot.ErrNotFound
}
func (m *memStore) History(context.Context, ctbot.EntryFilter) ([]*ctbot.Entry, error) {
	return nil, nil
}
func (m *memStore) CountHistory(context.Context, ctbot.EntryFilter) (int, error) { return 0, nil }
func (m *memStore) Amend(_ context.Context, id int64, after *ctbot.Entry, _, _ string, _ ctbot.WriteOptions) (*ctbot.Entry, error) {
	return &ctbot.Entry{ID: id, Kind: after.Kind, UserID: "U1"}, nil
}
func (m *memStore) Audit(context.Context, int64) ([]ctbot.AuditRecord, error) { return nil, nil }
func (m *memStore) Query(_ context.Context, q ctbot.Query, _ time.Time) (*ctbot.Result, error) {
	return config.Default().Framework.Evaluate(q, slices.Values([]*ctbot.Entry(nil))), nil
}
func (m *memStore) Series(context.Context, ctbot.Kind, string) ([]*ctbot.Entry, error) {
	return nil, nil
}
func (m *memStore) TrainingsNear(context.Context, string, ctbot.Date, ctbot.Date) ([]*ctbot.Entry, error) {
	return nil, nil
}
func (m *memStore) Earlier(context.Context, string, string, []string, time.Duration) (*ctbot.Entry, error) {
	return nil, nil
}
func (m *memStore) Ledger(context.Context, string, string) ([]*ctbot.Entry, error) { return nil, nil }
func (m *memStore) EntriesAt(context.Context, ctbot.Kind, time.Time, time.Time, int) ([]*ctbot.Entry, error) {
	return nil, nil
}
func (m *memStore) Snapshot(_ context.Context, at time.Time) (*ctbot.Snapshot, error) {
	return ctbot.NewSnapshot(), nil
}
func (m *memStore) Current(context.Context) (*ctbot.Snapshot, error) {
	return ctbot.NewSnapshot(), nil
}
func (m *memStore) PhaseSnapshot(context.Context, *ctbot.Framework, time.Time) (*ctbot.Snapshot, error) {
	return ctbot.NewSnapshot(), nil
}
func (m *memStore) EntriesBefore(context.Context, ctbot.Date, time.Time, time.Time, int) ([]*ctbot.Entry, error) {
	return nil, nil
}
func (m *memStore) WeekActivity(context.Context, time.Time, time.Time, ctbot.Date, ctbot.Date) (*ctbot.WeekActivity, error) {
	return &ctbot.WeekActivity{Trainings: map[string]ctbot.TrainingTotals{}, Workshops: map[string]ctbot.WorkshopTotals{}}, nil
}
func (m *memStore) Verify(_ context.Context, id int64, actor, _ string, _ ctbot.WriteOptions) (*ctbot.Entry, error) {
	return m.Entry(context.Background(), id)
}
func (m *memStore) Redact(_ context.Context, id int64, _, _ string, _ bool, _ ctbot.WriteOptions) (*ctbot.Entry, error) {
	return m.Entry(context.Background(), id)
}
func (m *memStore) RedactPeriod(context.Context, string, string, string, ctbot.WriteOptions) (bool, error) {
	return true, nil
}
func (m *memStore) SharingText(context.Context, []string, []int64, int) ([]int64, error) {
	return nil, nil
}
func (m *memStore) PeriodLog(context.Context) ([]ctbot.PeriodEvent, error) { return nil, nil }
func (m *memStore) LogPeriod(_ context.Context, p ctbot.Period, action, actor, reason string, _ ctbot.KeepClose, _ ctbot.WriteOptions) (ctbot.PeriodEvent, error) {
	return ctbot.PeriodEvent{Period: p.Name(), Action: action, Actor: actor, Reason: reason}, nil
}
func (m *memStore) KeptReport(context.Context, ctbot.PeriodEvent) (ctbot.KeptReport, bool, error) {
	return ctbot.KeptReport{}, false, nil
}
func (m *memStore) EntryVersion(ctx context.Context, id int64, _ int) (*ctbot.Entry, error) {
	return m.Entry(ctx, id)
}
func (m *memStore) FrameworkLog(context.Context) ([]ctbot.FrameworkVersion, error) { return nil, nil }
func (m *memStore) LogFramework(context.Context, []byte, string, string, string,
	func(*ctbot.FrameworkVersion) ([]ctbot.FrameworkChange, error)) (ctbot.FrameworkVersion, bool, error) {
	return ctbot.FrameworkVersion{}, false, nil
}
func (m *memStore) AfterCloseChanges(context.Context, ctbot.Date, ctbot.Date) ([]ctbot.AuditRecord, error) {
	return nil, nil
}
func (m *memStore) EachKnownAt(context.Context, time.Time, []ctbot.Kind, ctbot.Date, func(*ctbot.Entry) error) error {
	return nil
}
func (m *memStore) EachAtClose(context.Context, ctbot.PeriodEvent, []ctbot.Kind, ctbot.Date, func(*ctbot.Entry) error) error {
	return nil
}
func (m *memStore) EachEntry(context.Context, ctbot.Date, ctbot.Date, func(*ctbot.Entry) error) error {
	return nil
}
func (m *memStore) EachAudit(context.Context, ctbot.Date, ctbot.Date, func(ctbot.AuditRecord) error) error {
	return nil
}
func (m *memStore) Grants(context.Context) ([]ctbot.Grant, error) { return nil, nil }
func (m *memStore) Grant(_ context.Context, g ctbot.Grant, _ ctbot.WriteOptions) (ctbot.Grant, error) {
	return g, nil
}
func (m *memStore) Revoke(_ context.Context, user string, role ctbot.Role, country, _ string, _ ctbot.WriteOptions) (ctbot.Grant, error) {
	return ctbot.Grant{User: user, Role: role, Country: country}, nil
}
func (m *memStore) Languages(context.Context) (map[string]string, error) { return nil, nil }
func (m *memStore) SetLanguage(context.Context, string, string, ctbot.WriteOptions) (string, error) {
	return "", nil
}
func (m *memStore) LogAccessRequest(context.Context, string, time.Time, ctbot.WriteOptions) error {
	return nil
}
func (m *memStore) RoleLog(context.Context, int) ([]ctbot.RoleChange, error) { return nil, nil }

var seeds = []string{
	`log kenya Met the cybercrime unit`,
	`training Côte d’Ivoire 2026-11-20 “Darknet (basic)” trained=25 women=9 new=20 online`,
	`workshop nigeria held 2026-11-10 "LEA readiness" participants=32 women=11`,
	`kickoff ivory coast planned tomorrow`,
	`indicator women-policy ghana +4/15 note`,
	`indicator strategies philippines adopted`,
	`status investigators trained`,
	`history kenya 5`,
	`retract #42 duplicate`,
	`training kenya 2026-02-30 "x" trained=-1`,
	`log kenya "unclosed`,
	"log kenya \u202eevil\u202c 🙂 Robert'); DROP TABLE entries;--",
	`new training`,
	`help indicator`,
	"",
	"   ",
	"workshop KE planned 2027-01-01 title=“a b” participants=0",
}

func fuzzCore() (*commands.Core, *memStore) {
	m := &memStore{}
	return commands.New(commands.Options{Framework: config.Default().Framework, Store: m, Figures: m,
		Now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }}), m
}

// FuzzHandle feeds arbitrary text to the command core: it must never panic
// (a panic shows as outcome "error"), and whatever it records must be
// consistent with what was typed.
func FuzzHandle(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	core, store := fuzzCore()
	f.Fuzz(func(t *testing.T, text string) {
		store.last = nil
		r := core.Handle(context.Background(), commands.Request{UserID: "U1", Text: text})
		if r.Outcome == "error" {
			t.Fatalf("%q: internal error: %s", text, r.Text())
		}
		if r.Failed && r.Problem.Empty() {
			t.Fatalf("%q: failed without saying why", text)
		}
		_ = r.Text()
		_ = bot.Split(r.Doc)
		e := store.last
		if e == nil {
			return
		}
		if r.Failed {
			t.Fatalf("%q: an entry was stored but the reply failed", text)
		}
		for _, s := range []string{e.Note, e.Title} {
			if !utf8.ValidString(s) || (s != "" && !strings.Contains(text, strings.TrimSpace(s)) && e.Kind != ctbot.KindTraining && e.Kind != ctbot.KindWorkshop) {
				t.Fatalf("%q: stored text %q is not as typed", text, s)
			}
		}
		women := e.WomenOr(0)
		if women < 0 || e.Trained < 0 || e.New < 0 || e.Participants < 0 || e.Value < 0 && e.Indicator != "investigators-trained" || e.Denom < 0 ||
			women > max(e.Trained, e.Participants) || e.New > e.Trained || (e.Denom > 0 && e.Value > e.Denom) {
			t.Fatalf("%q: inconsistent entry %+v", text, e)
		}
		if e.Kind != ctbot.KindLog && e.Kind != ctbot.KindIndicator && e.Country == "" {
			t.Fatalf("%q: %s without a country", text, e.Kind)
		}
	})
}

// FuzzAsk feeds arbitrary questions to the mention and DM parser.
func FuzzAsk(f *testing.F) {
	for _, s := range append(seeds, "<@UBOT> how is Kenya doing?", "which countries are behind?", "what's coming up in KE and MY",
		"status of investigators trained", "my my my", "<@U1|x> <https://x|y> &amp;") {
		f.Add(s)
	}
	core, _ := fuzzCore()
	f.Fuzz(func(t *testing.T, text string) {
		r := core.Ask(context.Background(), commands.Request{UserID: "U1", Text: text, Source: commands.FromDM})
		if r.Outcome == "error" {
			t.Fatalf("%q: internal error: %s", text, r.Text())
		}
		if len(r.Doc) == 0 {
			t.Fatalf("%q: empty answer", text)
		}
		_ = bot.Split(r.Doc)
	})
}

func (m *memStore) Snooze(context.Context, int64, ctbot.Date, string, ctbot.WriteOptions) error {
	return nil
}
