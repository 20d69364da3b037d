package ctbot_test

import (
	"slices"
	"testing"

	"github.com/cttechplus/ctbot"
)

// TestAccessIsTheUnionOfConfigAndGrants: a grant adds to the
// configuration and takes nothing away.
func TestAccessIsTheUnionOfConfigAndGrants(t *testing.T) {
	fw := testFramework(t)
	fw.Country("KE").FocalPoints = []string{"UFKE"}
	cfg := ctbot.Access{Coordinators: []string{"UC"}, Managers: []string{"UM"}, Staff: []string{"US"}}
	granted := cfg.With([]ctbot.Grant{
		{User: "UGS", Role: ctbot.RoleStaff}, {User: "UGM", Role: ctbot.RoleManager},
		{User: "UGC", Role: ctbot.RoleCoordinator}, {User: "UGF", Role: ctbot.RoleFocal, Country: "GH"},
	})
	tests := []struct {
		user                                       string
		record, recordKE, recordGH, read, exp, mgr bool
	}{
		{"UC", true, true, true, true, true, true},
		{"UGC", true, true, true, true, true, true},
		{"UM", false, false, false, true, true, false},
		{"UGM", false, false, false, true, true, false},
		{"US", true, true, true, true, false, false},
		{"UGS", true, true, true, true, false, false},
		{"UFKE", false, true, false, true, false, false},
		{"UGF", false, false, true, true, false, false},
		{"UX", false, false, false, false, false, false},
	}
	for _, tt := range tests {
		a := granted
		got := []bool{a.CanRecord(fw, tt.user, ""), a.CanRecord(fw, tt.user, "KE"), a.CanRecord(fw, tt.user, "GH"),
			a.CanRead(fw, tt.user), a.CanExport(tt.user), a.CanManageRoles(tt.user)}
		want := []bool{tt.record, tt.recordKE, tt.recordGH, tt.read, tt.exp, tt.mgr}
		if !slices.Equal(got, want) {
			t.Errorf("%s: record, KE, GH, read, export, manage = %v, want %v", tt.user, got, want)
		}
	}
	if got := granted.AllCoordinators(); !slices.Equal(got, []string{"UC", "UGC"}) {
		t.Errorf("coordinators = %v", got)
	}
	if !granted.InConfig(fw, "UFKE", ctbot.RoleFocal, "KE") || granted.InConfig(fw, "UGF", ctbot.RoleFocal, "GH") {
		t.Error("InConfig mixes up the configuration and the grants")
	}
	held := granted.HeldBy(fw, "UGF")
	if len(held) != 1 || held[0].Country != "GH" || held[0].Grant == nil {
		t.Errorf("held = %+v", held)
	}
	// With no staff configured everyone records and reads; granting staff
	// in Slack keeps it so.
	open := ctbot.Access{Coordinators: []string{"UC"}}.With([]ctbot.Grant{{User: "UGS", Role: ctbot.RoleStaff}})
	if !open.CanRecord(fw, "UANY", "KE") || !open.CanRead(fw, "UANY") || open.CanManageRoles("UGS") {
		t.Error("a staff grant closed open access, or gave more than staff")
	}
}
