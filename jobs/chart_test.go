package jobs

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// chartDay is the digest's day in the tests.
var chartDay = ctbot.MustParseDate("2026-11-30")

// seedChart gives the chart some of everything: counts behind and at
// pace, a share per state, a share of fewer than five people, trainings
// without the women counted.
func (h *harness) seedChart() {
	h.seed()
	h.at("2026-11-03T09:00:00Z", "USTAFF", "indicator women-policy ghana 4/15")
	h.at("2026-11-03T09:01:00Z", "USTAFF", "indicator unsr-recs kenya +2 on=2026-10-14 data retention recommendation implemented")
	h.at("2026-11-03T09:02:00Z", "USTAFF", "indicator strategies philippines validated")
	h.at("2026-11-04T09:00:00Z", "USTAFF", `training tajikistan 2026-11-04 "Digital evidence" trained=3 women=1 new=3`)
	h.at("2026-11-04T09:01:00Z", "USTAFF", `training "côte d'ivoire" 2026-11-04 "Digital evidence" trained=12 new=12`)
}

func (h *harness) chart() rendered {
	h.t.Helper()
	s, err := h.runner.figs.Snapshot(h.t.Context(), h.clock.Now())
	if err != nil {
		h.t.Fatal(err)
	}
	img, err := Chart(h.core.Loc(""), h.runner.fw, s, chartDay)
	if err != nil {
		h.t.Fatal(err)
	}
	decoded, err := png.Decode(bytes.NewReader(img.PNG))
	if err != nil {
		h.t.Fatal(err)
	}
	return rendered{png: img.PNG, alt: img.Alt, title: img.Title, img: decoded, panels: panels(h.core.Loc(""), h.runner.fw, s, chartDay)}
}

type rendered struct {
	png        []byte
	alt, title string
	img        image.Image
	panels     []panel
}

// band is the pixel rows of panel i, top to bottom.
func (c rendered) band(i int) (y0, y1 int) {
	px := func(l vg.Length) int { return int(l.Dots(chartDPI)) }
	top := headerH
	for _, p := range c.panels[:i] {
		top += panelHeight(len(p.rows))
	}
	return px(top), px(top + panelHeight(len(c.panels[i].rows)))
}

// count counts the pixels of colour want in panel i.
func (c rendered) count(i int, want color.Color) int {
	y0, y1 := c.band(i)
	r0, g0, b0, _ := want.RGBA()
	n := 0
	for y := y0; y < y1; y++ {
		for x := 0; x < c.img.Bounds().Dx(); x++ {
			r, g, b, _ := c.img.At(x, y).RGBA()
			if r == r0 && g == g0 && b == b0 {
				n++
			}
		}
	}
	return n
}

// ticks counts the expected-by-now ticks in panel i, all at one value:
// the most runs of the tick's colour at least a bar high (letters are
// shorter) in a column of pixels.
func (c rendered) ticks(i int) int {
	y0, y1 := c.band(i)
	tall := int((rowH * barShare).Dots(chartDPI))
	r0, g0, b0, _ := paceInk.RGBA()
	most := 0
	for x := 0; x < c.img.Bounds().Dx(); x++ {
		n, run := 0, 0
		for y := y0; y < y1; y++ {
			if r, g, b, _ := c.img.At(x, y).RGBA(); r == r0 && g == g0 && b == b0 {
				run++
				if run == tall {
					n++
				}
			} else {
				run = 0
			}
		}
		most = max(most, n)
	}
	return most
}

