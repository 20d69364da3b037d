package config

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/iati"
)

// IATI is the [iati] table: who publishes the programme as an IATI 2.03
// activity, and how the activity is classified. Codes are checked against
// the IATI codelists embedded in ctbot (internal/iati).
type IATI struct {
	// Identifier is the activity's IATI identifier; it starts with the
	// reporting organisation's reference and a hyphen.
	Identifier       string `toml:"identifier"`
	ReportingOrgRef  string `toml:"reporting_org_ref"`
	ReportingOrgType string `toml:"reporting_org_type"`
	ReportingOrgName string `toml:"reporting_org_name"`
	// Description of the activity; the programme's name is its title.
	// Empty: one is made from the framework.
	Description string `toml:"description"`
	// The donor (participating organisation, role funding); optional.
	FundingOrgRef  string `toml:"funding_org_ref"`
	FundingOrgName string `toml:"funding_org_name"`
	FundingOrgType string `toml:"funding_org_type"`
	// Default classifications of the activity (codes of the IATI
	// codelists Currency, CollaborationType, FlowType, FinanceType and
	// AidType, vocabulary 1).
	DefaultCurrency   string `toml:"default_currency"`
	CollaborationType string `toml:"collaboration_type"`
	FlowType          string `toml:"flow_type"`
	FinanceType       string `toml:"finance_type"`
	AidType           string `toml:"aid_type"`
	// BudgetNotProvided is the BudgetNotProvided code saying why the
	// activity has no budget; it is one or Budgets, never both.
	BudgetNotProvided string        `toml:"budget_not_provided"`
	Sectors           []IATISector  `toml:"sector"`
	Budgets           []IATIBudget  `toml:"budget"`
	Related           []IATIRelated `toml:"related_activity"`
}

// IATISector is one [[iati.sector]] table: a DAC 5-digit purpose code and
// its share of the activity (required when there are several).
type IATISector struct {
	Code       string   `toml:"code"`
	Percentage *float64 `toml:"percentage"`
}

// IATIBudget is one [[iati.budget]] table: the activity's budget for a
// period of at most a year, in the default currency.
type IATIBudget struct {
	Type        string     `toml:"type"`   // BudgetType: 1 original (default), 2 revised
	Status      string     `toml:"status"` // BudgetStatus: 1 indicative (default), 2 committed
	PeriodStart ctbot.Date `toml:"period_start"`
	PeriodEnd   ctbot.Date `toml:"period_end"`
	Value       *float64   `toml:"value"`
	ValueDate   ctbot.Date `toml:"value_date"` // default period_start
}

// IATIRelated is one [[iati.related_activity]] table: another IATI
// activity and how it relates (RelatedActivityType: 1 parent, 2 child,
// 3 sibling, 4 co-funded, 5 third party), e.g. the programme's earlier
// phase.
type IATIRelated struct {
	Ref  string `toml:"ref"`
	Type string `toml:"type"`
}

// Publishing reports whether the programme is published to IATI: the
// [iati] table names an identifier or a reporting organisation.
func (i *IATI) Publishing() bool {
	return i.Identifier != "" || i.ReportingOrgRef != "" || i.ReportingOrgType != "" || i.ReportingOrgName != ""
}

