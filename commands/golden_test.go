package commands_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// goldenDir holds the golden scenario: its framework, its commands, and
// every figure of the answers to it, written down by hand.
const goldenDir = "testdata/golden"

// goldenStep is one line of the scenario.
type goldenStep struct {
	file    string
	line    int
	at      time.Time
	user    string
	text    string
	refused bool
}

// readScenario reads the scenario file at path.
func readScenario(t *testing.T, path string) []goldenStep {
	t.Helper()
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var steps []goldenStep
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, "  #"); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if len(fields) < 3 {
			t.Fatalf("%s:%d: want TIME USER COMMAND", name, n)
		}
		at, err := time.Parse("2006-01-02T15:04Z07:00", fields[0])
		if err != nil {
			t.Fatalf("%s:%d: %v", name, n, err)
		}
		s := goldenStep{file: name, line: n, at: at, user: fields[1]}
		rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(line, fields[0])), fields[1]))
		if strings.HasPrefix(rest, "!") {
			s.refused, rest = true, strings.TrimSpace(rest[1:])
		}
		s.text = rest
		steps = append(steps, s)
	}
	return steps
}

// goldenRun plays the scenario on a new store and returns the core at the
// end of it, with the digest as rendered when it was due.
func goldenRun(t *testing.T) (core *commands.Core, clock *fakeclock.Clock, posted map[time.Time]string) {
	t.Helper()
	return goldenRunIn(t, "")
}

