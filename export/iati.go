package export

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// Activity is who publishes the programme as an IATI activity, and when.
type Activity struct {
	Identifier       string
	ReportingOrgRef  string
	ReportingOrgType string
	ReportingOrgName string
	Description      string
	FundingOrgRef    string
	FundingOrgName   string
	Generated        time.Time
	// Related are the activities of the programme's other phases.
	Related []RelatedActivity
}

// RelatedActivity is another IATI activity this one is related to: Ref
// its identifier, Type a code of IATI's RelatedActivityType list.
type RelatedActivity struct {
	Ref, Type string
}

// RelatedSibling is the RelatedActivityType of another phase of the same
// programme: a sibling, neither parent nor child of this one.
const RelatedSibling = "3"

// IATI element types, in the order the 2.03 schema's sequences require.
type (
	iatiActivities struct {
		XMLName   xml.Name     `xml:"iati-activities"`
		Version   string       `xml:"version,attr"`
		Generated string       `xml:"generated-datetime,attr"`
		Activity  iatiActivity `xml:"iati-activity"`
	}
	iatiActivity struct {
		Updated     string         `xml:"last-updated-datetime,attr"`
		Lang        string         `xml:"xml:lang,attr"`
		Identifier  string         `xml:"iati-identifier"`
		Reporting   iatiOrg        `xml:"reporting-org"`
		Title       iatiText       `xml:"title"`
		Description iatiText       `xml:"description"`
		Orgs        []iatiOrg      `xml:"participating-org"`
		Status      iatiCode       `xml:"activity-status"`
		Dates       []iatiDate     `xml:"activity-date"`
		Countries   []iatiCountry  `xml:"recipient-country"`
		Locations   []iatiLocation `xml:"location"`
		Related     []iatiRelated  `xml:"related-activity"`
		Results     []iatiResult   `xml:"result"`
	}
	iatiRelated struct {
		Ref  string `xml:"ref,attr"`
		Type string `xml:"type,attr"`
	}
	iatiNarrative struct {
		Text string `xml:",chardata"`
	}
	iatiText struct {
		Narrative []iatiNarrative `xml:"narrative"`
	}
	iatiOrg struct {
		Ref       string          `xml:"ref,attr,omitempty"`
		Type      string          `xml:"type,attr,omitempty"`
		Role      string          `xml:"role,attr,omitempty"`
		Narrative []iatiNarrative `xml:"narrative"`
	}
	iatiCode struct {
		Code string `xml:"code,attr"`
	}
	iatiDate struct {
		Type string `xml:"type,attr"`
		Date string `xml:"iso-date,attr"`
	}
	iatiCountry struct {
		Code       string `xml:"code,attr"`
		Percentage string `xml:"percentage,attr"`
	}
	iatiLocation struct {
		Ref  string   `xml:"ref,attr"`
		Name iatiText `xml:"name"`
	}
	iatiResult struct {
		Type      string          `xml:"type,attr"`
		Title     iatiText        `xml:"title"`
		Indicator []iatiIndicator `xml:"indicator"`
	}
	iatiIndicator struct {
		Measure     string         `xml:"measure,attr"`
		Ascending   string         `xml:"ascending,attr"`
		Title       iatiText       `xml:"title"`
		Description *iatiText      `xml:"description"`
		Baseline    []iatiBaseline `xml:"baseline"`
		Period      []iatiPeriod   `xml:"period"`
	}
	iatiBaseline struct {
		Year  int    `xml:"year,attr"`
		Date  string `xml:"iso-date,attr"`
		Value string `xml:"value,attr,omitempty"`
	}
	iatiPeriod struct {
		Start  iatiISODate `xml:"period-start"`
		End    iatiISODate `xml:"period-end"`
		Target []iatiValue `xml:"target"`
		Actual []iatiValue `xml:"actual"`
	}
	iatiISODate struct {
		Date string `xml:"iso-date,attr"`
	}
	iatiValue struct {
		Value     string          `xml:"value,attr,omitempty"`
		Location  []iatiRef       `xml:"location"`
		Dimension []iatiDimension `xml:"dimension"`
		Comment   *iatiText       `xml:"comment"`
		Documents []iatiDocument  `xml:"document-link"`
	}
	iatiRef struct {
		Ref string `xml:"ref,attr"`
	}
	iatiDimension struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	iatiDocument struct {
		URL      string       `xml:"url,attr"`
		Format   string       `xml:"format,attr"`
		Title    iatiText     `xml:"title"`
		Category iatiCode     `xml:"category"`
		Date     *iatiISODate `xml:"document-date"`
	}
)

