package export

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// Activity is who publishes the programme as an IATI activity, how it is
// classified, and when its data last changed. The codes are those of the
// IATI codelists, checked by the config package.
type Activity struct {
	Identifier       string
	ReportingOrgRef  string
	ReportingOrgType string
	ReportingOrgName string
	// Description of the activity; empty: one made from the framework.
	Description    string
	FundingOrgRef  string
	FundingOrgName string
	FundingOrgType string
	// Default classifications (empty: left out).
	DefaultCurrency   string
	CollaborationType string
	FlowType          string
	FinanceType       string
	AidType           string // OECD DAC vocabulary
	// BudgetNotProvided is why there is no budget; Budgets the budgets
	// (one or the other).
	BudgetNotProvided string
	Sectors           []Sector
	Budgets           []Budget
	Related           []Related
	// Updated is when the data the activity rests on last changed; zero
	// (or later than Generated) means Generated, when the file is made.
	Updated   time.Time
	Generated time.Time
}

// Sector is a DAC 5-digit sector and its share (nil: the only one).
type Sector struct {
	Code       string
	Percentage *float64
}

// Budget is the activity's budget for a period of at most a year.
type Budget struct {
	Type, Status string // BudgetType and BudgetStatus codes
	Start, End   ctbot.Date
	Value        float64
	ValueDate    ctbot.Date
}

// Related is another IATI activity and how it relates to this one
// (RelatedActivityType code).
type Related struct {
	Ref, Type string
}

// RelatedSibling is the RelatedActivityType of another phase of the same
// programme: a sibling, neither parent nor child of this one.
const RelatedSibling = "3"

// IATI codes ctbot writes.
const (
	// activity-status: before the start, during, after the end (pending
	// its final sign-off, which ctbot does not know of).
	statusPipeline       = "1"
	statusImplementation = "2"
	statusFinalisation   = "3"
	// activity-date types.
	datePlannedStart = "1"
	dateActualStart  = "2"
	datePlannedEnd   = "3"
	dateActualEnd    = "4"
	// participating-org roles.
	roleFunding        = "1"
	roleImplementing   = "4"
	descriptionGeneral = "1"
	// A state as a location: where the activity is carried out
	// (GeographicLocationReach 1), identified by its ISO code
	// (GeographicVocabulary A4), an administrative region
	// (GeographicLocationClass 1) the activity covers approximately
	// (GeographicExactness 2), not a point.
	reachActivity     = "1"
	vocabularyISO     = "A4"
	exactnessApprox   = "2"
	classAdministered = "1"
	sectorDAC5        = "1"
)