// goldenRunIn is goldenRun with ctbot writing in language lang ("" for
// the configuration's).
func goldenRunIn(t *testing.T, lang string) (core *commands.Core, clock *fakeclock.Clock, posted map[time.Time]string) {
	t.Helper()
	cfg, err := config.Load(filepath.Join(goldenDir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if lang != "" {
		cfg.Framework.Language = lang
	}
	core, clock, _, posted = playScenarios(t, cfg, filepath.Join(goldenDir, "scenario.txt"))
	return core, clock, posted
}

// playScenarios plays the scenario files one after the other on a new
// store with cfg, and returns the core at the end of them, its store, and
// the digests as rendered when they were due.
func playScenarios(t *testing.T, cfg *config.Config, files ...string) (core *commands.Core, clock *fakeclock.Clock, db *storage.DB, posted map[time.Time]string) {
	t.Helper()
	var steps []goldenStep
	for _, f := range files {
		steps = append(steps, readScenario(t, f)...)
	}
	clock = fakeclock.At(steps[0].at.Format(time.RFC3339))
	db = storagetest.MustOpenDB(t, clock)
	db.SetFramework(cfg.Framework)
	core = commands.New(commands.Options{Framework: cfg.Framework, Store: db, Figures: storagetest.Figures(db, cfg.Framework, clock.Now), Now: clock.Now, Access: cfg.Access})
	ctx := context.Background()
	posted = map[time.Time]string{}
	for _, s := range steps {
		clock.Set(s.at)
		if s.text == "digest" {
			r, err := core.Digest(ctx, s.at)
			if err != nil {
				t.Fatal(err)
			}
			posted[s.at] = r.Text()
			continue
		}
		before := count(t, db)
		r := core.Handle(ctx, commands.Request{UserID: s.user, Text: s.text, Source: commands.FromConsole})
		switch {
		case s.refused && !r.Failed:
			t.Fatalf("%s:%d: %q should be refused, got:\n%s", s.file, s.line, s.text, r.Text())
		case s.refused && count(t, db) != before:
			t.Fatalf("%s:%d: a refused command stored something", s.file, s.line)
		case !s.refused && r.Failed:
			t.Fatalf("%s:%d: %q failed:\n%s", s.file, s.line, s.text, r.Text())
		}
	}
	return core, clock, db, posted
}

// TestGoldenScenario compares every figure of status, status per state
// and per indicator, and the digest, with what was worked out by hand
// (testdata/golden/*.txt; the arithmetic is in figures.md).
func TestGoldenScenario(t *testing.T) {
	core, clock, posted := goldenRun(t)
	clock.Set(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	for _, tc := range goldenQuestions {
		r := core.Handle(context.Background(), commands.Request{UserID: "UMGR", Text: tc.text, Source: commands.FromConsole})
		compareGolden(t, tc.file, r.Text())
	}
	digestAt := time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC)
	compareGolden(t, "digest-2026-11-23.txt", posted[digestAt])
}

// goldenQuestions are the answers the golden files hold, by file.
var goldenQuestions = []struct{ file, text string }{
	{"status.txt", "status"},
	{"status-kenya.txt", "status kenya"},
	{"status-nigeria.txt", "status nigeria"},
	{"status-ghana.txt", "status ghana"},
	{"status-iraq.txt", "status iraq"},
	{"status-unsr-recs.txt", "status unsr-recs"},
	{"status-women-policy.txt", "status women-policy"},
	{"status-investigators-trained.txt", "status investigators-trained"},
	{"status-strategies.txt", "status strategies"},
}

// TestGoldenScenarioInFrench plays the golden scenario with ctbot writing
// in French: every answer holds the same figures as the English one
// (numbers written the French way: decimal comma, spaces in thousands).
func TestGoldenScenarioInFrench(t *testing.T) {
	core, clock, posted := goldenRunIn(t, "fr")
	clock.Set(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	for _, tc := range goldenQuestions {
		r := core.Handle(context.Background(), commands.Request{UserID: "UMGR", Text: tc.text, Source: commands.FromConsole})
		want, err := os.ReadFile(filepath.Join(goldenDir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		if r.Text() == string(want) || !strings.Contains(r.Text(), "Jour 696 sur 730") {
			t.Errorf("%s: not written in French:\n%s", tc.text, r.Text())
		}
		if g, w := figuresOf(r.Text()), figuresOf(string(want)); !slices.Equal(g, w) {
			t.Errorf("%s: the French answer's figures differ:\n got %v\nwant %v\n%s", tc.text, g, w, r.Text())
		}
	}
	want, err := os.ReadFile(filepath.Join(goldenDir, "digest-2026-11-23.txt"))
	if err != nil {
		t.Fatal(err)
	}
	got := posted[time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC)]
	if g, w := figuresOf(got), figuresOf(string(want)); !slices.Equal(g, w) {
		t.Errorf("the French digest's figures differ:\n got %v\nwant %v\n%s", g, w, got)
	}
}

// figureRE finds numbers: integers and decimals with a point or a comma.
var figureRE = regexp.MustCompile(`\d+(?:[.,]\d+)?`)

// figuresOf are the numbers of a text, sorted, decimals with a point; the
// spaces that group thousands are dropped first.
func figuresOf(s string) []string {
	s = regexp.MustCompile(`(\d)[\x{202f}\x{a0} ](\d{3})\b`).ReplaceAllString(s, "$1$2")
	out := figureRE.FindAllString(s, -1)
	for i := range out {
		out[i] = strings.ReplaceAll(out[i], ",", ".")
	}
	slices.Sort(out)
	return out
}

// TestPostedDigestRerendersTheSame re-renders the digest posted on 23 Nov
// after the retractions, amendments and backfills recorded since: it shows
// what was known when it was posted, figure for figure.
func TestPostedDigestRerendersTheSame(t *testing.T) {
	core, _, posted := goldenRun(t)
	digestAt := time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC)
	again, err := core.Digest(context.Background(), digestAt)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := again.Text(), posted[digestAt]; got != want {
		t.Errorf("the digest of 23 Nov re-rendered differently:\n--- posted\n%s\n--- re-rendered\n%s", want, got)
	}
	// The figures since are different: the comparison above could fail.
	now, err := core.Digest(context.Background(), digestAt.Add(4*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if now.Text() == posted[digestAt] {
		t.Error("a digest four days later is the same as the posted one")
	}
}

func compareGolden(t *testing.T, file, got string) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join(goldenDir, file))
	if err != nil {
		t.Errorf("%s: %v; got:\n%s", file, err, got)
		return
	}
	if strings.TrimRight(string(want), "\n") != strings.TrimRight(got, "\n") {
		t.Errorf("%s differs:\n%s", file, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines that differ, numbered.
func lineDiff(want, got string) string {
	w, g := strings.Split(strings.TrimRight(want, "\n"), "\n"), strings.Split(strings.TrimRight(got, "\n"), "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + "\n  want: " + wl + "\n  got:  " + gl + "\n")
		}
	}
	return b.String()
}

// count measures what the store holds: entries, their versions and
// retractions, so that any change shows.
func count(t *testing.T, db *storage.DB) int {
	t.Helper()
	es, err := db.History(context.Background(), ctbot.EntryFilter{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range es {
		n += 1 + e.Version
		if e.Retracted {
			n++
		}
	}
	return n
}