// iati checks [iati]: every code given is in its IATI codelist and not
// withdrawn, and, once the programme is published, that the activity has
// all the IATI Validator requires (see README, "IATI").
func (v *validator) iati(cfg *Config) {
	i := &cfg.IATI
	codes := []struct{ key, list, noun, value, hint string }{
		{"reporting_org_type", iati.OrganisationType, "organisation type", i.ReportingOrgType, "e.g. 10 government, 15 other public sector, 21 international NGO, 40 multilateral"},
		{"funding_org_type", iati.OrganisationType, "organisation type", i.FundingOrgType, "e.g. 10 government, 15 other public sector, 40 multilateral"},
		{"default_currency", iati.Currency, "currency", i.DefaultCurrency, "ISO 4217, e.g. EUR"},
		{"collaboration_type", iati.CollaborationType, "collaboration type", i.CollaborationType, "e.g. 1 bilateral, 4 multilateral outflows"},
		{"flow_type", iati.FlowType, "flow type", i.FlowType, "e.g. 10 ODA, 50 other flows"},
		{"finance_type", iati.FinanceType, "finance type", i.FinanceType, "e.g. 110 standard grant"},
		{"aid_type", iati.AidType, "aid type", i.AidType, "OECD DAC, e.g. C01 project-type interventions, D02 other technical assistance"},
		{"budget_not_provided", iati.BudgetNotProvided, "budget-not-provided reason", i.BudgetNotProvided, "1 commercial restrictions, 2 legal restrictions, 3 rapid onset emergency"},
	}
	for _, c := range codes {
		if c.value != "" {
			v.iatiCode("iati", c.key, c.list, c.noun, c.value, c.hint)
		}
	}
	if i.FundingOrgRef != "" {
		v.orgRef("iati", "funding_org_ref", i.FundingOrgRef)
	}
	v.iatiSectors(i.Sectors)
	v.iatiBudgets(i)
	v.iatiRelated(i)
	if !i.Publishing() {
		return
	}
	ref := "" // the reporting organisation's reference, once valid
	if i.ReportingOrgRef == "" {
		v.add("iati", "reporting_org_ref", "is missing; give the reporting organisation's IATI identifier, e.g. XM-DAC-41114")
	} else if v.orgRef("iati", "reporting_org_ref", i.ReportingOrgRef) {
		ref = i.ReportingOrgRef
		if i.Identifier == "" {
			v.add("iati", "identifier", "is missing; give the activity's IATI identifier: %s- and the programme's own code, e.g. %s-CTTECHPLUS", ref, ref)
		}
	}
	// An identifier is not also refused for a reference refused above.
	v.activityIdentifier("iati", "identifier", i.Identifier, ref)
	if i.ReportingOrgType == "" {
		v.add("iati", "reporting_org_type", "is missing; give an IATI organisation type (e.g. 10 government, 15 other public sector, 21 international NGO, 40 multilateral)")
	}
	if strings.TrimSpace(i.ReportingOrgName) == "" {
		v.add("iati", "reporting_org_name", "is missing")
	}
	if (i.FundingOrgRef != "" || i.FundingOrgName != "") && i.FundingOrgType == "" {
		v.add("iati", "funding_org_type", "is missing; give the funding organisation's IATI organisation type (e.g. 15 other public sector, as the European Commission reports itself)")
	}
	if d := strings.TrimSpace(i.Description); d != "" && strings.EqualFold(d, strings.TrimSpace(cfg.Programme.Name)) {
		v.add("iati", "description", "is the programme's name, which is already the activity's title; describe the activity, or leave it empty for a description made from the framework")
	}
	if len(i.Sectors) == 0 {
		v.add("iati", "sector", "is missing; IATI requires the activity's sector: add a [[iati.sector]] table with a DAC 5-digit code, e.g. code = \"15210\"")
	}
	if i.BudgetNotProvided == "" && len(i.Budgets) == 0 {
		v.add("iati", "budget_not_provided", "is missing; give [[iati.budget]] tables or the code of why no budget is given (1 commercial restrictions, 2 legal restrictions, 3 rapid onset emergency)")
	}
}

// activityIdentifier checks an IATI activity identifier id (of [iati] or
// a [[phase]]), when given: the reporting organisation's reference ref (when
// given) and a hyphen before the activity's own code, and none of the
// characters the IATI Validator refuses.
func (v *validator) activityIdentifier(table, key, id, ref string) {
	if id == "" {
		return
	}
	if ref != "" && (!strings.HasPrefix(id, ref+"-") || len(id) <= len(ref)+1) {
		v.add(table, key, "%q does not start with the reporting organisation's reference %q and a hyphen", id, ref)
	}
	if id != strings.TrimSpace(id) || strings.ContainsAny(id, " /?#&|") {
		v.add(table, key, "%q holds a character an IATI identifier may not (space / ? # & |)", id)
	}
}

// iatiCode checks that code is a valid code of an IATI codelist.
func (v *validator) iatiCode(table, key, list, noun, code, hint string) {
	l, err := iati.Get(list)
	if err != nil {
		v.add(table, key, "cannot be checked: %v", err)
		return
	}
	switch c, ok := l.Lookup(code); {
	case !ok:
		v.add(table, key, "%q is not an IATI %s (codelist %s; %s)", code, noun, list, hint)
	case c.Withdrawn:
		v.add(table, key, "%q (%s) is withdrawn from the IATI %s codelist; use a current code (%s)", code, c.Name, list, hint)
	}
}

// orgRef checks an IATI organisation identifier: a registered agency's
// prefix, a hyphen and the organisation's number, without the characters
// the IATI Validator refuses. It reports whether the identifier is good.
func (v *validator) orgRef(table, key, ref string) bool {
	agency, ok := iati.Agency(ref)
	switch {
	case ref != strings.TrimSpace(ref):
		v.add(table, key, "%q has spaces at its start or end", ref)
	case strings.ContainsAny(ref, "/&|? "):
		v.add(table, key, "%q holds a character an IATI organisation identifier may not (space / & | ?)", ref)
	case !ok:
		v.add(table, key, "%q does not start with the prefix of a registration agency (IATI codelist OrganisationRegistrationAgency) and a hyphen; e.g. XM-DAC-41114 (XM-DAC: an OECD DAC code) or XI-IATI-EC_FPI", ref)
	case agency.Withdrawn:
		v.add(table, key, "%q starts with %s (%s), an agency withdrawn from the IATI OrganisationRegistrationAgency codelist", ref, agency.Code, agency.Name)
	default:
		return true
	}
	return false
}

