package export

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/cttechplus/ctbot/internal/iati"
)

// codedAttrs maps each coded attribute ctbot writes (by the end of its
// path) to its IATI codelist, following IATI's codelist mapping; when
// given, vocabulary names the attribute whose value must be the list's
// vocabulary (absent meaning the default).
var codedAttrs = []struct {
	path, list, vocabulary, vocabularyValue string
}{
	{path: "iati-activities/@version", list: "Version"},
	{path: "iati-activity/@xml:lang", list: "Language"},
	{path: "narrative/@xml:lang", list: "Language"},
	{path: "iati-activity/@default-currency", list: iati.Currency},
	{path: "value/@currency", list: iati.Currency},
	{path: "iati-activity/@budget-not-provided", list: iati.BudgetNotProvided},
	{path: "reporting-org/@type", list: iati.OrganisationType},
	{path: "participating-org/@type", list: iati.OrganisationType},
	{path: "participating-org/@role", list: "OrganisationRole"},
	{path: "iati-activity/description/@type", list: "DescriptionType"},
	{path: "activity-status/@code", list: "ActivityStatus"},
	{path: "activity-date/@type", list: "ActivityDateType"},
	{path: "recipient-country/@code", list: iati.Country},
	{path: "location/location-reach/@code", list: "GeographicLocationReach"},
	{path: "location/location-id/@vocabulary", list: "GeographicVocabulary"},
	{path: "location/location-id/@code", list: iati.Country, vocabulary: "vocabulary", vocabularyValue: "A4"},
	{path: "location/exactness/@code", list: "GeographicExactness"},
	{path: "location/location-class/@code", list: "GeographicLocationClass"},
	{path: "sector/@vocabulary", list: "SectorVocabulary"},
	{path: "sector/@code", list: iati.Sector, vocabulary: "vocabulary", vocabularyValue: "1"},
	{path: "collaboration-type/@code", list: iati.CollaborationType},
	{path: "default-flow-type/@code", list: iati.FlowType},
	{path: "default-finance-type/@code", list: iati.FinanceType},
	{path: "default-aid-type/@vocabulary", list: "AidTypeVocabulary"},
	{path: "default-aid-type/@code", list: iati.AidType, vocabulary: "vocabulary", vocabularyValue: "1"},
	{path: "budget/@type", list: iati.BudgetType},
	{path: "budget/@status", list: iati.BudgetStatus},
	{path: "related-activity/@type", list: iati.RelatedActivityType},
	{path: "result/@type", list: "ResultType"},
	{path: "indicator/@measure", list: "IndicatorMeasure"},
	{path: "document-link/@format", list: "FileFormat"},
	{path: "document-link/category/@code", list: "DocumentCategory"},
}

// freeAttrs are the attributes ctbot writes that no codelist governs.
var freeAttrs = []string{"@generated-datetime", "@last-updated-datetime", "@iso-date", "@ref", "@percentage", "@value", "@year",
	"@url", "dimension/@name", "@ascending", "@aggregation-status", "@value-date"}

var (
	codelistsMu sync.Mutex
	codelists   = map[string]*iati.List{}
)

// codelist is an IATI codelist: ctbot's embedded one, or one vendored
// for the tests in testdata/iati-2.03/codelists.
func codelist(t *testing.T, name string) *iati.List {
	t.Helper()
	codelistsMu.Lock()
	defer codelistsMu.Unlock()
	if l, ok := codelists[name]; ok {
		return l
	}
	l, err := iati.Get(name)
	if err != nil {
		f, err := os.Open("testdata/iati-2.03/codelists/" + name + ".xml")
		if err != nil {
			t.Fatalf("codelist %s is neither embedded nor in testdata: %v", name, err)
		}
		defer f.Close()
		if l, err = iati.Parse(f); err != nil {
			t.Fatal(err)
		}
	}
	codelists[name] = l
	return l
}

// checkCodes returns every coded attribute of doc whose code is not in its
// codelist or withdrawn, and every attribute the tables above do not know
// (a new coded attribute must be mapped before it is written).
func checkCodes(t *testing.T, doc []byte) []string {
	t.Helper()
	var problems []string
	var path []string
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			path = append(path, el.Name.Local)
			attrs := map[string]string{}
			for _, a := range el.Attr {
				attrs[a.Name.Local] = a.Value
			}
			for _, a := range el.Attr {
				name := a.Name.Local
				if a.Name.Space == "http://www.w3.org/XML/1998/namespace" {
					name = "xml:" + name
				}
				if p := checkAttr(t, "/"+strings.Join(path, "/")+"/@"+name, a.Value, attrs); p != "" {
					problems = append(problems, p)
				}
			}
		case xml.EndElement:
			path = path[:len(path)-1]
		}
	}
	return problems
}

