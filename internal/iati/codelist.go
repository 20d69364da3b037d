// Package iati holds the IATI 2.03 codelists ctbot checks its
// configuration against (check-config): the XML files published by IATI,
// vendored unchanged in codelists/ (see its README) and embedded in the
// binary, each read once, the first time it is asked for.
package iati

import (
	"embed"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Names of the embedded codelists.
const (
	Country                        = "Country"
	OrganisationType               = "OrganisationType"
	OrganisationRegistrationAgency = "OrganisationRegistrationAgency"
	Sector                         = "Sector" // DAC 5-digit purpose codes (sector vocabulary 1)
	FlowType                       = "FlowType"
	FinanceType                    = "FinanceType"
	AidType                        = "AidType" // aid type vocabulary 1 (OECD DAC)
	CollaborationType              = "CollaborationType"
	Currency                       = "Currency"
	BudgetNotProvided              = "BudgetNotProvided"
	BudgetType                     = "BudgetType"
	BudgetStatus                   = "BudgetStatus"
	RelatedActivityType            = "RelatedActivityType"
)

//go:embed codelists/*.xml
var files embed.FS

// Code is one item of a codelist.
type Code struct {
	Code string
	Name string // its English name
	// Withdrawn codes are still listed but no longer valid.
	Withdrawn bool
}

// List is a codelist: its codes in the published order.
type List struct {
	Name  string
	Codes []Code
	index map[string]int
}

// Lookup finds code in the list; ok is false when it is not listed.
func (l *List) Lookup(code string) (c Code, ok bool) {
	i, ok := l.index[code]
	if !ok {
		return Code{}, false
	}
	return l.Codes[i], true
}

// Parse reads a codelist in IATI's XML format.
func Parse(r io.Reader) (*List, error) {
	var doc struct {
		Name  string `xml:"name,attr"`
		Items []struct {
			Status string `xml:"status,attr"`
			Code   string `xml:"code"`
			Names  []struct {
				Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
				Text string `xml:",chardata"`
			} `xml:"name>narrative"`
		} `xml:"codelist-items>codelist-item"`
	}
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("iati: codelist: %w", err)
	}
	l := &List{Name: doc.Name, index: make(map[string]int, len(doc.Items))}
	for _, it := range doc.Items {
		c := Code{Code: strings.TrimSpace(it.Code), Withdrawn: it.Status == "withdrawn"}
		for _, n := range it.Names {
			if n.Lang == "" || n.Lang == "en" {
				c.Name = strings.TrimSpace(n.Text)
				break
			}
		}
		if c.Code == "" {
			continue
		}
		l.index[c.Code] = len(l.Codes)
		l.Codes = append(l.Codes, c)
	}
	if l.Name == "" || len(l.Codes) == 0 {
		return nil, fmt.Errorf("iati: codelist %q has no codes", l.Name)
	}
	return l, nil
}

var (
	mu     sync.Mutex
	loaded = map[string]*List{}
)

// Get returns an embedded codelist by name (one of the constants above),
// read on first use.
func Get(name string) (*List, error) {
	mu.Lock()
	defer mu.Unlock()
	if l, ok := loaded[name]; ok {
		return l, nil
	}
	f, err := files.Open("codelists/" + name + ".xml")
	if err != nil {
		return nil, fmt.Errorf("iati: no embedded codelist %q", name)
	}
	defer f.Close()
	l, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("iati: %s: %w", name, err)
	}
	loaded[name] = l
	return l, nil
}

// Agency is the registration agency an organisation identifier starts
// with ("XM-DAC" for "XM-DAC-41114"): the longest code of
// OrganisationRegistrationAgency followed by a hyphen and more. ok is false
// when none is; a withdrawn agency is returned with ok true, for the caller
// to say so.
func Agency(ref string) (c Code, ok bool) {
	l, err := Get(OrganisationRegistrationAgency)
	if err != nil {
		return Code{}, false
	}
	for i := len(ref) - 1; i > 0; i-- {
		if ref[i] != '-' || i == len(ref)-1 {
			continue
		}
		if c, ok := l.Lookup(ref[:i]); ok {
			return c, true
		}
	}
	return Code{}, false
}
