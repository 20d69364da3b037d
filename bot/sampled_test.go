package bot

import (
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/internal/syncbuf"
	"github.com/cttechplus/ctbot/internal/wait"
)

// lines are the log's lines with msg, and the records they stand for
// (count, 1 when absent).
func sampledLines(log, msg string) (lines, records int) {
	countRE := regexp.MustCompile(` count=(\d+)`)
	for _, l := range strings.Split(log, "\n") {
		if !strings.Contains(l, msg) {
			continue
		}
		lines++
		n := 1
		if m := countRE.FindStringSubmatch(l); m != nil {
			n, _ = strconv.Atoi(m[1])
		}
		records += n
	}
	return lines, records
}

// TestSampledErrorsOneLineAMinute: a thousand errors of one kind in a
// minute make two lines (the first at once, the rest with their count when
// the minute is over); another kind is not held back by the first; warnings
// pass untouched.
func TestSampledErrorsOneLineAMinute(t *testing.T) {
	var buf syncbuf.Buffer
	c := fakeclock.At("2026-11-27T09:00:00Z")
	log := slog.New(NewSampledHandler(slog.NewTextHandler(&buf, nil), c, slog.LevelError)).With("component", "test")
	for i := range 1000 {
		log.Error("command failed", "ref", i, "err", "database or disk is full")
		if i%100 == 0 {
			c.Advance(time.Second)
		}
	}
	log.Error("answer not posted", "err", "no answer")
	log.Warn("a warning", "n", 1)
	log.Warn("a warning", "n", 2)
	if lines, _ := sampledLines(buf.String(), "command failed"); lines != 1 {
		t.Fatalf("%d lines for 1000 errors within the minute, want 1 until it is over:\n%s", lines, buf.String())
	}
	if lines, _ := sampledLines(buf.String(), "answer not posted"); lines != 1 {
		t.Errorf("another kind of error held back:\n%s", buf.String())
	}
	if lines, _ := sampledLines(buf.String(), "a warning"); lines != 2 {
		t.Errorf("warnings sampled:\n%s", buf.String())
	}
	c.Advance(SampleEvery)
	if !wait.Until(func() bool { l, _ := sampledLines(buf.String(), "command failed"); return l == 2 }) {
		t.Fatalf("the held back errors were not written when the minute was over:\n%s", buf.String())
	}
	out := buf.String()
	if _, records := sampledLines(out, "command failed"); records != 1000 {
		t.Errorf("the lines count %d errors, want 1000:\n%s", records, out)
	}
	last := out[strings.LastIndex(out, "command failed"):]
	for _, want := range []string{"ref=999", "component=test", "count=999", "since=2026-11-27T09:00:00"} {
		if !strings.Contains(last, want) {
			t.Errorf("the minute's line lacks %s: %s", want, last)
		}
	}
	// A minute later, the next error of the kind is written at once.
	c.Advance(SampleEvery)
	log.Error("command failed", "ref", 1000)
	if lines, records := sampledLines(buf.String(), "command failed"); lines != 3 || records != 1001 {
		t.Errorf("after a quiet minute: %d lines for %d errors, want 3 for 1001:\n%s", lines, records, buf.String())
	}
}

// TestRefusedRequestsAreLoggedOnceAMinute: a flood of unsigned requests
// makes one log line a minute, with the count, and each is counted in the
// metrics.
func TestRefusedRequestsAreLoggedOnceAMinute(t *testing.T) {
	var buf syncbuf.Buffer
	h := newHarness(t)
	tr := newHTTPTransport(h.bot, HTTPOptions{SigningSecret: testSecret, Log: slog.New(slog.NewTextHandler(&buf, nil))})
	for range 120 {
		tr.refuse(ErrBadSignature)
		h.clock.Advance(time.Second)
	}
	h.clock.Advance(SampleEvery)
	msg := "refused requests with a missing, stale or wrong signature"
	var lines, records int
	if !wait.Until(func() bool { lines, records = sampledLines(buf.String(), msg); return records == 120 }) {
		t.Fatalf("%d refusals logged of 120:\n%s", records, buf.String())
	}
	if lines > 3 {
		t.Errorf("%d log lines for 120 refusals over two minutes:\n%s", lines, buf.String())
	}
}