// WriteIATI writes the programme (one phase of it) as one IATI 2.03
// activity, valid against the schema, the codelists and the Standard's
// rulesets (export tests): its dates, status, organisations, recipient
// countries and a location per state (not those withdrawn by the day it is
// generated), sectors and default classifications, budgets or why there
// are none, related activities, and a result per indicator with its
// baseline and a period per logframe (the agreed target and the
// cumulative actual, by state and, where women are recorded, by sex),
// with a document link for evidence that has one.
func WriteIATI(w io.Writer, fw *ctbot.Framework, a Activity, lfs []*ctbot.Logframe) error {
	updated := a.Updated
	if updated.IsZero() || updated.After(a.Generated) {
		updated = a.Generated
	}
	act := iatiActivity{
		Updated: updated.UTC().Format(time.RFC3339), Lang: "en", Identifier: a.Identifier,
		Currency: a.DefaultCurrency, BudgetNotProvided: a.BudgetNotProvided,
		Reporting: iatiOrg{Ref: a.ReportingOrgRef, Type: a.ReportingOrgType, Narrative: narrative(a.ReportingOrgName).Narrative},
		Title:     narrative(fw.Name),
		Orgs: []iatiOrg{{Ref: a.ReportingOrgRef, Type: a.ReportingOrgType, Role: roleImplementing,
			Narrative: narrative(a.ReportingOrgName).Narrative}},
		Collaboration: optionalCode(a.CollaborationType, ""), FlowType: optionalCode(a.FlowType, ""),
		FinanceType: optionalCode(a.FinanceType, ""), AidType: optionalCode(a.AidType, "1"),
	}
	act.Description = narrative(cmp.Or(strings.TrimSpace(a.Description), describe(fw)))
	act.Description.Type = descriptionGeneral
	if a.FundingOrgName != "" || a.FundingOrgRef != "" {
		act.Orgs = append([]iatiOrg{{Ref: a.FundingOrgRef, Type: a.FundingOrgType, Role: roleFunding,
			Narrative: narrative(cmp.Or(a.FundingOrgName, a.FundingOrgRef)).Narrative}}, act.Orgs...)
	}
	today := ctbot.DateOf(a.Generated.In(fw.Location))
	act.Status, act.Dates = lifecycle(fw, today)
	recipients := fw.ActiveOn(today) // not the states withdrawn by then
	for i, share := range percentages(len(recipients)) {
		c := recipients[i]
		act.Countries = append(act.Countries, iatiCountry{Code: c.Code, Percentage: share})
		act.Locations = append(act.Locations, iatiLocation{Ref: c.Code, Reach: iatiCode{Code: reachActivity},
			ID: iatiCode{Code: c.Code, Vocabulary: vocabularyISO}, Name: narrative(c.Name),
			Exactness: iatiCode{Code: exactnessApprox}, Class: iatiCode{Code: classAdministered}})
	}
	for _, s := range a.Sectors {
		sec := iatiSector{Vocabulary: sectorDAC5, Code: s.Code}
		if s.Percentage != nil {
			sec.Percentage = decimalText(*s.Percentage)
		}
		act.Sectors = append(act.Sectors, sec)
	}
	for _, b := range a.Budgets {
		act.Budgets = append(act.Budgets, iatiBudget{Type: b.Type, Status: b.Status, Start: iatiISODate{b.Start.String()},
			End: iatiISODate{b.End.String()}, Value: iatiCurrency{Date: b.ValueDate.String(), Value: decimalText(b.Value)}})
	}
	for _, r := range a.Related {
		act.Related = append(act.Related, iatiRelated(r))
	}
	act.Results = results(fw, lfs)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(iatiActivities{Version: "2.03", Generated: a.Generated.UTC().Format(time.RFC3339), Activity: act}); err != nil {
		return fmt.Errorf("export: IATI: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// lifecycle is the activity's status and dates on day today: planned
// start and end, the actual start once reached and the actual end once
// past.
func lifecycle(fw *ctbot.Framework, today ctbot.Date) (iatiCode, []iatiDate) {
	start, end := fw.Start.String(), fw.End.String()
	switch {
	case today.Before(fw.Start):
		return iatiCode{Code: statusPipeline}, []iatiDate{{datePlannedStart, start}, {datePlannedEnd, end}}
	case today.After(fw.End): // ended: an actual end date, being finalised
		return iatiCode{Code: statusFinalisation}, []iatiDate{{datePlannedStart, start}, {dateActualStart, start}, {datePlannedEnd, end}, {dateActualEnd, end}}
	}
	return iatiCode{Code: statusImplementation}, []iatiDate{{datePlannedStart, start}, {dateActualStart, start}, {datePlannedEnd, end}}
}

// describe is the activity's description when none is configured: what
// the programme tracks, where and when (never the title alone).
func describe(fw *ctbot.Framework) string {
	names := make([]string, len(fw.Countries))
	for i, c := range fw.Countries {
		names[i] = c.Name
	}
	titles := make([]string, len(fw.Indicators))
	for i, ind := range fw.Indicators {
		titles[i] = ind.Title
	}
	return fmt.Sprintf("%s, %s to %s, with %d partner states (%s): results reported against %d indicators: %s.",
		fw.Name, fw.Start, fw.End, len(names), strings.Join(names, ", "), len(titles), strings.Join(titles, "; "))
}

func optionalCode(code, vocabulary string) *iatiCode {
	if code == "" {
		return nil
	}
	return &iatiCode{Code: code, Vocabulary: vocabulary}
}

// decimalText writes v with at most two decimals.
func decimalText(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// percentages splits 100 among n countries, to two decimals, summing to 100.
func percentages(n int) []string {
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	each := math.Floor(10000/float64(n)) / 100
	for i := range out {
		out[i] = strconv.FormatFloat(each, 'f', 2, 64)
	}
	out[n-1] = strconv.FormatFloat(math.Round((100-each*float64(n-1))*100)/100, 'f', 2, 64)
	return out
}
