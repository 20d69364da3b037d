package config

import (
	"strings"
	"unicode/utf8"

	"github.com/cttechplus/ctbot"
)

// maxStatement is the longest result statement or assumptions text a
// logframe's cell takes (a spreadsheet shows a few lines).
const maxStatement = 1000

// logframe checks what an indicator's logframe row states beyond its
// figures: its result statement (and its translations), the year of its
// baseline (default the programme start's) and the assumptions.
func (v *validator) logframe(t string, sp phaseSpan, c *IndicatorConfig, ind *ctbot.Indicator) {
	texts := map[string]string{"result": c.Result, "result_fr": c.ResultFR, "result_ru": c.ResultRU, "result_ar": c.ResultAR,
		"assumptions": c.Assumptions}
	for key, s := range texts {
		if n := utf8.RuneCountInString(s); n > maxStatement {
			v.add(t, key, "is %d characters long; keep it to %d", n, maxStatement)
		}
	}
	if strings.TrimSpace(c.Result) == "" {
		for _, key := range []string{"result_fr", "result_ru", "result_ar"} {
			if strings.TrimSpace(texts[key]) != "" {
				v.add(t, key, "is a translation of result, which is missing: give result too")
			}
		}
	}
	switch y := c.BaselineYear; {
	case y == 0:
		ind.BaselineYear = sp.start.Year
	case y < 1900 || !sp.end.IsZero() && y > sp.end.Year:
		v.add(t, "baseline_year", "%d is not a year from 1900 to the end of the programme (or phase), %d", y, sp.end.Year)
	default:
		ind.BaselineYear = y
	}
	ind.Result = strings.TrimSpace(c.Result)
	ind.Results = perLanguage(map[string]string{"fr": c.ResultFR, "ru": c.ResultRU, "ar": c.ResultAR})
	ind.Assumptions = strings.TrimSpace(c.Assumptions)
}
