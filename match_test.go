package ctbot_test

import (
	"slices"
	"testing"

	"github.com/cttechplus/ctbot"
)

func TestLookupCountry(t *testing.T) {
	fw := testFramework(t)
	tests := map[string]string{
		"kenya": "KE", "KE": "KE", "ke": "KE", " Kenya ": "KE",
		"Ivory Coast": "CI", "ivory   coast": "CI", "Côte d'Ivoire": "CI", "cote d'ivoire": "CI",
		"Côte d’Ivoire": "CI", "CI": "CI", "Ghana": "GH",
		"Kenyan": "", "": "", "Nigeria": "",
	}
	for in, want := range tests {
		got := ""
		if c := fw.LookupCountry(in); c != nil {
			got = c.Code
		}
		if got != want {
			t.Errorf("LookupCountry(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSuggestCountries(t *testing.T) {
	fw := testFramework(t)
	if got := fw.SuggestCountries("kenyaa"); !slices.Contains(got, "KE") {
		t.Errorf("SuggestCountries(kenyaa) = %v, want KE", got)
	}
	if got := fw.SuggestCountries("ivory"); !slices.Contains(got, "CI") {
		t.Errorf("SuggestCountries(ivory) = %v, want CI", got)
	}
	if got := fw.SuggestCountries("zzzzzzzzzz"); len(got) != 0 {
		t.Errorf("SuggestCountries(zzzzzzzzzz) = %v, want none", got)
	}
}

func TestLookupIndicator(t *testing.T) {
	fw := testFramework(t)
	for _, in := range []string{"strategies", "STRATEGIES", " strategies"} {
		if ind := fw.LookupIndicator(in); ind == nil || ind.Code != "strategies" {
			t.Errorf("LookupIndicator(%q) = %v", in, ind)
		}
	}
	if ind := fw.LookupIndicator("strategy"); ind != nil {
		t.Errorf("LookupIndicator(strategy) = %v, want nil", ind.Code)
	}
	if got := fw.SuggestIndicators("strategy"); !slices.Contains(got, "strategies") {
		t.Errorf("SuggestIndicators(strategy) = %v", got)
	}
}

func TestParseDate(t *testing.T) {
	for _, ok := range []string{"2026-02-28", "2024-02-29", "2026-12-31"} {
		if _, err := ctbot.ParseDate(ok); err != nil {
			t.Errorf("ParseDate(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"2026-02-30", "2025-02-29", "2026-13-01", "26-01-01", "2026/01/01", "tomorrow", ""} {
		if _, err := ctbot.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted an impossible date", bad)
		}
	}
	d := ctbot.MustParseDate("2026-03-28")
	if got := d.AddDays(2).String(); got != "2026-03-30" {
		t.Errorf("AddDays across the DST change = %s", got)
	}
	if n := ctbot.MustParseDate("2026-03-30").DaysSince(d); n != 2 {
		t.Errorf("DaysSince across DST = %d, want 2", n)
	}
}

func TestMentionedCountry(t *testing.T) {
	fw := testFramework(t)
	for text, want := range map[string]string{
		"Great session with the Kenyan police in Nairobi today; Kenya's unit asked for more": "KE",
		"Côte d’Ivoire's team confirmed the dates":                                           "CI",
		"cote d'ivoire and ghana both":                                                       "CI",
		"Workshop in IVORY COAST next week":                                                  "CI",
		"Ghanaian partners, then Ghana.":                                                     "GH",
		"The Kenyan police":                                                                  "",
		"Nothing about a partner state":                                                      "",
		"Iraqi":                                                                              "",
	} {
		got := ""
		if c := fw.MentionedCountry(text); c != nil {
			got = c.Code
		}
		if got != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}

func TestLookupInflectedReadsRussianEndings(t *testing.T) {
	fw := ctbot.NewFramework("p", ctbot.MustParseDate("2025-01-01"), ctbot.MustParseDate("2026-12-31"), nil, []*ctbot.Country{
		{Code: "IQ", Name: "Iraq", Names: map[string]string{"ru": "Ирак"}},
		{Code: "KE", Name: "Kenya", Names: map[string]string{"ru": "Кения"}},
		{Code: "TJ", Name: "Tajikistan", Names: map[string]string{"ru": "Таджикистан"}},
		{Code: "NG", Name: "Nigeria", Names: map[string]string{"ru": "Нигерия"}},
	}, nil)
	for word, want := range map[string]string{"Таджикистане": "TJ", "Кении": "KE", "Кению": "KE", "Ираке": "IQ", "Ирака": "IQ", "Нигерии": "NG"} {
		if c := fw.LookupInflected(word); c == nil || c.Code != want {
			t.Errorf("%s = %v, want %s", word, c, want)
		}
	}
	for _, word := range []string{"Иране", "Иран", "iran", "Kenyan", "Ираклий", "кенгуру"} {
		if c := fw.LookupInflected(word); c != nil {
			t.Errorf("%s taken for %s", word, c.Code)
		}
	}
}

// A long name is read with a case ending and one letter amiss when near;
// a short one never ("Иране" is not "Ирак").
func TestInflectsNearMiss(t *testing.T) {
	for _, tc := range []struct {
		word, name string
		near, want bool
	}{
		{"Филиппинами", "Филиппины", false, true},
		{"филипинами", "Филиппины", false, false},
		{"филипинами", "Филиппины", true, true},
		{"Таджикистаном", "Таджикистан", true, true},
		{"Таджикистанам", "Таджикистан", false, true},
		{"Иране", "Ирак", true, false},
		{"Кенией", "Кения", true, true},
		{"Кенией", "Кения", false, true},
		{"Канаде", "Кения", true, false},
		{"Ghana", "Гана", true, false},
	} {
		if got := ctbot.Inflects(tc.word, tc.name, tc.near); got != tc.want {
			t.Errorf("Inflects(%s, %s, %v) = %v, want %v", tc.word, tc.name, tc.near, got, tc.want)
		}
	}
}

// A message written in another language names its state so.
func TestMentionedCountryInOtherLanguages(t *testing.T) {
	fw := ctbot.NewFramework("p", ctbot.MustParseDate("2025-01-01"), ctbot.MustParseDate("2026-12-31"), nil, []*ctbot.Country{
		{Code: "TJ", Name: "Tajikistan", Names: map[string]string{"ru": "Таджикистан"}},
		{Code: "IQ", Name: "Iraq", Names: map[string]string{"ar": "العراق"}},
	}, nil)
	for text, want := range map[string]string{"Семинар в Таджикистан прошёл": "TJ", "اجتماع في العراق اليوم": "IQ"} {
		if c := fw.MentionedCountry(text); c == nil || c.Code != want {
			t.Errorf("%q names %v, want %s", text, c, want)
		}
	}
}
