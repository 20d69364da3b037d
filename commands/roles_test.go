package commands_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// grants are the roles given in Slack, as stored.
func (h *harness) grants() []ctbot.Grant {
	h.t.Helper()
	gs, err := h.db.Grants(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return gs
}

// roleLog is the audit trail of roles, newest first.
func (h *harness) roleLog() []ctbot.RoleChange {
	h.t.Helper()
	log, err := h.db.RoleLog(context.Background(), 100)
	if err != nil {
		h.t.Fatal(err)
	}
	return log
}

// TestWhoMayManageRoles: only coordinators grant, remove and list; anyone
// else is refused and nothing is stored.
func TestWhoMayManageRoles(t *testing.T) {
	tests := []struct {
		user, text string
		allowed    bool
	}{
		{coordinator, "access add <@UNEW|new> staff", true},
		{coordinator, "access list", true},
		{staff, "access add <@UNEW|new> staff", false},
		{staff, "access add <@USTAFF|me> coordinator", false},
		{manager, "access add <@UNEW|new> manager", false},
		{focalKE, "access add <@UNEW|new> focal KE", false},
		{focalKE, "access list", false},
		{outsider, "access add <@UOUT|me> coordinator", false},
	}
	for _, tt := range tests {
		h := newHarness(t)
		r := h.as(tt.user, tt.text)
		if tt.allowed == r.Failed {
			t.Errorf("%s %q: failed=%v: %s", tt.user, tt.text, r.Failed, r.Text())
		}
		if !tt.allowed {
			wantText(t, r, "Only coordinators may give or take away roles")
			if n := len(h.grants()) + len(h.roleLog()); n != 0 {
				t.Errorf("%s %q: %d rows stored", tt.user, tt.text, n)
			}
		}
	}
}

// TestGrantedRolesAddToConfig: a role granted in Slack gives its rights at
// once, and its removal takes them away at once.
func TestGrantedRolesAddToConfig(t *testing.T) {
	tests := []struct {
		role    string
		allowed []string // commands the role may run once granted
		refused []string // and still may not
	}{
		{"staff", []string{"log kenya x", "status", "history"}, []string{"verify 1", "export"}},
		{"focal Kenya", []string{"log kenya x", "status kenya"}, []string{"log ghana x", "log programme x"}},
		{"focal GH", []string{"log ghana x"}, []string{"log kenya x"}},
		{"manager", []string{"status", "history", "export"}, []string{"log kenya x"}},
		{"coordinator", []string{"log ghana x", "access list", "period close 2026-Q3 done"}, nil},
	}
	for _, tt := range tests {
		h := newHarness(t)
		before := func(text string) bool { return !h.as(outsider, text).Failed }
		for _, text := range append(append([]string{}, tt.allowed...), tt.refused...) {
			if before(text) {
				t.Fatalf("%s: outsider may %q before any grant", tt.role, text)
			}
		}
		r := h.as(coordinator, "access add <@UOUT|out> "+tt.role)
		if r.Failed {
			t.Fatalf("grant %s: %s", tt.role, r.Text())
		}
		wantText(t, r, "@UOUT is now")
		for _, text := range tt.allowed {
			if r := h.as(outsider, text); r.Failed {
				t.Errorf("granted %s, %q refused: %s", tt.role, text, r.Text())
			}
		}
		for _, text := range tt.refused {
			if r := h.as(outsider, text); !r.Failed {
				t.Errorf("granted %s, %q allowed", tt.role, text)
			}
		}
		r = h.as(coordinator, "access remove <@UOUT|out> "+tt.role)
		if r.Failed {
			t.Fatalf("remove %s: %s", tt.role, r.Text())
		}
		wantText(t, r, "@UOUT is no longer", "(granted by @UCOORD on Fri 27 Nov 2026)")
		for _, text := range tt.allowed {
			if r := h.as(outsider, text); !r.Failed && text != "period close 2026-Q3 done" {
				t.Errorf("removed %s, %q still allowed", tt.role, text)
			}
		}
	}
}

// TestConfigRolesStay: roles from the configuration are neither removed
// nor granted again from Slack, even by a coordinator granted in Slack.
func TestConfigRolesStay(t *testing.T) {
	h := newHarness(t)
	if r := h.as(coordinator, "access add <@UNEWC|c> coordinator"); r.Failed {
		t.Fatal(r.Text())
	}
	tests := []struct{ user, text, want string }{
		{coordinator, "access remove <@UCOORD|me> coordinator", "can never be removed from Slack"},
		{"UNEWC", "access remove <@UCOORD|boss> coordinator", "can never be removed from Slack"},
		{"UNEWC", "access remove <@USTAFF|s> staff", "in the configuration, not by a grant in Slack"},
		{"UNEWC", "access remove <@UFOCALKE|f> focal kenya", "in the configuration, not by a grant in Slack"},
		{"UNEWC", "access add <@UMGR|m> manager", "is manager in the configuration already"},
		{"UNEWC", "access remove <@UMGR|m> staff", "was not granted staff in Slack"},
		{"UNEWC", "access add <@UNEWC|me> coordinator", "is coordinator already, by an earlier grant"},
	}
	for _, tt := range tests {
		r := h.as(tt.user, tt.text)
		if !r.Failed {
			t.Errorf("%s %q allowed", tt.user, tt.text)
		}
		wantText(t, r, tt.want, "Nothing was changed")
	}
	if gs := h.grants(); len(gs) != 1 || h.as(coordinator, "status").Failed {
		t.Errorf("grants = %+v", gs)
	}
	// A coordinator granted in Slack can be removed, by another coordinator.
	if r := h.as(coordinator, "access remove <@UNEWC> coordinator"); r.Failed {
		t.Fatal(r.Text())
	}
	if r := h.as("UNEWC", "access list"); !r.Failed {
		t.Error("a removed coordinator still manages roles")
	}
}

// TestAccessInput: mentions are read safely; anything else is refused
// with what was wrong and the usage, and nothing changes.
func TestAccessInput(t *testing.T) {
	tests := []struct{ text, want string }{
		{"access", "Say what to do: add, remove or list"},
		{"access give <@UXY1> staff", "“give” is not something `access` does"},
		{"access add", "Name the person with a Slack mention"},
		{"access add @amina staff", "“@amina” is not a Slack mention"},
		{"access add <!channel> staff", "“<!channel>” is not a Slack mention"},
		{"access add <#C123|general> staff", "is not a Slack mention"},
		{"access add <@UXY1|a> b> staff", "is not a role"},
		{"access add <@ux> staff", "is not a Slack mention"},
		{"access add <@UXY1|x>", "Say which role"},
		{"access add <@UXY1|x> boss", "“boss” is not a role"},
		{"access add <@UXY1|x> focal", "country"},
		{"access add <@UXY1|x> focal Atlantis", "I don't know the country “Atlantis”"},
		{"access add <@UXY1|x> staff now", "now"},
		{"access list all", "all"},
	}
	h := newHarness(t)
	for _, tt := range tests {
		r := h.as(coordinator, tt.text)
		if !r.Failed {
			t.Errorf("%q accepted: %s", tt.text, r.Text())
			continue
		}
		wantText(t, r, tt.want)
	}
	if n := len(h.grants()) + len(h.roleLog()); n != 0 {
		t.Errorf("%d rows stored by bad input", n)
	}
	for _, text := range []string{"access add <@UA1|Amina Diallo> staff", "access add <@UA2> staff", "access add UA3 staff", "access grant <@UA4|x> Focal-Point côte d'ivoire"} {
		if r := h.as(coordinator, text); r.Failed {
			t.Errorf("%q refused: %s", text, r.Text())
		}
	}
	gs := h.grants()
	if len(gs) != 4 || gs[0].User != "UA1" || gs[3].Role != ctbot.RoleFocal || gs[3].Country != "CI" {
		t.Errorf("grants = %+v", gs)
	}
}

// TestAccessReplayed: the same action delivered twice grants (or
// removes) once, and the role log has one line for it.
func TestAccessReplayed(t *testing.T) {
	h := newHarness(t)
	run := func(text, key string) commands.Reply {
		return h.core.Handle(context.Background(), commands.Request{UserID: coordinator, Text: text, Source: commands.FromSlash, Keys: []string{key}})
	}
	first := run("access add <@UNEW|n> manager", "trigger:1")
	again := run("access add <@UNEW|n> manager", "trigger:1")
	if first.Failed || again.Failed || again.Outcome != "duplicate" {
		t.Fatalf("first %s / again %s %s", first.Text(), again.Outcome, again.Text())
	}
	wantText(t, again, "carried out already")
	run("access remove <@UNEW|n> manager", "trigger:2")
	if r := run("access remove <@UNEW|n> manager", "trigger:2"); r.Outcome != "duplicate" {
		t.Errorf("removal replayed: %s %s", r.Outcome, r.Text())
	}
	log := h.roleLog()
	if len(log) != 2 || log[0].Action != ctbot.RoleRevoke || log[1].Action != ctbot.RoleGrant || log[1].Actor != coordinator || log[1].User != "UNEW" {
		t.Errorf("role log = %+v", log)
	}
	if len(h.grants()) != 0 {
		t.Error("the grant survived its removal")
	}
}

// TestAccessButtonsCannotGrant: role changes come from typed commands
// only; a button's value runs nothing of the kind, whoever clicks.
func TestAccessButtonsCannotGrant(t *testing.T) {
	h := newHarness(t)
	r := h.core.Handle(context.Background(), commands.Request{UserID: coordinator, Text: "access add <@UOUT|o> coordinator", Source: commands.FromButton, Keys: []string{"trigger:b"}})
	if !r.Failed || len(h.grants()) != 0 {
		t.Fatalf("a button granted a role: %s", r.Text())
	}
	wantText(t, r, "only by typing")
}

// TestAccessListShowsSourcesAndChanges: list says where each role comes
// from and the latest changes, with who made them and when.
func TestAccessListShowsSourcesAndChanges(t *testing.T) {
	h := newHarness(t)
	h.as(coordinator, "access add <@UNEW|n> focal kenya")
	h.as(coordinator, "access add <@UGONE|g> staff")
	h.as(coordinator, "access remove <@UGONE|g> staff")
	r := h.as(coordinator, "access list")
	wantText(t, r, "@UCOORD (configuration)", "@UMGR (configuration)", "Focal points for Kenya",
		"@UFOCALKE (configuration)", "No focal points yet for Ghana, Iraq,", "@UNEW (granted by @UCOORD on Fri 27 Nov 2026)",
		"Fri 27 Nov 2026: @UCOORD removed @UGONE as staff", "Fri 27 Nov 2026: @UCOORD made @UNEW focal point for Kenya")
	if strings.Contains(strings.Split(r.Text(), "Latest changes")[0], "UGONE") {
		t.Errorf("a removed role is listed as held:\n%s", r.Text())
	}
}

// TestWhoami: each role with where it comes from, and the states.
func TestWhoami(t *testing.T) {
	h := newHarness(t)
	h.as(coordinator, "access add <@UFOCALKE|f> focal ghana")
	h.as(coordinator, "access add <@UFOCALKE|f> manager")
	r := h.as(focalKE, "whoami")
	wantText(t, r, "manager — granted in Slack by @UCOORD on Fri 27 Nov 2026",
		"focal point for Kenya — from the configuration", "focal point for Ghana — granted in Slack by @UCOORD",
		"Your states: Ghana and Kenya.")
	wantText(t, h.as(coordinator, "whoami"), "coordinator — from the configuration")
	r = h.as(outsider, "whoami")
	if r.Failed {
		t.Fatal(r.Text())
	}
	wantText(t, r, "You have no role in ctbot.", "Coordinators give roles: @UCOORD")
}

// TestHelpListsYourCommandsFirst: help is generated from the command
// definitions, the reader's commands first.
func TestHelpListsYourCommandsFirst(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		user       string
		yours, not []string
		hasOthers  bool
	}{
		{outsider, []string{"/ct help", "/ct whoami"}, []string{"/ct log", "/ct status", "/ct access"}, true},
		{staff, []string{"/ct log", "/ct status", "/ct undo"}, []string{"/ct access", "/ct verify", "/ct export"}, true},
		{manager, []string{"/ct status", "/ct export"}, []string{"/ct log", "/ct access"}, true},
		{focalKE, []string{"/ct log", "/ct training"}, []string{"/ct export"}, true},
		{coordinator, []string{"/ct access", "/ct verify", "/ct log"}, nil, false},
	}
	for _, tt := range tests {
		text := h.as(tt.user, "help").Text()
		yours, others, found := strings.Cut(text, "Other commands")
		if found != tt.hasOthers {
			t.Errorf("%s: other commands listed = %v:\n%s", tt.user, found, text)
		}
		for _, c := range tt.yours {
			if !strings.Contains(yours, c+" ") && !strings.Contains(yours, c+"`") {
				t.Errorf("%s: %s not among theirs:\n%s", tt.user, c, text)
			}
		}
		for _, c := range tt.not {
			if strings.Contains(yours, c+" ") || !strings.Contains(others, c) {
				t.Errorf("%s: %s not among the others:\n%s", tt.user, c, text)
			}
		}
	}
	// A role granted in Slack moves its commands up.
	h.as(coordinator, "access add <@UOUT|o> staff")
	if yours, _, _ := strings.Cut(h.as(outsider, "help").Text(), "Other commands"); !strings.Contains(yours, "/ct log ") {
		t.Errorf("granted staff, log not among theirs:\n%s", yours)
	}
}

