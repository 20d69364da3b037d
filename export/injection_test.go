package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

// hostileTexts are texts a spreadsheet would run a formula from, at their
// start or after a separator of some locale's CSV.
var hostileTexts = []string{
	"Met unit;=cmd|' /C calc'!A0",
	"Met unit,=cmd|' /C calc'!A0",
	"two\tcells\t+SUM(A1)",
	"line one\n-2+3\r@SUM(A1)",
	`quoted;"=HYPERLINK("http://x")`,
	`"=1+1"`,
	"'=already quoted",
	"=1+1;;=2;",
	"plain, safe; text",
	"ratio 3/4 and -3 later",
}

func hostileEntries() []*ctbot.Entry {
	var es []*ctbot.Entry
	for i, s := range hostileTexts {
		es = append(es, &ctbot.Entry{ID: int64(i + 1), Version: 1, Kind: ctbot.KindIndicator, Country: "KE", Date: ctbot.MustParseDate("2026-09-01"),
			Indicator: "unsr-recs", Op: ctbot.OpAdd, Value: -3, Denom: -1, Title: s, Note: s, Evidence: s, RetractReason: s, UserID: "U1"})
	}
	return es
}

// TestCSVRunsNoFormulaWhateverTheSeparator: every field is quoted, and a
// spreadsheet that splits the file on commas, semicolons, tabs or line
// ends finds no cell that starts a formula, but for numbers (-3) in the
// numeric columns; read back as CSV, the text is as written.
func TestCSVRunsNoFormulaWhateverTheSeparator(t *testing.T) {
	es := hostileEntries()
	var buf bytes.Buffer
	if _, err := EntriesCSV(&buf, Slice(es)); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	// Every field quoted: the file is exactly its records, each field in quotes.
	records, err := csv.NewReader(strings.NewReader(raw)).ReadAll()
	must(t, err)
	var quoted strings.Builder
	for _, rec := range records {
		for i, f := range rec {
			if i > 0 {
				quoted.WriteByte(',')
			}
			quoted.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
		}
		quoted.WriteString("\r\n")
	}
	if quoted.String() != raw {
		t.Errorf("not every field is quoted:\n%s", raw)
	}
	// Parsed with a comma, the texts come back exactly once unneutralised.
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	for i, rec := range records[1:] {
		for _, c := range []string{"title", "note", "evidence", "retract_reason"} {
			if got := Unneutralise(rec[col[c]]); got != hostileTexts[i] {
				t.Errorf("%s read back %q, want %q", c, got, hostileTexts[i])
			}
		}
		if rec[col["value"]] != "-3" {
			t.Errorf("value %q: a number must stay a number", rec[col["value"]])
		}
	}
	// Split as any locale's spreadsheet might: on ; (French, Russian), on
	// tabs and line ends, by a CSV reader or naively.
	var cells []string
	for _, sep := range []rune{',', ';', '\t'} {
		r := csv.NewReader(strings.NewReader(raw))
		r.Comma, r.LazyQuotes, r.FieldsPerRecord = sep, true, -1
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("parsed with %q: %v", sep, err)
			}
			cells = append(cells, rec...)
		}
	}
	cells = append(cells, regexp.MustCompile("[,;\t\r\n]").Split(raw, -1)...)
	for _, c := range cells {
		c = strings.TrimRight(strings.TrimLeft(c, `"`), `"`)
		if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			continue
		}
		if _, err := strconv.ParseFloat(c, 64); err != nil {
			t.Errorf("a cell would start a formula: %q", c)
		}
	}
	if !strings.Contains(raw, `"Met unit;'=cmd|' /C calc'!A0"`) {
		t.Errorf("the semicolon's formula is not neutralised:\n%s", raw)
	}
}

func TestNeutraliseIsUndoneExactly(t *testing.T) {
	for _, s := range append(hostileTexts, "", "'", "''", "'x", "\"", "\"'", ";'", "x'=", "a;'=b", "\t", "\r\n", "é=;=") {
		if got := Unneutralise(Neutralise(s)); got != s {
			t.Errorf("Unneutralise(Neutralise(%q)) = %q", s, got)
		}
	}
	for s, want := range map[string]string{"ok": "ok", "-3": "'-3", "a;=b": "a;'=b", "a,+b\n@c": "a,'+b\n'@c", `x;"=y`: `x;"'=y`, "a=b": "a=b"} {
		if got := Neutralise(s); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestXLSXTextIsNeverAFormula: text that starts a formula is a string
// cell, with no formula, marked as typed with a quote so that editing it
// keeps it text; its text is as written.
func TestXLSXTextIsNeverAFormula(t *testing.T) {
	var buf bytes.Buffer
	must(t, WriteXLSX(&buf, Workbook{Entries: Slice(hostileEntries())}))
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	must(t, err)
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		b, err := io.ReadAll(rc)
		must(t, err)
		rc.Close()
		files[f.Name] = string(b)
	}
	sheet := files["xl/worksheets/sheet1.xml"]
	if strings.Contains(sheet, "<f>") || strings.Contains(sheet, "<f ") {
		t.Errorf("a cell is a formula:\n%s", sheet)
	}
	// G9 is the eighth entry's title, "=1+1;;=2;": an inline string with the literal style.
	cell := regexp.MustCompile(`<c r="G9"([^>]*)><is><t>([^<]*)</t></is></c>`).FindStringSubmatch(sheet)
	if cell == nil || !strings.Contains(cell[1], `t="inlineStr"`) || cell[2] != "=1+1;;=2;" {
		t.Fatalf("title cell %q in:\n%.2000s", cell, sheet)
	}
	style := regexp.MustCompile(`s="(\d+)"`).FindStringSubmatch(cell[1])
	xfs := regexp.MustCompile(`(?s)<cellXfs[^>]*>(.*?)</cellXfs>`).FindStringSubmatch(files["xl/styles.xml"])
	if style == nil || xfs == nil {
		t.Fatalf("no style on the title cell %q", cell[1])
	}
	n, _ := strconv.Atoi(style[1])
	if xf := regexp.MustCompile(`<xf [^>]*>`).FindAllString(xfs[1], -1); n >= len(xf) || !regexp.MustCompile(`quotePrefix="(1|true)"`).MatchString(xf[n]) {
		t.Errorf("the title cell's style %d is not quote-prefixed: %v", n, xf)
	}
}