// checkAttr checks one attribute at its path against the tables.
func checkAttr(t *testing.T, at, value string, attrs map[string]string) string {
	for _, m := range codedAttrs {
		if !strings.HasSuffix(at, "/"+m.path) {
			continue
		}
		if m.vocabulary != "" && attrs[m.vocabulary] != m.vocabularyValue && !(m.vocabularyValue == "1" && attrs[m.vocabulary] == "") {
			return fmt.Sprintf("%s=%q: no codelist for vocabulary %q in the test", at, value, attrs[m.vocabulary])
		}
		switch c, ok := codelist(t, m.list).Lookup(value); {
		case !ok:
			return fmt.Sprintf("codelist %s: %s=%q is not a code", m.list, at, value)
		case c.Withdrawn:
			return fmt.Sprintf("codelist %s: %s=%q is withdrawn", m.list, at, value)
		}
		return ""
	}
	if slices.ContainsFunc(freeAttrs, func(f string) bool { return strings.HasSuffix(at, "/"+f) }) {
		return ""
	}
	return fmt.Sprintf("%s: an attribute the test maps to no codelist (add it to codedAttrs or freeAttrs)", at)
}

// checkCtbot checks what ctbot promises of its activity beyond the
// Standard's rules: result periods inside the activity's planned dates,
// result locations that are activity locations, a unit indicator's
// programme target and actual (and women) the sums of its states', an
// actual end date exactly when the activity is finalised, a description
// that is not the title, and a last update no later than the file.
func checkCtbot(t *testing.T, doc []byte) []string {
	t.Helper()
	var d iatiActivities
	if err := xml.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	a := d.Activity
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	dates := map[string]string{}
	for _, dt := range a.Dates {
		dates[dt.Type] = dt.Date
	}
	if _, ended := dates[dateActualEnd]; ended != (a.Status.Code == statusFinalisation) {
		bad("activity status %s with actual end date %q", a.Status.Code, dates[dateActualEnd])
	}
	if a.Description.Narrative[0].Text == a.Title.Narrative[0].Text {
		bad("the description is the title")
	}
	if a.Updated > d.Generated {
		bad("last updated %s after the file was made %s", a.Updated, d.Generated)
	}
	locations := map[string]bool{}
	for _, l := range a.Locations {
		locations[l.Ref] = true
	}
	for _, r := range a.Results {
		for _, ind := range r.Indicator {
			for _, p := range ind.Period {
				where := fmt.Sprintf("indicator %q period %s", ind.Title.Narrative[0].Text, p.Start.Date)
				if p.Start.Date < dates[datePlannedStart] || p.End.Date > dates[datePlannedEnd] {
					bad("%s: %s to %s is outside the activity (%s to %s)", where, p.Start.Date, p.End.Date, dates[datePlannedStart], dates[datePlannedEnd])
				}
				for _, v := range slices.Concat(p.Target, p.Actual) {
					for _, l := range v.Location {
						if !locations[l.Ref] {
							bad("%s: location %q is no activity location", where, l.Ref)
						}
					}
				}
				if ind.Measure == "1" {
					problems = append(problems, sums(where+" target", p.Target)...)
					problems = append(problems, sums(where+" actual", p.Actual)...)
				}
			}
		}
	}
	return problems
}

// sums: the programme's value (no location) of each dimension is the sum
// of the states' values, when there are states.
func sums(where string, vs []iatiValue) []string {
	total, states := map[string]float64{}, map[string]float64{}
	located := map[string]bool{}
	for _, v := range vs {
		key := ""
		for _, d := range v.Dimension {
			key += d.Name + "=" + d.Value
		}
		f, err := strconv.ParseFloat(v.Value, 64)
		if err != nil {
			return []string{fmt.Sprintf("%s: value %q", where, v.Value)}
		}
		if len(v.Location) == 0 {
			total[key] += f
		} else {
			states[key] += f
			located[key] = true
		}
	}
	var out []string
	for key := range located {
		if tot, ok := total[key]; ok && math.Abs(tot-states[key]) > 0.005 {
			out = append(out, fmt.Sprintf("%s %s: the programme's %v is not the sum of the states' %v", where, key, tot, states[key]))
		}
	}
	if _, ok := total[""]; ok && len(located) > 0 && !located[""] {
		out = append(out, where+": a programme value without the states'")
	}
	return out
}
