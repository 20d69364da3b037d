package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestRolesGrantRevokeAndLog: a grant is stored once, per action and per
// role; a removal takes it away; every change is in the append-only log.
func TestRolesGrantRevokeAndLog(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	keys := func(k string) ctbot.WriteOptions { return ctbot.WriteOptions{Keys: []string{k}} }

	g, err := db.Grant(ctx, ctbot.Grant{User: "UA", Role: ctbot.RoleFocal, Country: "KE", By: "UC"}, keys("t1"))
	if err != nil || !g.At.Equal(clock.Now()) {
		t.Fatalf("grant = %+v, %v", g, err)
	}
	if _, err := db.Grant(ctx, ctbot.Grant{User: "UB", Role: ctbot.RoleStaff, By: "UC"}, keys("t1")); ctbot.CodeOf(err) != ctbot.EDuplicate {
		t.Errorf("same action again: %v", err)
	}
	if _, err := db.Grant(ctx, ctbot.Grant{User: "UA", Role: ctbot.RoleFocal, Country: "KE", By: "UD"}, keys("t2")); !refusedWith(err, ctbot.ERefused, "err.role_held") {
		t.Errorf("role granted twice: %v", err)
	}
	clock.Advance(time.Hour)
	if _, err := db.Grant(ctx, ctbot.Grant{User: "UA", Role: ctbot.RoleManager, By: "UC"}, keys("t3")); err != nil {
		t.Fatal(err)
	}
	gs, err := db.Grants(ctx)
	if err != nil || len(gs) != 2 || gs[0].Role != ctbot.RoleFocal || gs[0].By != "UC" || gs[1].Role != ctbot.RoleManager {
		t.Fatalf("grants = %+v, %v", gs, err)
	}
	clock.Advance(time.Hour)
	old, err := db.Revoke(ctx, "UA", ctbot.RoleFocal, "KE", "UE", keys("t4"))
	if err != nil || old.By != "UC" {
		t.Fatalf("revoke = %+v, %v", old, err)
	}
	if _, err := db.Revoke(ctx, "UA", ctbot.RoleFocal, "KE", "UE", keys("t5")); !refusedWith(err, ctbot.ERefused, "err.role_not_granted") {
		t.Errorf("second removal: %v", err)
	}
	if _, err := db.Revoke(ctx, "UA", ctbot.RoleManager, "", "UE", keys("t4")); ctbot.CodeOf(err) != ctbot.EDuplicate {
		t.Errorf("removal replayed: %v", err)
	}
	if gs, _ := db.Grants(ctx); len(gs) != 1 || gs[0].Role != ctbot.RoleManager {
		t.Errorf("grants after removal = %+v", gs)
	}
	day := clock.Now().Add(-24 * time.Hour)
	if err := db.LogAccessRequest(ctx, "UX", day, keys("t6")); err != nil {
		t.Fatal(err)
	}
	if err := db.LogAccessRequest(ctx, "UX", day, keys("t6")); ctbot.CodeOf(err) != ctbot.EDuplicate {
		t.Errorf("request replayed: %v", err)
	}
	if err := db.LogAccessRequest(ctx, "UX", day, keys("t7")); ctbot.CodeOf(err) != ctbot.ERefused {
		t.Errorf("a second request within the day: %v", err)
	}
	if err := db.LogAccessRequest(ctx, "UX", clock.Now().Add(time.Second), keys("t8")); err != nil {
		t.Errorf("a request after the wait: %v", err)
	}
	log, err := db.RoleLog(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []ctbot.RoleChange{
		{Action: ctbot.RoleRequest, User: "UX", Actor: "UX", At: clock.Now()},
		{Action: ctbot.RoleRequest, User: "UX", Actor: "UX", At: clock.Now()},
		{Action: ctbot.RoleRevoke, User: "UA", Role: ctbot.RoleFocal, Country: "KE", Actor: "UE", At: clock.Now()},
		{Action: ctbot.RoleGrant, User: "UA", Role: ctbot.RoleManager, Actor: "UC", At: clock.Now().Add(-time.Hour)},
		{Action: ctbot.RoleGrant, User: "UA", Role: ctbot.RoleFocal, Country: "KE", Actor: "UC", At: clock.Now().Add(-2 * time.Hour)},
	}
	if len(log) != len(want) {
		t.Fatalf("log = %+v", log)
	}
	for i := range want {
		if log[i].Action != want[i].Action || log[i].User != want[i].User || log[i].Role != want[i].Role ||
			log[i].Country != want[i].Country || log[i].Actor != want[i].Actor || log[i].At.Sub(want[i].At).Abs() > time.Millisecond {
			t.Errorf("log[%d] = %+v, want %+v", i, log[i], want[i])
		}
	}
}

// The last coordinator granted is kept when the write asks: checked in
// the write, so two removals at once cannot leave none.
func TestTheLastCoordinatorIsKept(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T10:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	for _, u := range []string{"UA", "UB"} {
		if _, err := db.Grant(ctx, ctbot.Grant{User: u, Role: ctbot.RoleCoordinator, By: "UX"}, ctbot.WriteOptions{Keys: []string{"g" + u}}); err != nil {
			t.Fatal(err)
		}
	}
	keep := func(k string) ctbot.WriteOptions { return ctbot.WriteOptions{Keys: []string{k}, KeepCoordinator: true} }
	if _, err := db.Revoke(ctx, "UA", ctbot.RoleCoordinator, "", "UB", keep("r1")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Revoke(ctx, "UB", ctbot.RoleCoordinator, "", "UA", keep("r2")); !refusedWith(err, ctbot.ERefused, "err.last_coordinator") {
		t.Errorf("removing the last coordinator: %v", err)
	}
	if gs, _ := db.Grants(ctx); len(gs) != 1 || gs[0].User != "UB" {
		t.Errorf("grants = %+v, want UB kept", gs)
	}
}
