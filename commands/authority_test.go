package commands_test

import (
	"context"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/storage"
)

// racingStore is the database with a hook run just before a role change
// or an amendment is written: what another person does between the
// permission check of a command and its write.
type racingStore struct {
	*storage.DB
	before func()
}

func (s *racingStore) Revoke(ctx context.Context, user string, role ctbot.Role, country, actor string, o ctbot.WriteOptions) (ctbot.Grant, error) {
	s.run()
	return s.DB.Revoke(ctx, user, role, country, actor, o)
}

func (s *racingStore) Amend(ctx context.Context, id int64, after *ctbot.Entry, actor, reason string, o ctbot.WriteOptions) (*ctbot.Entry, error) {
	s.run()
	return s.DB.Amend(ctx, id, after, actor, reason, o)
}

func (s *racingStore) run() {
	if f := s.before; f != nil {
		s.before = nil
		f()
	}
}

func (h *harness) grant(user string, role ctbot.Role, country string) {
	h.t.Helper()
	if _, err := h.db.Grant(context.Background(), ctbot.Grant{User: user, Role: role, Country: country, By: coordinator}, ctbot.WriteOptions{}); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) revoke(user string, role ctbot.Role, country string) {
	h.t.Helper()
	if _, err := h.db.Revoke(context.Background(), user, role, country, coordinator, ctbot.WriteOptions{}); err != nil {
		h.t.Fatal(err)
	}
}

// TestRemovedFocalPointCannotAmend: amending, like recording, needs the
// right to record for the entry's state now, not only authorship.
func TestRemovedFocalPointCannotAmend(t *testing.T) {
	h := newHarness(t)
	h.grant("UFOC", ctbot.RoleFocal, "KE")
	r := h.as("UFOC", "training kenya 2026-11-20 \"OSINT basics\" trained=10 women=4")
	if r.Failed {
		t.Fatalf("focal point could not record: %s", r.Text())
	}
	id := r.EntryID
	h.revoke("UFOC", ctbot.RoleFocal, "KE")
	r = h.as("UFOC", "amend "+commands.ID(id)+" trained=150 confirm")
	if !r.Failed {
		t.Fatalf("a focal point whose role was removed amended #%d: %s", id, r.Text())
	}
	wantText(t, r, "not allowed to record")
	if e, err := h.db.Entry(context.Background(), id); err != nil || e.Trained != 10 {
		t.Fatalf("entry after a refused amendment: %+v, %v", e, err)
	}
	// The Edit button is refused on the same rule.
	if r := h.core.Edit(context.Background(), commands.Request{UserID: "UFOC"}, id); !r.Failed {
		t.Errorf("Edit opened for a focal point whose role was removed: %s", r.Text())
	}
}

// TestRoleRemovedBeforeTheWrite: the role a change rests on is checked in
// the write itself. A coordinator granted in Slack who loses the role
// between the check and the write changes nothing.
func TestRoleRemovedBeforeTheWrite(t *testing.T) {
	t.Run("role change", func(t *testing.T) {
		h := newHarness(t)
		for _, u := range []string{"UCOA", "UCOB", "UCOC"} {
			h.grant(u, ctbot.RoleCoordinator, "")
		}
		s := &racingStore{DB: h.db}
		h.core = commands.New(commands.Options{Framework: h.fw, Store: s, Figures: h.figs, Now: h.clock.Now,
			Access: ctbot.Access{Coordinators: []string{coordinator}, Staff: []string{staff}}})
		// UA removes UB while UB's removal of UC is under way.
		s.before = func() { h.revoke("UCOB", ctbot.RoleCoordinator, "") }
		r := h.as("UCOB", "access remove <@UCOC> coordinator")
		if !r.Failed {
			t.Fatalf("a removal by a coordinator who had just lost the role went through: %s", r.Text())
		}
		wantText(t, r, "the role it rested on was removed", "Nothing was changed")
		held := map[string]bool{}
		for _, g := range h.grants() {
			held[g.User] = true
		}
		if !held["UCOC"] || !held["UCOA"] || held["UCOB"] {
			t.Errorf("grants after the race: %+v", h.grants())
		}
	})
	t.Run("amendment", func(t *testing.T) {
		h := newHarness(t)
		h.grant("UFOC", ctbot.RoleFocal, "KE")
		r := h.as("UFOC", "training kenya 2026-11-20 \"OSINT basics\" trained=10")
		if r.Failed {
			t.Fatal(r.Text())
		}
		s := &racingStore{DB: h.db, before: func() { h.revoke("UFOC", ctbot.RoleFocal, "KE") }}
		h.core = commands.New(commands.Options{Framework: h.fw, Store: s, Figures: h.figs, Now: h.clock.Now,
			Access: ctbot.Access{Coordinators: []string{coordinator}, Staff: []string{staff}}})
		r = h.as("UFOC", "amend "+commands.ID(r.EntryID)+" trained=12")
		if !r.Failed {
			t.Fatalf("an amendment by a focal point who had just lost the role went through: %s", r.Text())
		}
		wantText(t, r, "the role it rested on was removed")
		if e := h.last(); e.Trained != 10 {
			t.Errorf("trained = %d after a refused amendment", e.Trained)
		}
	})
	t.Run("configured roles need no grant", func(t *testing.T) {
		h := newHarness(t)
		r := h.as(staff, "training kenya 2026-11-20 \"OSINT basics\" trained=10")
		if r.Failed {
			t.Fatal(r.Text())
		}
		if r := h.as(staff, "amend "+commands.ID(r.EntryID)+" trained=12"); r.Failed {
			t.Errorf("staff from the configuration could not amend: %s", r.Text())
		}
	})
}
