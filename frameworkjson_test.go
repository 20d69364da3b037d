package ctbot_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
)

func canonical(t *testing.T, fw *ctbot.Framework) []byte {
	t.Helper()
	b, err := fw.Canonical()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTheCanonicalFrameworkIsTheResultsFramework: the same configuration
// gives the same bytes, read back into the same framework; what is not
// the results framework (focal points, aliases, languages, holidays, the
// course catalogue) leaves its hash as it is; a target does not.
func TestTheCanonicalFrameworkIsTheResultsFramework(t *testing.T) {
	a, b := config.Default().Framework, config.Default().Framework
	ca := canonical(t, a)
	if !bytes.Equal(ca, canonical(t, b)) {
		t.Fatal("the same configuration gives other bytes")
	}
	back, err := ctbot.ParseFramework(ca)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(canonical(t, back), ca) || back.Location.String() != "Europe/Brussels" || back.LookupCountry("Ivory Coast") != nil ||
		back.LookupCountry("Kenya") == nil || !reflect.DeepEqual(back.Indicators, a.Indicators) {
		t.Errorf("read back: %s", canonical(t, back))
	}
	b.Country("KE").FocalPoints = []string{"U1"}
	b.Country("KE").Aliases = []string{"Kenia"}
	b.Country("KE").Language = "fr"
	b.Country("KE").Holidays = []ctbot.Date{ctbot.MustParseDate("2026-12-12")}
	b.Courses, b.Language = nil, "fr"
	if ctbot.FrameworkHash(canonical(t, b)) != ctbot.FrameworkHash(ca) {
		t.Error("focal points, aliases, languages, holidays or courses changed the results framework")
	}
	b.Indicator("investigators-trained").Target = 50
	if ctbot.FrameworkHash(canonical(t, b)) == ctbot.FrameworkHash(ca) {
		t.Error("a target did not change the results framework")
	}
}

// TestFrameworkChangesSayWhatChanged: the changes from one version to the
// next name the programme's fields, each state (by code and name) and
// each indicator (by code), with old and new values as text: a date, a
// number, a list, a milestone "date: value", a table's row by its key.
func TestFrameworkChangesSayWhatChanged(t *testing.T) {
	src := string(ctbot.DefaultConfig)
	edit := strings.NewReplacer(
		"end = 2026-12-31", "end = 2027-06-30",
		"target = 40\nsource", "target = 50\ntargets = { KE = 60 }\nsource",
		"short_title_fr = \"Enquêteurs formés\"", "short_title_fr = \"Enquêtrices et enquêteurs formés\"",
		"[[country]]\ncode = \"MY\"\nname = \"Malaysia\"\naliases = []\nfocal_points = []\ntimezone = \"Asia/Kuala_Lumpur\"\n", "",
		"scope = \"each\"\ntarget = 2\n", "scope = \"each\"\ntarget = 2\n\n[[indicator.milestone]]\ndate = 2026-06-30\nvalue = 1.5\n",
		"stages = [\"designed\", \"agreed\", \"operational\"]\nstages_fr = [\"conçu\", \"convenu\", \"opérationnel\"]\n"+
			"stages_ru = [\"разработан\", \"согласован\", \"действует\"]\nstages_ar = [\"مُصمَّم\", \"مُتفَق عليه\", \"قيد التشغيل\"]",
		"stages = [\"designed\", \"operational\"]",
		"[[country]]\ncode = \"KE\"\nname = \"Kenya\"\n", "[[country]]\ncode = \"KE\"\nname = \"Kenya\"\nname_fr = \"le Kenya\"\n",
	).Replace(src)
	if edit == src {
		t.Fatal("the configuration was not edited")
	}
	before, err := config.Parse("before.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	after, err := config.Parse("after.toml", []byte(edit+"\n[[country]]\ncode = \"SN\"\nname = \"Senegal\"\ntimezone = \"Africa/Dakar\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ctbot.FrameworkChanges(canonical(t, before.Framework), canonical(t, after.Framework))
	if err != nil {
		t.Fatal(err)
	}
	want := []ctbot.FrameworkChange{
		{Field: "end", Old: "2026-12-31", New: "2027-06-30"},
		{Country: "KE", Name: "Kenya", Field: "names", Key: "fr", Old: "Kenya", New: "le Kenya"},
		{Country: "SN", Name: "Senegal", New: "SN"},
		{Country: "MY", Name: "Malaysia", Old: "MY"},
		{Indicator: "unsr-recs", Field: "milestones", New: "2026-06-30: 1.5"},
		{Indicator: "investigators-trained", Field: "short_titles", Key: "fr", Old: "Enquêteurs formés", New: "Enquêtrices et enquêteurs formés"},
		{Indicator: "investigators-trained", Field: "target", Old: "40", New: "50"},
		{Indicator: "investigators-trained", Field: "targets", Key: "KE", New: "60"},
		{Indicator: "ppp-mechanisms", Field: "stages", Old: "designed, agreed, operational", New: "designed, operational"},
		{Indicator: "ppp-mechanisms", Field: "stages_in", Key: "ar", Old: "مُصمَّم, مُتفَق عليه, قيد التشغيل"},
		{Indicator: "ppp-mechanisms", Field: "stages_in", Key: "fr", Old: "conçu, convenu, opérationnel"},
		{Indicator: "ppp-mechanisms", Field: "stages_in", Key: "ru", Old: "разработан, согласован, действует"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes\n%+v\nwant\n%+v", got, want)
	}
	if !want[2].Added() || want[2].Removed() || !want[3].Removed() || want[0].Added() {
		t.Error("added and removed are told wrong")
	}
	if none, err := ctbot.FrameworkChanges(canonical(t, before.Framework), canonical(t, before.Framework)); err != nil || len(none) != 0 {
		t.Errorf("the same framework: %+v, %v", none, err)
	}
}

// phaseTwo is a second phase of the built-in programme carrying on
// investigators-trained, with target.
func phaseTwo(target string) string {
	return "\n[[phase]]\nname = \"CT TECH+ phase 2\"\nstart = 2027-01-01\nend = 2027-12-31\n\n[[phase.indicator]]\ncode = \"investigators-trained\"\nfrom_previous = true\ntarget = " + target + "\n"
}

// TestAPhaseKeepsItsDeployment: a phase's canonical framework reads back
// as that phase of the same deployment (what it counts and from when
// included), with the same bytes; a single programme's has no phases; the
// changes name the phase they are in, and a phase added.
func TestAPhaseKeepsItsDeployment(t *testing.T) {
	single := config.Default().Framework
	if b := canonical(t, single); bytes.Contains(b, []byte(`"Phases"`)) || !bytes.Contains(b, []byte(`"Planned":""`)) {
		t.Errorf("a single programme without extension keeps phases or a planned end: %s", b)
	}
	cfg, err := config.Parse("phased.toml", append(append([]byte{}, ctbot.DefaultConfig...), phaseTwo("80")...))
	if err != nil {
		t.Fatal(err)
	}
	second := cfg.Framework.PhaseList()[1]
	b := canonical(t, second)
	back, err := ctbot.ParseFramework(b)
	if err != nil {
		t.Fatal(err)
	}
	trained, recs := back.Indicator("investigators-trained"), back.Indicator("unsr-recs")
	switch {
	case !bytes.Equal(canonical(t, back), b):
		t.Errorf("read back gives other bytes:\n%s\n%s", canonical(t, back), b)
	case back.Number() != 2 || len(back.PhaseList()) != 2 || back.Previous().Name != "CT TECH+":
		t.Errorf("read back as phase %d of %d", back.Number(), len(back.PhaseList()))
	case trained == nil || !back.Counts(trained, day("2026-05-10")) || recs != nil && back.Counts(recs, day("2026-05-10")):
		t.Error("read back, the phase counts other entries")
	}
	if _, err := cfg.Framework.Canonical(); err != nil {
		t.Fatalf("the deployment's framework: %v", err)
	}
	edited, err := config.Parse("phased.toml", append(append([]byte{}, ctbot.DefaultConfig...),
		(phaseTwo("90")+"\n[[phase]]\nname = \"CT TECH+ phase 3\"\nstart = 2028-01-01\nend = 2028-12-31\n\n[[phase.indicator]]\ncode = \"investigators-trained\"\nfrom_previous = true\ntarget = 120\n")...))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ctbot.FrameworkChanges(canonical(t, cfg.Framework), canonical(t, edited.Framework))
	if err != nil {
		t.Fatal(err)
	}
	want := []ctbot.FrameworkChange{
		{Phase: "CT TECH+ phase 2", Indicator: "investigators-trained", Field: "target", Old: "80", New: "90"},
		{Phase: "CT TECH+ phase 3", New: "CT TECH+ phase 3"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes\n%+v\nwant\n%+v", got, want)
	}
	if got, err := ctbot.FrameworkChanges(canonical(t, single), canonical(t, cfg.Framework)); err != nil || len(got) != 1 || got[0] != (ctbot.FrameworkChange{Phase: "CT TECH+ phase 2", New: "CT TECH+ phase 2"}) {
		t.Errorf("a phase added to a single programme: %+v, %v", got, err)
	}
}
