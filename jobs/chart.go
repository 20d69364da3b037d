package jobs

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
)

// Chart colours.
var (
	white   = color.RGBA{255, 255, 255, 255}
	ink     = color.RGBA{33, 33, 33, 255}
	grid    = color.RGBA{220, 220, 220, 255}
	reached = color.RGBA{46, 125, 50, 255}   // at or above target
	behind  = color.RGBA{239, 108, 0, 255}   // below target
	target  = color.RGBA{0, 51, 153, 255}    // the target line
	noData  = color.RGBA{189, 189, 189, 255} // no data yet
)

// Chart layout, in pixels.
const (
	chartWidth = 900
	labelWidth = 170
	barsWidth  = 640
	rowHeight  = 22
	barHeight  = 14
	panelTop   = 40
)

// bar is one country's value in a panel.
type bar struct {
	label string
	value float64
	text  string
	ok    bool // has data
}

// Chart draws the digest's progress chart as a PNG: per country, the
// investigators trained against the per-state target, and the share of
// women among people trained against the women's-share target.
func Chart(l *locale.Loc, fw *ctbot.Framework, s *ctbot.Snapshot, day ctbot.Date) ([]byte, error) {
	trained, targetTrained, trainedTitle := trainedBars(l, fw, s)
	women, targetWomen := womenBars(l, fw, s)
	panelHeight := panelTop + len(fw.Countries)*rowHeight + 20
	img := image.NewRGBA(image.Rect(0, 0, chartWidth, 2*panelHeight+30))
	draw.Draw(img, img.Bounds(), image.NewUniform(white), image.Point{}, draw.Src)
	text(img, 10, 18, ink, fmt.Sprintf("%s - progress by country, %s", fw.Name, day))
	panel(img, 30, trainedTitle, trained, targetTrained, false)
	panel(img, 30+panelHeight, fmt.Sprintf("Women among people trained (target %s)", l.Percent(targetWomen)), women, targetWomen, true)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("jobs: chart: %w", err)
	}
	return buf.Bytes(), nil
}

func trainedBars(l *locale.Loc, fw *ctbot.Framework, s *ctbot.Snapshot) ([]bar, float64, string) {
	var ind *ctbot.Indicator
	for _, i := range fw.Indicators {
		if i.Source == ctbot.SourceTrainings {
			ind = i
			break
		}
	}
	var bars []bar
	goal, title := 0.0, "People trained (new)"
	if ind != nil {
		goal, title = ind.Target, fmt.Sprintf("%s (target %s per state)", ind.Code, l.Number(ind.Target))
	}
	for _, c := range fw.Countries {
		v := float64(s.Trainings[c.Code].New)
		if ind != nil {
			v = float64(s.Indicators[ctbot.IndicatorKey{Indicator: ind.Code, Country: c.Code}].Value)
		}
		bars = append(bars, bar{label: c.Name, value: v, text: l.Number(v), ok: true})
	}
	return bars, goal, title
}

func womenBars(l *locale.Loc, fw *ctbot.Framework, s *ctbot.Snapshot) ([]bar, float64) {
	goal := 20.0
	for _, i := range fw.Indicators {
		if i.Measure == ctbot.MeasurePercent {
			goal = i.Target
			break
		}
	}
	var bars []bar
	for _, c := range fw.Countries {
		t := s.Trainings[c.Code]
		b := bar{label: c.Name, text: "no trainings"}
		switch {
		case t.Reported >= 5:
			b.value, b.ok = 100*float64(t.Women)/float64(t.Reported), true
			b.text = l.Percent(b.value)
		case t.Trained > 0:
			b.text = "under 5 people" // small numbers are not shown
		}
		bars = append(bars, b)
	}
	return bars, goal
}

// panel draws one bar chart with a vertical target line.
func panel(img *image.RGBA, top int, title string, bars []bar, goal float64, percent bool) {
	text(img, 10, top+16, ink, title)
	scale := goal * 1.25
	for _, b := range bars {
		scale = max(scale, b.value*1.05)
	}
	if percent {
		scale = max(min(scale, 100), goal*1.25)
	}
	if scale <= 0 {
		scale = 1
	}
	x0 := labelWidth
	for i, b := range bars {
		y := top + panelTop + i*rowHeight
		text(img, 10, y+barHeight-2, ink, clip(b.label, 22))
		fill(img, x0, y, x0+barsWidth, y+barHeight, grid)
		w := int(float64(barsWidth) * min(b.value/scale, 1))
		c := behind
		switch {
		case !b.ok:
			c = noData
		case b.value >= goal:
			c = reached
		}
		fill(img, x0, y, x0+w, y+barHeight, c)
		text(img, x0+w+4, y+barHeight-2, ink, b.text)
	}
	if goal > 0 {
		x := x0 + int(float64(barsWidth)*goal/scale)
		fill(img, x, top+panelTop-6, x+2, top+panelTop+len(bars)*rowHeight, target)
	}
}

func fill(img *image.RGBA, x0, y0, x1, y1 int, c color.Color) {
	draw.Draw(img, image.Rect(x0, y0, x1, y1), image.NewUniform(c), image.Point{}, draw.Src)
}

func text(img *image.RGBA, x, y int, c color.Color, s string) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(ascii(s))
}

// ascii replaces letters the bitmap font lacks (Côte d'Ivoire -> Cote d'Ivoire).
func ascii(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r < 128:
			out = append(out, r)
		case r >= 'à' && r <= 'å' || r >= 'À' && r <= 'Å':
			out = append(out, 'a')
		case r >= 'è' && r <= 'ë' || r >= 'È' && r <= 'Ë':
			out = append(out, 'e')
		case r >= 'ì' && r <= 'ï':
			out = append(out, 'i')
		case r >= 'ò' && r <= 'ö' || r >= 'Ò' && r <= 'Ö':
			out = append(out, 'o')
		case r >= 'ù' && r <= 'ü':
			out = append(out, 'u')
		case r == 'ç':
			out = append(out, 'c')
		case r == '’':
			out = append(out, '\'')
		default:
			out = append(out, '?')
		}
	}
	return string(out)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "."
}