func TestChartHasAPanelPerIndicatorAndTheTraineesApart(t *testing.T) {
	h := newHarness(t, mondayDigest)
	h.seedChart()
	c := h.chart()
	fw := h.runner.fw
	if len(c.panels) != len(fw.Indicators)+1 {
		t.Fatalf("%d panels for %d indicators", len(c.panels), len(fw.Indicators))
	}
	if w, hh := c.img.Bounds().Dx(), c.img.Bounds().Dy(); w != chartWidth || hh != int(chartHeight(c.panels).Dots(chartDPI)+0.5) {
		t.Errorf("size %dx%d, want %d wide and %v points high", w, hh, chartWidth, chartHeight(c.panels))
	}
	for i, ind := range fw.Indicators {
		p := c.panels[i]
		if !strings.HasPrefix(p.title, ind.Code+" — ") {
			t.Errorf("panel %d is %q, want indicator %s", i, p.title, ind.Code)
		}
		rows := 1
		if ind.Scope == ctbot.ScopeEach && ind.Measure != ctbot.MeasureMilestone {
			rows = len(fw.Applicable(ind))
		}
		if len(p.rows) != rows {
			t.Errorf("%s: %d rows, want %d", ind.Code, len(p.rows), rows)
		}
		// Every indicator has its target line drawn in its own band.
		if n := c.count(i, target); n == 0 {
			t.Errorf("%s: no target line", ind.Code)
		}
	}
	// investigators-trained: Kenya 28 of 40, 38 expected by now: at risk,
	// with the expected tick; the other states have no data.
	inv := c.panels[3]
	if ke := inv.rows[2]; ke.label != "Kenya" || !ke.bar || ke.value != 28 || ke.target != 40 || ke.colour != atRisk || !ke.paced {
		t.Errorf("investigators-trained, Kenya = %+v", ke)
	}
	if n := c.count(3, atRisk); n < 100 {
		t.Errorf("Kenya's bar: %d px", n)
	}
	// A tick per state: taller than any letter.
	if n := c.ticks(3); n != 9 {
		t.Errorf("%d expected-by-now ticks, want 9", n)
	}
	// The women's share of trainees is on its own: no target, no pace.
	women := len(c.panels) - 1
	if n, m := c.count(women, target), c.ticks(women); n != 0 || m != 0 {
		t.Errorf("women among trainees drawn against a target (%d px) or a pace (%d ticks)", n, m)
	}
	if n := c.count(women, share); n < 100 {
		t.Errorf("women among trainees: bars %d px", n)
	}
	for _, r := range c.panels[women].rows {
		if r.marks {
			t.Errorf("%s: a mark on the women's share of trainees", r.label)
		}
	}
	wr := c.panels[women].rows
	if wr[2].label != "Kenya" || wr[2].note != "36.7%" || wr[5].note != "fewer than 5 people: share not shown" || wr[5].bar ||
		wr[7].note != "women not reported" || wr[0].note != "no trainings" {
		t.Errorf("women among trainees: %+v", wr)
	}
}

func TestChartAltTextSaysTheFigures(t *testing.T) {
	h := newHarness(t, mondayDigest)
	h.seedChart()
	c := h.chart()
	mustContain(t, c.alt,
		"CT TECH+ — progress by indicator, Mon 30 Nov 2026.",
		"strategies: Programme 0 of 5, expected 4.8 by now, off track.",
		"women-policy: Ghana 26.7% of 20%, achieved;",
		"investigators-trained: Kenya 28 of 40, expected 38 by now, at risk; Tajikistan 3 of 40, expected 38 by now, off track; Côte d'Ivoire 12 of 40, expected 38 by now, off track; no data: ",
		"intl-investigation: Programme 0 of 1, not yet due.",
		"ppp-mechanisms: no data: Programme.",
		"Women among the people trained: Kenya 36.7%; no trainings: ",
		"fewer than 5 people: share not shown: Tajikistan; women not reported: Côte d'Ivoire.",
	)
	if c.title != "CT TECH+ — progress by indicator, Mon 30 Nov 2026" {
		t.Errorf("title %q", c.title)
	}
	if n := utf8.RuneCountInString(c.alt); n > reply.AltMax {
		t.Errorf("alt text of %d characters", n)
	}
	// Too long to name every state without data: they are counted.
	if !strings.Contains(c.alt, "no data: 8 states") {
		t.Errorf("alt text:\n%s", c.alt)
	}
}

