package commands_test

import (
	"bytes"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// layout is one line as the Unicode bidi algorithm lays it out.
type layout struct {
	base   string // the paragraph's base direction: "R" or "L"
	visual string // the line in visual order, left to right, without controls and marks
}

// fribidi lays each line out with GNU FriBidi (Debian's libfribidi-bin,
// which .ci/run installs): its base direction found from the first strong
// character as a client with dir=auto does, and the order its characters
// show in, rebuilt from the visual-to-logical map (fribidi's own visual
// output is shaped into presentation forms). Backticks are left out, as
// Slack shows code without them.
func fribidi(t *testing.T, lines []string) []layout {
	t.Helper()
	bin, err := exec.LookPath("fribidi")
	if err != nil {
		t.Fatal("fribidi is needed to check Arabic layout: apt-get install libfribidi-bin")
	}
	var in bytes.Buffer
	runes := make([][]rune, len(lines))
	for i, line := range lines {
		runes[i] = []rune(strings.ReplaceAll(line, "`", ""))
		in.WriteString(string(runes[i]) + "\n")
	}
	cmd := exec.Command(bin, "--nopad", "--nobreak", "--novisual", "--basedir", "--vtol")
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("fribidi: %v", err)
	}
	got := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(got) != 2*len(lines) {
		t.Fatalf("fribidi gave %d lines for %d: %q", len(got), len(lines), out)
	}
	res := make([]layout, len(lines))
	for i := range lines {
		res[i].base = strings.TrimPrefix(got[2*i], "Base direction: ")
		var v strings.Builder
		for _, f := range strings.Fields(got[2*i+1]) {
			n, err := strconv.Atoi(f)
			if err != nil || n < 0 || n >= len(runes[i]) {
				t.Fatalf("fribidi map %q for %q", got[2*i+1], lines[i])
			}
			if r := runes[i][n]; !unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Mn, r) {
				v.WriteRune(r)
			}
		}
		res[i].visual = v.String()
	}
	return res
}

// rev is an Arabic word as it reads in visual order, left to right.
func rev(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// lineWith is the first line of text holding all of parts.
func lineWith(t *testing.T, text string, parts ...string) string {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if !slices.ContainsFunc(parts, func(p string) bool { return !strings.Contains(line, p) }) {
			return line
		}
	}
	t.Fatalf("no line holds %q:\n%s", parts, text)
	return ""
}

// TestArabicVisualOrder lays Arabic replies out as a reader sees them:
// the confirmation reads verb, "#1", the state, then what was recorded,
// right to left; a status line has the state at the right; a help line
// shows "/ct log <الدولة|programme>" whole and left to right; and every
// line of help, status, history, the digest and an error has a right-to-
// left base direction.
func TestArabicVisualOrder(t *testing.T) {
	h := newHarness(t)
	h.ok("lang ar")
	kenya := rev("كينيا")

	done := h.ok(`تدريب كينيا اليوم "Course 3" متدربين=12 نساء=3 جدد=10`).Text()
	c := fribidi(t, []string{lineWith(t, done, "#1", "كينيا")})[0]
	verb, id, state, what := strings.Index(c.visual, rev("سجل")), strings.Index(c.visual, "#1"), strings.Index(c.visual, kenya), strings.Index(c.visual, rev("التدريب"))
	if c.base != "R" || verb < 0 || id < 0 || state < 0 || what < 0 || !(what < state && state < id && id < verb) {
		t.Errorf("the confirmation does not read verb, #1, state, entry from the right (base %s): %q", c.base, c.visual)
	}

	status := h.ok("status").Text()
	s := fribidi(t, []string{strings.TrimPrefix(lineWith(t, status, "كينيا", " — "), "• ")})[0]
	if s.base != "R" || !strings.HasSuffix(strings.TrimSpace(s.visual), kenya) {
		t.Errorf("the state is not at the right of its status line (base %s): %q", s.base, s.visual)
	}

	help := h.ok("help").Text()
	logLine := strings.TrimPrefix(lineWith(t, help, "/ct log"), "• ")
	statusLine := strings.TrimPrefix(lineWith(t, help, "/ct status"), "• ")
	ls := fribidi(t, []string{logLine, statusLine})
	if ls[0].base != "R" || !strings.Contains(ls[0].visual, "/ct log <") || !strings.Contains(ls[0].visual, "|programme> [on=") {
		t.Errorf("the help line's command is not shown as written (base %s): %q", ls[0].base, ls[0].visual)
	}
	if ls[1].base != "R" || !strings.Contains(ls[1].visual, "/ct status [") || strings.Contains(ls[1].visual, "ct status/") {
		t.Errorf("/ct status is not shown as written (base %s): %q", ls[1].base, ls[1].visual)
	}

	for _, cmd := range []string{"help", "status", "status kenya", "history", "digest", "status xyzzy", "training kenya"} {
		text := h.as(staff, cmd).Text()
		var lines []string
		for _, line := range strings.Split(text, "\n") {
			if strings.IndexFunc(line, unicode.IsLetter) >= 0 {
				lines = append(lines, line)
			}
		}
		for i, l := range fribidi(t, lines) {
			if l.base != "R" {
				t.Errorf("%s: a line laid out left to right: %q", cmd, lines[i])
			}
		}
	}
}
