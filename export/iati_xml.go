package export

import "encoding/xml"

// IATI 2.03 element types, in the order the schema's sequences require.
type (
	iatiActivities struct {
		XMLName   xml.Name     `xml:"iati-activities"`
		Version   string       `xml:"version,attr"`
		Generated string       `xml:"generated-datetime,attr"`
		Activity  iatiActivity `xml:"iati-activity"`
	}
	iatiActivity struct {
		Updated           string         `xml:"last-updated-datetime,attr"`
		Lang              string         `xml:"xml:lang,attr"`
		Currency          string         `xml:"default-currency,attr,omitempty"`
		BudgetNotProvided string         `xml:"budget-not-provided,attr,omitempty"`
		Identifier        string         `xml:"iati-identifier"`
		Reporting         iatiOrg        `xml:"reporting-org"`
		Title             iatiText       `xml:"title"`
		Description       iatiText       `xml:"description"`
		Orgs              []iatiOrg      `xml:"participating-org"`
		Status            iatiCode       `xml:"activity-status"`
		Dates             []iatiDate     `xml:"activity-date"`
		Countries         []iatiCountry  `xml:"recipient-country"`
		Locations         []iatiLocation `xml:"location"`
		Sectors           []iatiSector   `xml:"sector"`
		Collaboration     *iatiCode      `xml:"collaboration-type"`
		FlowType          *iatiCode      `xml:"default-flow-type"`
		FinanceType       *iatiCode      `xml:"default-finance-type"`
		AidType           *iatiCode      `xml:"default-aid-type"`
		Budgets           []iatiBudget   `xml:"budget"`
		Related           []iatiRelated  `xml:"related-activity"`
		Results           []iatiResult   `xml:"result"`
	}
	iatiNarrative struct {
		Text string `xml:",chardata"`
	}
	iatiText struct {
		Type      string          `xml:"type,attr,omitempty"`
		Narrative []iatiNarrative `xml:"narrative"`
	}
	iatiOrg struct {
		Ref       string          `xml:"ref,attr,omitempty"`
		Type      string          `xml:"type,attr,omitempty"`
		Role      string          `xml:"role,attr,omitempty"`
		Narrative []iatiNarrative `xml:"narrative"`
	}
	iatiCode struct {
		Code       string `xml:"code,attr"`
		Vocabulary string `xml:"vocabulary,attr,omitempty"`
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
		Ref       string   `xml:"ref,attr"`
		Reach     iatiCode `xml:"location-reach"`
		ID        iatiCode `xml:"location-id"`
		Name      iatiText `xml:"name"`
		Exactness iatiCode `xml:"exactness"`
		Class     iatiCode `xml:"location-class"`
	}
	iatiSector struct {
		Vocabulary string `xml:"vocabulary,attr"`
		Code       string `xml:"code,attr"`
		Percentage string `xml:"percentage,attr,omitempty"`
	}
	iatiBudget struct {
		Type   string       `xml:"type,attr"`
		Status string       `xml:"status,attr"`
		Start  iatiISODate  `xml:"period-start"`
		End    iatiISODate  `xml:"period-end"`
		Value  iatiCurrency `xml:"value"`
	}
	iatiCurrency struct {
		Date  string `xml:"value-date,attr"`
		Value string `xml:",chardata"`
	}
	iatiRelated struct {
		Ref  string `xml:"ref,attr"`
		Type string `xml:"type,attr"`
	}
	iatiResult struct {
		Type        string          `xml:"type,attr"`
		Aggregation string          `xml:"aggregation-status,attr"`
		Title       iatiText        `xml:"title"`
		Indicator   []iatiIndicator `xml:"indicator"`
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
		Year     int       `xml:"year,attr"`
		Date     string    `xml:"iso-date,attr"`
		Value    string    `xml:"value,attr,omitempty"`
		Location []iatiRef `xml:"location"`
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

// narrative is a text of one narrative.
func narrative(s string) iatiText { return iatiText{Narrative: []iatiNarrative{{Text: s}}} }

// comment is a result value's comment.
func comment(s string) *iatiText { t := narrative(s); return &t }