// TestChartOfManyStatesStaysSmall: with 60 states a panel draws those
// with a value first and counts the others, so the image stays bounded.
func TestChartOfManyStatesStaysSmall(t *testing.T) {
	h := newHarness(t, mondayDigest, manyCountries(60))
	h.seedMany(20)
	c := h.chart()
	if hh := c.img.Bounds().Dy(); hh > 2000 {
		t.Errorf("chart of 60 states is %d px high", hh)
	}
	women := c.panels[len(c.panels)-1]
	if len(women.rows) != maxRows || !women.rows[0].bar || !women.rows[maxRows-2].bar || women.rows[maxRows-1].note != "49 more states, not drawn" {
		t.Errorf("women among trainees: %+v", women.rows)
	}
	mustContain(t, c.alt, "; 49 more states, not drawn.")
}

func TestChartIsTheSameForTheSameData(t *testing.T) {
	h := newHarness(t, mondayDigest)
	h.seedChart()
	a, b := h.chart(), h.chart()
	if !bytes.Equal(a.png, b.png) || a.alt != b.alt {
		t.Error("two renderings of the same data differ")
	}
	h.at("2026-11-29T09:00:00Z", "USTAFF", `training ghana 2026-11-29 "OSINT" trained=10 women=5 new=10`)
	if c := h.chart(); bytes.Equal(a.png, c.png) {
		t.Error("a new training does not change the chart")
	}
}

// TestChartFontDrawsNamesAsWritten: the chart's font has the glyphs of
// accented Latin and Cyrillic names, and drawing them is not drawing the
// missing-glyph box.
func TestChartFontDrawsNamesAsWritten(t *testing.T) {
	face := font.DefaultCache.Lookup(chartFont, 10)
	if face.Face == nil || face.Font.Typeface != "Liberation" || face.Font.Variant != "Sans" {
		t.Fatalf("chart font %+v not found", face.Font)
	}
	var buf sfnt.Buffer
	for _, name := range []string{"Côte d'Ivoire", "Таджикистан", "Ўзбекистон", "Ghana"} {
		for _, r := range name {
			if i, err := face.Face.GlyphIndex(&buf, r); err != nil || i == 0 {
				t.Errorf("%q: no glyph for %q", name, r)
			}
		}
	}
	// U+0378 is unassigned: the font draws its missing-glyph box.
	missing := render(t, strings.Repeat("\u0378", 11))
	for _, name := range []string{"Таджикистан", "Côte d'Ivoire"} {
		if bytes.Equal(render(t, name), missing) {
			t.Errorf("%q is drawn as missing glyphs", name)
		}
	}
	if bytes.Equal(render(t, "ô"), render(t, "o")) {
		t.Error("the accent of ô is not drawn")
	}
	if bytes.Equal(render(t, "Т"), render(t, "\u0378")) {
		t.Error("Т is drawn as a missing glyph")
	}
}

// render draws s in the chart's label style and returns the pixels.
func render(t *testing.T, s string) []byte {
	t.Helper()
	c := vgimg.NewWith(vgimg.UseWH(200, 20), vgimg.UseDPI(chartDPI), vgimg.UseBackgroundColor(color.White))
	dc := draw.New(c)
	dc.FillText(textStyle(10, draw.XLeft, draw.YCenter), vg.Point{X: 2, Y: 10}, s)
	return c.Image().(*image.RGBA).Pix
}

// BenchmarkChart measures drawing the digest chart of the default
// framework (9 states, 6 indicators) with a value for every state, and
// reports the PNG's size.
func BenchmarkChart(b *testing.B) {
	cfg := config.Default()
	fw, l := cfg.Framework, locale.Default().For(locale.Source)
	s := ctbot.NewSnapshot()
	for i, c := range fw.Countries {
		s.Trainings[c.Code] = ctbot.TrainingTotals{Count: 2, Trained: 10 + 3*i, Women: 2 + i, Reported: 10 + 3*i}
		for _, ind := range fw.Indicators {
			s.Indicators[ctbot.IndicatorKey{Indicator: ind.Code, Country: c.Code}] = ctbot.IndicatorValue{Value: int64(1 + i), Denom: int64(10 + i), Stage: ind.FinalStage()}
		}
	}
	var size int
	for b.Loop() {
		img, err := Chart(l, fw, s, chartDay)
		if err != nil {
			b.Fatal(err)
		}
		size = len(img.PNG)
	}
	b.ReportMetric(float64(size), "png-bytes")
}
