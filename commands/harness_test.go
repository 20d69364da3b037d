package commands_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/figures"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// Users of the test access rules.
const (
	coordinator = "UCOORD"
	manager     = "UMGR"
	staff       = "USTAFF"
	staff2      = "USTAFF2"
	focalKE     = "UFOCALKE"
	outsider    = "UOUT"
)

type harness struct {
	t     *testing.T
	core  *commands.Core
	db    *storage.DB
	figs  *figures.Figures
	clock *fakeclock.Clock
	fw    *ctbot.Framework
}

// newHarness runs the core on the default CT TECH+ framework at
// 2026-11-27 10:00 in Brussels, with restricted access.
func newHarness(t *testing.T) *harness {
	t.Helper()
	cfg := config.Default()
	cfg.Framework.Country("KE").FocalPoints = []string{focalKE}
	clock := fakeclock.At("2026-11-27T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	db.SetFramework(cfg.Framework)
	figs := storagetest.Figures(db, cfg.Framework, clock.Now)
	core := commands.New(commands.Options{
		Framework: cfg.Framework, Store: db, Figures: figs, Now: clock.Now,
		Access: ctbot.Access{Coordinators: []string{coordinator}, Managers: []string{manager}, Staff: []string{staff, staff2}},
	})
	return &harness{t: t, core: core, db: db, figs: figs, clock: clock, fw: cfg.Framework}
}

func (h *harness) as(user, text string) commands.Reply {
	h.t.Helper()
	return h.core.Handle(context.Background(), commands.Request{UserID: user, Text: text, Source: commands.FromConsole})
}

// ok runs text as staff and fails the test if the reply is an error.
func (h *harness) ok(text string) commands.Reply {
	h.t.Helper()
	r := h.as(staff, text)
	if r.Failed {
		h.t.Fatalf("%q failed: %s", text, r.Text())
	}
	return r
}

func (h *harness) entries() []*ctbot.Entry {
	h.t.Helper()
	es, err := h.db.History(context.Background(), ctbot.EntryFilter{Limit: 1000})
	if err != nil {
		h.t.Fatal(err)
	}
	return es
}

func (h *harness) last() *ctbot.Entry {
	h.t.Helper()
	es := h.entries()
	if len(es) == 0 {
		h.t.Fatal("no entries")
	}
	return es[0]
}

func (h *harness) snapshot() *ctbot.Snapshot {
	h.t.Helper()
	s, err := h.figs.Snapshot(context.Background(), h.clock.Now())
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

func wantText(t *testing.T, r commands.Reply, parts ...string) {
	t.Helper()
	text := r.Text()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("reply lacks %q:\n%s", p, text)
		}
	}
}

func (h *harness) advance(d time.Duration) { h.clock.Advance(d) }

func (h *harness) audit(id int64) []ctbot.AuditRecord {
	h.t.Helper()
	trail, err := h.db.Audit(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return trail
}
