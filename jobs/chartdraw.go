package jobs

import (
	"bytes"
	"fmt"
	"image"
	"image/color"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// chartFont is the typeface of all chart text: Liberation Sans, which
// gonum/plot embeds and parses once for the process. It covers Latin
// with its accents and Cyrillic; a script it lacks (Arabic) needs a font
// added to font.DefaultCache and named here.
var chartFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Chart layout: width in pixels, and lengths in points at chartDPI.
const (
	chartWidth  = 900
	chartDPI    = 96
	headerH     = vg.Length(44) // the title and the key
	rowH        = vg.Length(15) // one bar
	panelChrome = vg.Length(48) // a panel's title and its value axis
	barShare    = 0.6           // of a row's height
	headroom    = 1.4           // the value axis runs to this times the largest value, leaving room for notes
	margin      = vg.Length(8)  // left, and twice that right
)

// width is chartWidth in points.
var width = vg.Length(chartWidth) * vg.Inch / chartDPI

// Chart draws the digest's progress chart as a PNG, as known on day, with
// its title and alt text: a panel per indicator, each state (or the
// programme) a bar coloured by its rating, with what is expected by now
// and the target marked, and last the share of women among the people
// trained, against nothing.
func Chart(l *locale.Loc, fw *ctbot.Framework, s *ctbot.Snapshot, day ctbot.Date) (reply.Image, error) {
	title, key, ps := l.S("chart.title", "Name", fw.Name, "Date", day), l.S("chart.key"), panels(l, fw, s, day)
	png, err := drawChart(title, key, ps)
	if err != nil {
		return reply.Image{}, err
	}
	return reply.Image{PNG: png, Title: title, Alt: altText(l, title, key, ps)}, nil
}

// panelHeight is the height of a panel of n rows.
func panelHeight(n int) vg.Length { return panelChrome + rowH*vg.Length(n) }

// chartHeight is the height of the whole chart.
func chartHeight(ps []panel) vg.Length {
	h := headerH
	for _, p := range ps {
		h += panelHeight(len(p.rows))
	}
	return h
}

func drawChart(title, key string, ps []panel) (png []byte, err error) {
	defer func() {
		if p := recover(); p != nil { // gonum/plot panics on font errors
			err = fmt.Errorf("jobs: chart: %v", p)
		}
	}()
	c := canvas(chartHeight(ps))
	_, h := c.Size() // whole pixels
	dc := draw.New(c)
	dc.FillText(textStyle(13, draw.XLeft, draw.YTop), vg.Point{X: 8, Y: h - 6}, title)
	dc.FillText(textStyle(9, draw.XLeft, draw.YTop), vg.Point{X: 8, Y: h - 26}, key)
	top := h - headerH
	for _, p := range ps {
		ph := panelHeight(len(p.rows))
		area := draw.Canvas{Canvas: c, Rectangle: vg.Rectangle{Min: vg.Point{X: margin, Y: top - ph}, Max: vg.Point{X: width - 2*margin, Y: top}}}
		p.plot().Draw(area)
		top -= ph
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("jobs: chart: %w", err)
	}
	return buf.Bytes(), nil
}

// canvas is a white canvas of the chart's width and height h. It draws
// on its image directly: vgimg.UseWH would draw on a copy, allocating
// the image twice.
func canvas(h vg.Length) *vgimg.Canvas {
	img := image.NewRGBA(image.Rect(0, 0, chartWidth, int(h.Dots(chartDPI)+0.5)))
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt() // as vgimg sets up its own context
	ctx.InvertY()
	return vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(chartDPI)) // white by default
}

func textStyle(size vg.Length, x text.XAlignment, y text.YAlignment) text.Style {
	return text.Style{Color: color.Black, Font: font.From(chartFont, size), XAlign: x, YAlign: y, Handler: plot.DefaultTextHandler}
}

// plot is the panel as a horizontal bar chart: its rows top to bottom,
// named on the vertical axis, values on the horizontal one.
func (pn panel) plot() *plot.Plot {
	p := plot.New()
	p.Title.Text = pn.title
	p.Title.TextStyle = textStyle(10, draw.XCenter, draw.YTop)
	p.Title.Padding = 4
	p.X.Min, p.X.Max = 0, pn.scale()
	p.X.Tick.Label = textStyle(8, draw.XCenter, draw.YTop)
	p.X.Tick.Marker = pn
	p.X.Padding = 0
	n := len(pn.rows)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	ticks := make([]plot.Tick, n)
	for i, r := range pn.rows {
		ticks[i] = plot.Tick{Value: pn.y(i), Label: r.label}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Label = textStyle(9, draw.XRight, draw.YCenter)
	p.Y.Tick.Length, p.Y.Padding = 0, 0
	p.Add(pn)
	return p
}

// Ticks are the value axis's ticks (plot.Ticker), labelled in the
// panel's unit.
func (pn panel) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i, t := range ticks {
		if t.Label != "" {
			ticks[i].Label = pn.number(t.Value)
		}
	}
	return ticks
}

// y is the position of row i: the first row on top.
func (pn panel) y(i int) float64 { return float64(len(pn.rows) - 1 - i) }

// scale is the end of the value axis: room for the largest value, mark
// and note.
func (pn panel) scale() float64 {
	m := 0.0
	for _, r := range pn.rows {
		m = max(m, r.value)
		if r.marks {
			m = max(m, r.target, r.expected)
		}
	}
	if m <= 0 {
		return 1
	}
	return m * headroom
}

// Plot draws the rows (plot.Plotter): each bar, the expected-by-now tick,
// the dashed target line and the note.
func (pn panel) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	half := rowH * barShare / 2
	note := textStyle(8, draw.XLeft, draw.YCenter)
	for i, r := range pn.rows {
		yc := y(pn.y(i))
		end := x(0)
		if r.bar {
			end = x(max(r.value, 0))
			c.FillPolygon(r.colour, c.ClipPolygonXY([]vg.Point{{X: x(0), Y: yc - half}, {X: end, Y: yc - half}, {X: end, Y: yc + half}, {X: x(0), Y: yc + half}}))
		}
		if r.marks {
			c.StrokeLine2(draw.LineStyle{Color: target, Width: 1.5, Dashes: []vg.Length{3, 2}}, x(r.target), yc-rowH/2, x(r.target), yc+rowH/2)
		}
		if r.marks && r.paced {
			c.StrokeLine2(draw.LineStyle{Color: paceInk, Width: 2}, x(r.expected), yc-half-2, x(r.expected), yc+half+2)
		}
		at := end
		if r.marks {
			at = max(at, x(r.target))
		}
		if r.marks && r.paced {
			at = max(at, x(r.expected))
		}
		c.FillText(note, vg.Point{X: at + 4, Y: yc}, r.note)
	}
}
