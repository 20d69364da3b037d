package iati

import (
	"strings"
	"testing"
)

// TestEmbeddedCodelists: every list ctbot names is embedded and read,
// with the codes the configuration relies on.
func TestEmbeddedCodelists(t *testing.T) {
	for _, tt := range []struct{ list, valid, invalid string }{
		{Country, "KE", "XX"},
		{Country, "CI", "AN"}, // AN (Netherlands Antilles) is withdrawn
		{OrganisationType, "40", "99"},
		{OrganisationRegistrationAgency, "XM-DAC", "XM"},
		{Sector, "15210", "152"},
		{Sector, "15130", "15120"}, // 15120 is withdrawn
		{FlowType, "10", "20"},     // 20 (OOF) is withdrawn
		{FinanceType, "110", "111"},
		{AidType, "C01", "C1"},
		{CollaborationType, "1", "5"},
		{Currency, "EUR", "eur"},
		{BudgetNotProvided, "1", "4"},
		{BudgetType, "1", "3"},
		{BudgetStatus, "2", "3"},
		{RelatedActivityType, "3", "6"},
	} {
		l, err := Get(tt.list)
		if err != nil {
			t.Fatal(err)
		}
		if l.Name != tt.list {
			t.Errorf("%s: read as %q", tt.list, l.Name)
		}
		// valid: listed and not withdrawn, what the IATI Validator accepts.
		valid := func(code string) bool { c, ok := l.Lookup(code); return ok && !c.Withdrawn }
		if !valid(tt.valid) || valid(tt.invalid) {
			t.Errorf("%s: valid(%q) = %v, valid(%q) = %v", tt.list, tt.valid, valid(tt.valid), tt.invalid, valid(tt.invalid))
		}
	}
	if c, _ := mustGet(t, Sector).Lookup("15210"); c.Name != "Security system management and reform" {
		t.Errorf("15210 is named %q", c.Name)
	}
	if c, ok := mustGet(t, Country).Lookup("AN"); !ok || !c.Withdrawn {
		t.Errorf("AN: %+v %v, want listed and withdrawn", c, ok)
	}
	if _, err := Get("NoSuchList"); err == nil {
		t.Error("a list that is not embedded was read")
	}
	if _, err := Parse(strings.NewReader(`<codelist name="X"><codelist-items/></codelist>`)); err == nil {
		t.Error("an empty codelist was accepted")
	}
}

func mustGet(t *testing.T, name string) *List {
	t.Helper()
	l, err := Get(name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestAgency: an organisation identifier starts with a registered agency,
// a hyphen and the organisation's number in it.
func TestAgency(t *testing.T) {
	for ref, want := range map[string]string{
		"XM-DAC-41114":      "XM-DAC",
		"XI-IATI-EC_FPI":    "XI-IATI",
		"GB-COH-06368740":   "GB-COH",
		"CA_AB-ABT-1234":    "CA_AB-ABT", // an agency code with a hyphen of its own
		"XM-DAC-":           "",
		"XM-DAC":            "",
		"41114":             "",
		"ZZ-NOPE-1":         "",
		"-XM-DAC-41114":     "",
		"XM-DAC-41114-CTTP": "XM-DAC",
	} {
		c, ok := Agency(ref)
		if got := c.Code; got != want || ok != (want != "") {
			t.Errorf("Agency(%q) = %q, %v; want %q", ref, got, ok, want)
		}
	}
	if c, ok := Agency("XI-BRIDGE-1"); !ok || !c.Withdrawn {
		t.Errorf("XI-BRIDGE: %+v %v, want a withdrawn agency", c, ok)
	}
}

func BenchmarkReadCodelists(b *testing.B) {
	for range b.N {
		mu.Lock()
		clear(loaded)
		mu.Unlock()
		for _, name := range []string{Country, OrganisationType, OrganisationRegistrationAgency, Sector, Currency} {
			if _, err := Get(name); err != nil {
				b.Fatal(err)
			}
		}
	}
}