// iatiSectors checks the [[iati.sector]] tables: DAC 5-digit codes, each
// once, their percentages between 0 and 100 and summing to 100 when
// there are several (IATI rules 2.1.1, 2.1.2, 2.1.4, 12.3.1).
func (v *validator) iatiSectors(ss []IATISector) {
	sum := 0.0
	for j, s := range ss {
		t := fmt.Sprintf("iati.sector[%d]", j)
		if s.Code == "" {
			v.add(t, "code", "is missing; give a DAC 5-digit sector code, e.g. 15210")
		} else {
			v.iatiCode(t, "code", iati.Sector, "DAC 5-digit sector", s.Code, "e.g. 15210 security system management and reform")
		}
		if slices.ContainsFunc(ss[:j], func(o IATISector) bool { return o.Code == s.Code }) {
			v.add(t, "code", "%q is listed twice", s.Code)
		}
		switch p := s.Percentage; {
		case p == nil && len(ss) > 1:
			v.add(t, "percentage", "is missing; with several sectors each needs its percentage, summing to 100")
		case p == nil:
		case *p < 0 || *p > 100:
			v.add(t, "percentage", "%v is not between 0 and 100", *p)
		case len(ss) == 1 && *p != 100:
			v.add(t, "percentage", "%v: a single sector has 100 percent (or leave it out)", *p)
		default:
			sum += *p
		}
	}
	if len(ss) > 1 && math.Abs(sum-100) > 1e-6 && !slices.ContainsFunc(ss, func(s IATISector) bool { return s.Percentage == nil }) {
		v.add("iati.sector[0]", "percentage", "the sectors' percentages sum to %v, not 100", math.Round(sum*100)/100)
	}
}

// iatiBudgets checks the [[iati.budget]] tables: each a period of at
// most a year with a value (IATI rules 8.6.3, 7.5.3), in the default
// currency, and no budget_not_provided beside them.
func (v *validator) iatiBudgets(i *IATI) {
	if len(i.Budgets) > 0 && i.BudgetNotProvided != "" {
		v.add("iati", "budget_not_provided", "is given with [[iati.budget]] tables; IATI allows one or the other")
	}
	if len(i.Budgets) > 0 && i.DefaultCurrency == "" {
		v.add("iati", "default_currency", "is missing; the budgets' values need a currency, e.g. EUR")
	}
	for j := range i.Budgets {
		b := &i.Budgets[j]
		t := fmt.Sprintf("iati.budget[%d]", j)
		if b.Type == "" {
			b.Type = "1"
		}
		if b.Status == "" {
			b.Status = "1"
		}
		v.iatiCode(t, "type", iati.BudgetType, "budget type", b.Type, "1 original, 2 revised")
		v.iatiCode(t, "status", iati.BudgetStatus, "budget status", b.Status, "1 indicative, 2 committed")
		switch {
		case b.PeriodStart.IsZero():
			v.add(t, "period_start", "is missing; give the first day of the budget's period, e.g. 2025-01-01")
		case b.PeriodEnd.IsZero():
			v.add(t, "period_end", "is missing; give the last day of the budget's period, e.g. 2025-12-31")
		case b.PeriodEnd.Before(b.PeriodStart):
			v.add(t, "period_end", "%s is before period_start %s", b.PeriodEnd, b.PeriodStart)
		case b.PeriodEnd.Ordinal()-b.PeriodStart.Ordinal() > 10000:
			v.add(t, "period_end", "%s is more than a year after period_start %s; IATI budgets cover a year at most: split it", b.PeriodEnd, b.PeriodStart)
		}
		if b.ValueDate.IsZero() {
			b.ValueDate = b.PeriodStart
		}
		if b.Value == nil {
			v.add(t, "value", "is missing; give the budget's amount in the default currency")
		} else if *b.Value < 0 || math.IsNaN(*b.Value) || math.IsInf(*b.Value, 0) {
			v.add(t, "value", "%v is not an amount", *b.Value)
		}
	}
}

// iatiRelated checks the [[iati.related_activity]] tables.
func (v *validator) iatiRelated(i *IATI) {
	for j, r := range i.Related {
		t := fmt.Sprintf("iati.related_activity[%d]", j)
		switch {
		case strings.TrimSpace(r.Ref) == "":
			v.add(t, "ref", "is missing; give the related activity's IATI identifier")
		case r.Ref != strings.TrimSpace(r.Ref):
			v.add(t, "ref", "%q has spaces at its start or end", r.Ref)
		case r.Ref == i.Identifier:
			v.add(t, "ref", "%q is this activity's own identifier", r.Ref)
		}
		v.iatiCode(t, "type", iati.RelatedActivityType, "related activity type", r.Type, "1 parent, 2 child, 3 sibling, 4 co-funded, 5 third party")
	}
}

// iatiCountry checks a [[country]] code against the ISO 3166-1 codelist
// IATI uses.
func (v *validator) iatiCountry(table, code string) {
	v.iatiCode(table, "code", iati.Country, "country code", code, "ISO 3166-1 alpha-2, e.g. KE for Kenya")
}
