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
		"stages = [\"designed\", \"agreed\", \"operational\"]", "stages = [\"designed\", \"operational\"]",
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