// Codes of IATI codelists.
var (
	resultTypes = map[ctbot.Level]string{ctbot.LevelOutput: "1", ctbot.LevelOutcome: "2", ctbot.LevelImpact: "3"}
	measures    = map[ctbot.Measure]string{ctbot.MeasureCount: "1", ctbot.MeasurePercent: "2", ctbot.MeasureMilestone: "5"}
)

// documentCategoryResults is IATI document category A08, "Results,
// outcomes and outputs".
const documentCategoryResults = "A08"

// WriteIATI writes the programme (one phase of it) as one IATI 2.03
// activity: its dates, status, recipient countries and locations (not the
// states withdrawn by the day it is generated), the activities of its
// other phases, and a result per indicator with its baseline and a period
// per logframe (target and actual, by state and, where known, by sex),
// with a document link for evidence that has one.
func WriteIATI(w io.Writer, fw *ctbot.Framework, a Activity, lfs []*ctbot.Logframe) error {
	n := func(s string) []iatiNarrative { return []iatiNarrative{{Text: s}} }
	generated := a.Generated.UTC().Format(time.RFC3339)
	act := iatiActivity{
		Updated: generated, Lang: "en", Identifier: a.Identifier,
		Reporting:   iatiOrg{Ref: a.ReportingOrgRef, Type: a.ReportingOrgType, Narrative: n(a.ReportingOrgName)},
		Title:       iatiText{n(fw.Name)},
		Description: iatiText{n(cmp.Or(a.Description, fw.Name))},
		Orgs:        []iatiOrg{{Ref: a.ReportingOrgRef, Type: a.ReportingOrgType, Role: "4", Narrative: n(a.ReportingOrgName)}},
		Status:      iatiCode{"2"},
		Dates:       []iatiDate{{"1", fw.Start.String()}, {"3", fw.End.String()}},
	}
	if a.FundingOrgName != "" || a.FundingOrgRef != "" {
		act.Orgs = append([]iatiOrg{{Ref: a.FundingOrgRef, Role: "1", Narrative: n(cmp.Or(a.FundingOrgName, a.FundingOrgRef))}}, act.Orgs...)
	}
	today := ctbot.DateOf(a.Generated.In(fw.Location))
	if !today.Before(fw.Start) {
		act.Dates = append(act.Dates, iatiDate{"2", fw.Start.String()})
	}
	if today.After(fw.End) {
		act.Status = iatiCode{"3"}
	}
	recipients := fw.ActiveOn(today)
	for i, share := range percentages(len(recipients)) {
		c := recipients[i]
		act.Countries = append(act.Countries, iatiCountry{Code: c.Code, Percentage: share})
		act.Locations = append(act.Locations, iatiLocation{Ref: c.Code, Name: iatiText{n(c.Name)}})
	}
	for _, r := range a.Related {
		act.Related = append(act.Related, iatiRelated(r))
	}
	for i, ind := range fw.Indicators {
		ii := iatiIndicator{Measure: measures[ind.Measure], Ascending: "1", Title: iatiText{n(ind.Code + " — " + ind.Title)},
			Baseline: []iatiBaseline{{Year: fw.Start.Year, Date: fw.Start.String()}}}
		if ind.Measure != ctbot.MeasureMilestone {
			ii.Baseline[0].Value = decimalText(ind.Baseline)
		}
		if ind.Verification != "" {
			ii.Description = &iatiText{n("Means of verification: " + ind.Verification)}
		}
		for _, lf := range lfs {
			ii.Period = append(ii.Period, iatiPeriodOf(lf.Rows[i], lf.Period))
		}
		act.Results = append(act.Results, iatiResult{Type: resultTypes[ind.Level], Title: iatiText{n(ind.Title)}, Indicator: []iatiIndicator{ii}})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(iatiActivities{Version: "2.03", Generated: generated, Activity: act}); err != nil {
		return fmt.Errorf("export: IATI: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// iatiPeriodOf is one indicator's period: the programme's target and
// actual, then each state's.
func iatiPeriodOf(r ctbot.LogframeRow, p ctbot.Period) iatiPeriod {
	ind, pr := r.Progress.Indicator, r.Progress
	out := iatiPeriod{Start: iatiISODate{p.Start.String()}, End: iatiISODate{p.End.String()}}
	target := iatiValue{Value: decimalText(pr.Expected)}
	actual := iatiValue{}
	if len(r.States) == 0 {
		actual.Documents = documents(r.Linked) // per-state ones go with each state
	}
	known := true
	switch {
	case ind.Measure == ctbot.MeasureMilestone:
		target = iatiValue{Comment: comment(fmt.Sprintf("%s states at %s", decimalText(pr.Expected), ind.FinalStage()))}
		actual.Comment = comment(fmt.Sprintf("%d of %s states at %s", pr.AtTarget, decimalText(pr.Target), ind.FinalStage()))
	case pr.Rating == ctbot.NoData, ind.Measure == ctbot.MeasurePercent && pr.Den < ctbot.MinShareBase:
		known = false // no actual: nothing to report, or too few people to show
	case ind.Measure == ctbot.MeasurePercent:
		actual.Value = decimalText(100 * float64(pr.Num) / float64(pr.Den))
	default:
		actual.Value = decimalText(pr.Actual)
	}
	out.Target = []iatiValue{target}
	if known {
		out.Actual = []iatiValue{actual}
	}
	for _, s := range r.States {
		loc := []iatiRef{{s.Country.Code}}
		t := iatiValue{Value: decimalText(s.Expected), Location: loc}
		a := iatiValue{Location: loc, Documents: documents(s.Linked)}
		if ind.Measure == ctbot.MeasureMilestone {
			t = iatiValue{Location: loc, Comment: comment(ind.FinalStage())}
			a.Comment = comment(s.Stage)
		} else {
			a.Value = decimalText(s.Actual)
		}
		out.Target = append(out.Target, t)
		if !s.HasData || s.Small {
			continue // nothing to report, or too few people to show
		}
		out.Actual = append(out.Actual, a)
		if s.Women != nil {
			out.Actual = append(out.Actual, iatiValue{Value: strconv.FormatInt(*s.Women, 10), Location: loc,
				Dimension: []iatiDimension{{Name: "sex", Value: "female"}}})
		}
	}
	return out
}

func comment(s string) *iatiText { return &iatiText{[]iatiNarrative{{Text: s}}} }

// decimalText writes v with at most two decimals.
func decimalText(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// documents are the document links of entries with a link to their evidence.
func documents(es []*ctbot.Entry) []iatiDocument {
	var out []iatiDocument
	for _, e := range es {
		title := e.Evidence
		if title == "" {
			title = fmt.Sprintf("Evidence of entry #%d", e.ID)
		}
		out = append(out, iatiDocument{URL: e.Link, Format: formatOf(e.Link), Title: iatiText{[]iatiNarrative{{Text: title}}},
			Category: iatiCode{documentCategoryResults}, Date: &iatiISODate{e.Date.String()}})
	}
	return out
}

// formatOf guesses a document's IANA media type from its URL.
func formatOf(url string) string {
	ext := strings.ToLower(path.Ext(strings.SplitN(strings.SplitN(url, "?", 2)[0], "#", 2)[0]))
	switch ext {
	case ".pdf":
		return "application/pdf"
	case ".doc":
		return "application/msword"
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	}
	return "text/html"
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