// TestHomeByRole: a focal point sees their state first with its buttons;
// someone with no role sees the coordinators and a Request access button.
func TestHomeByRole(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	home := func(user string) commands.Reply {
		r, err := h.core.Home(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := home(focalKE)
	if hd, ok := r.Doc[0].(reply.Heading); !ok || reply.PlainText(hd.Text) != "Kenya — your state" {
		t.Errorf("focal home starts with %#v", r.Doc[0])
	}
	btns := r.Doc.Buttons()
	want := []reply.Button{
		{Label: "Log update", Intent: reply.IntentOpenForm, Arg: "log KE", Primary: true},
		{Label: "Record training", Intent: reply.IntentOpenForm, Arg: "training KE"},
		{Label: "Kenya status", Intent: reply.IntentRun, Arg: "status KE"},
	}
	if len(btns) != len(want) {
		t.Fatalf("buttons = %+v", btns)
	}
	for i := range want {
		if btns[i] != want[i] {
			t.Errorf("button %d = %+v, want %+v", i, btns[i], want[i])
		}
	}
	wantText(t, r, "at a glance")
	if b := home(staff).Doc.Buttons(); len(b) != 0 {
		t.Errorf("staff home has buttons %+v", b)
	}
	r = home(outsider)
	wantText(t, r, "You have no role in ctbot yet", "@UCOORD")
	if b := r.Doc.Buttons(); len(b) != 1 || b[0].Intent != reply.IntentAskAccess || b[0].Label != "Request access" || b[0].Arg != "" {
		t.Errorf("no-role home buttons = %+v", b)
	}
	// A focal point granted in Slack gets the same, and loses it on removal.
	h.as(coordinator, "access add <@UOUT|o> focal Ghana")
	if hd, ok := home(outsider).Doc[0].(reply.Heading); !ok || reply.PlainText(hd.Text) != "Ghana — your state" {
		t.Errorf("granted focal home starts with %#v", home(outsider).Doc[0])
	}
	h.as(coordinator, "access remove <@UOUT|o> focal Ghana")
	wantText(t, home(outsider), "You have no role in ctbot yet")
}

// TestRequestAccess: one direct message per coordinator (configured and
// granted) per request, once per action however often it is delivered.
func TestRequestAccess(t *testing.T) {
	h := newHarness(t)
	h.as(coordinator, "access add <@UC2|c> coordinator")
	ask := func(user, key string) commands.Reply {
		return h.core.RequestAccess(context.Background(), commands.Request{UserID: user, Source: commands.FromButton, Keys: []string{key}})
	}
	r := ask(outsider, "trigger:r1")
	if r.Failed || len(r.Notices) != 2 || r.Notices[0].User != coordinator || r.Notices[1].User != "UC2" {
		t.Fatalf("request = %s, notices %+v", r.Text(), r.Notices)
	}
	dm := reply.Text(r.Notices[0].Doc)
	for _, want := range []string{"@UOUT asks for access", "/ct access add UOUT staff"} {
		if !strings.Contains(dm, want) {
			t.Errorf("DM lacks %q: %s", want, dm)
		}
	}
	wantText(t, r, "I asked the coordinators")
	if again := ask(outsider, "trigger:r1"); len(again.Notices) != 0 || again.Outcome != "duplicate" {
		t.Errorf("redelivered request sent %d DMs", len(again.Notices))
	}
	if r := ask(staff, "trigger:r2"); len(r.Notices) != 0 {
		t.Errorf("someone with a role asked the coordinators: %s", r.Text())
	}
	log := h.roleLog()
	if len(log) != 2 || log[0].Action != ctbot.RoleRequest || log[0].User != outsider {
		t.Errorf("role log = %+v", log)
	}
}

// TestLastCoordinatorStays: with no coordinator in the configuration, the
// last one granted in Slack cannot be removed, so someone can still
// manage roles.
func TestLastCoordinatorStays(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.Grant(context.Background(), ctbot.Grant{User: "UG1", Role: ctbot.RoleCoordinator, By: coordinator}, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	h.core = commands.New(commands.Options{Framework: h.fw, Store: h.db, Figures: h.figs, Now: h.clock.Now, Access: ctbot.Access{Staff: []string{staff}}})
	r := h.as("UG1", "access remove <@UG1> coordinator")
	wantText(t, r, "@UG1 is the last coordinator", "Nothing was changed")
	h.as("UG1", "access add <@UG2> coordinator")
	if r := h.as("UG2", "access remove <@UG1> coordinator"); r.Failed {
		t.Errorf("removal with another coordinator left refused: %s", r.Text())
	}
	if gs := h.grants(); len(gs) != 1 || gs[0].User != "UG2" {
		t.Errorf("grants = %+v", gs)
	}
}

// TestAccessByMention: in a mention or DM, the mention of ctbot that
// starts the message is dropped, the person's is kept.
func TestAccessByMention(t *testing.T) {
	h := newHarness(t)
	for i, text := range []string{"<@UBOT> access add <@UNEW1|New One> staff", "access add <@UNEW2> manager"} {
		r := h.core.Ask(context.Background(), commands.Request{UserID: coordinator, Text: text, Source: commands.FromMention, Keys: []string{"event:" + text}})
		if r.Failed {
			t.Fatalf("%d: %s", i, r.Text())
		}
	}
	if gs := h.grants(); len(gs) != 2 || gs[0].User != "UNEW1" || gs[1].User != "UNEW2" || gs[1].Role != ctbot.RoleManager {
		t.Errorf("grants = %+v", gs)
	}
}
