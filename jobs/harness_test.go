package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/bot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/reply"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// fakePoster records what would go to Slack and can be told to fail.
type fakePoster struct {
	mu         sync.Mutex
	posts      []post
	uploads    []post
	failPosts  int // the next n posts fail
	okBefore   int // with failNext: posts that succeed before one fails
	failNext   bool
	failUpload bool
	seq        int
	finds      int // calls of Find
	// refuse are users the poster would not open a DM with (whom the
	// workspace boundary does not admit).
	refuse map[string]bool
}

type post struct {
	Channel, ThreadTS, TS, Text, Blocks, Key string
	Bytes                                    int
	Alt                                      string // uploads
}

func (p *fakePoster) Split(d reply.Doc) []reply.Doc { return bot.Split(d) }

// Post renders d as Slack would get it (with the real renderer) and records it.
func (p *fakePoster) Post(_ context.Context, channel, threadTS string, d reply.Doc, key string) (string, error) {
	text, blocks := bot.Render(d)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.failPosts > 0 {
		p.failPosts--
		return "", errors.New("slack: chat.postMessage: 500 Internal Server Error")
	}
	if p.failNext {
		if p.okBefore == 0 {
			p.failNext = false
			return "", errors.New("slack: chat.postMessage: 503 Service Unavailable")
		}
		p.okBefore--
	}
	p.seq++
	ts := fmt.Sprintf("1700000000.%06d", p.seq)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(blocks)
	b := buf.Bytes()
	if len(blocks) > 50 {
		return "", fmt.Errorf("too many blocks: %d", len(blocks))
	}
	p.posts = append(p.posts, post{Channel: channel, ThreadTS: threadTS, TS: ts, Text: text, Blocks: string(b), Key: key})
	return ts, nil
}

func (p *fakePoster) OpenDM(_ context.Context, user string) (string, error) {
	if p.refuse[user] {
		return "", fmt.Errorf("slack: no direct message to %s: %w", user, ctbot.NotAdmitted(user))
	}
	return "D" + user, nil
}

// Find returns what was posted (and uploaded) into channel or thread, by key.
func (p *fakePoster) Find(_ context.Context, channel, threadTS string, _ time.Time) (map[string]string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finds++
	out := map[string]string{}
	for _, x := range append(append([]post(nil), p.posts...), p.uploads...) {
		if x.Channel != channel || threadTS != "" && x.ThreadTS != threadTS && x.TS != threadTS || threadTS == "" && x.ThreadTS != "" {
			continue
		}
		if x.Key != "" {
			out[x.Key] = x.TS
		}
		if x.Bytes > 0 {
			out["file:"+x.Text] = "upload"
		}
	}
	return out, nil
}

func (p *fakePoster) Upload(_ context.Context, channel, threadTS string, img reply.Image) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.failUpload {
		return errors.New("slack: files.getUploadURLExternal: 500")
	}
	p.uploads = append(p.uploads, post{Channel: channel, ThreadTS: threadTS, Text: img.Filename, Bytes: len(img.PNG), Alt: img.Alt})
	return nil
}

func (p *fakePoster) to(channel string) []post {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []post
	for _, x := range p.posts {
		if x.Channel == channel {
			out = append(out, x)
		}
	}
	return out
}

const digestChannel = "C0DIGEST"

type harness struct {
	t      *testing.T
	cfg    *config.Config
	clock  *fakeclock.Clock
	path   string
	db     *storage.DB
	core   *commands.Core
	poster *fakePoster
	runner *Runner
}

// newHarness runs jobs on the default framework with a digest channel, one
// coordinator and a focal point for Kenya.
func newHarness(t *testing.T, start string, edit ...func(*config.Config)) *harness {
	t.Helper()
	cfg := config.Default()
	cfg.Digest.Channel = digestChannel
	cfg.Access.Coordinators = []string{"UCOORD"}
	cfg.Framework.Country("KE").FocalPoints = []string{"UFOCALKE"}
	for _, e := range edit {
		e(cfg)
	}
	h := &harness{t: t, cfg: cfg, clock: fakeclock.At(start), path: filepath.Join(t.TempDir(), "jobs.db"), poster: &fakePoster{}}
	h.db = storagetest.MustOpenPath(t, h.path, h.clock)
	h.db.SetFramework(cfg.Framework)
	h.core = commands.New(commands.Options{Framework: cfg.Framework, Store: h.db, Figures: storagetest.Figures(h.db, cfg.Framework, h.clock.Now), Now: h.clock.Now, Access: cfg.Access,
		LookaheadDays: cfg.Digest.LookaheadDays, QuietAfterDays: cfg.Digest.QuietAfterDays})
	h.runner = h.newRunner(h.db, "process-A")
	return h
}

func (h *harness) newRunner(db *storage.DB, owner string) *Runner {
	h.t.Helper()
	r, err := New(Options{Core: h.core, Store: db, Figures: h.core.Figures(), Poster: h.poster, Config: h.cfg, Clock: h.clock, Owner: owner})
	if err != nil {
		h.t.Fatal(err)
	}
	return r
}

// at records a command as user at the given instant (RFC 3339).
func (h *harness) at(instant, user, text string) {
	h.t.Helper()
	saved := h.clock.Now()
	h.clock.Set(mustTime(instant))
	defer h.clock.Set(saved)
	if r := h.core.Handle(context.Background(), commands.Request{UserID: user, Text: text}); r.Failed {
		h.t.Fatalf("%q: %s", text, r.Text())
	}
}

func (h *harness) tick() {
	h.t.Helper()
	if err := h.runner.Tick(context.Background()); err != nil {
		h.t.Logf("tick: %v", err)
	}
}

func (h *harness) run(job, period string) *ctbot.JobRun {
	h.t.Helper()
	r, err := h.db.Run(context.Background(), job, period)
	if err != nil {
		h.t.Fatalf("run %s %s: %v", job, period, err)
	}
	return r
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func all(posts []post) string {
	var b strings.Builder
	for _, p := range posts {
		b.WriteString(p.Text + "\n" + p.Blocks + "\n")
	}
	return b.String()
}

func mustContain(t *testing.T, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Errorf("lacks %q in:\n%s", p, s)
		}
	}
}

// failAfter lets n posts through and fails the one after.
func (p *fakePoster) failAfter(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.okBefore, p.failNext = n, true
}

// manyCountries replaces the countries with n made-up ones (plus Kenya).
func manyCountries(n int) func(*config.Config) {
	return func(c *config.Config) {
		fw := c.Framework
		countries := []*ctbot.Country{fw.Country("KE")}
		for i := range n - 1 {
			code := string(rune('A'+i/26)) + string(rune('A'+i%26))
			if code == "KE" {
				code = "ZZ"
			}
			countries = append(countries, &ctbot.Country{Code: code, Name: fmt.Sprintf("Partner State %02d", i+1)})
		}
		c.Framework = ctbot.NewFramework(fw.Name, fw.Start, fw.End, fw.Location, countries, fw.Indicators)
	}
}

// seedMany gives every country a kick-off, a training last week and a log.
func (h *harness) seedMany(n int) {
	h.t.Helper()
	for i, c := range h.runner.fw.Countries[:n] {
		at := time.Date(2026, 11, 24, 8, 0, i, 0, time.UTC).Format(time.RFC3339)
		h.at(at, "USTAFF", fmt.Sprintf("kickoff %s held 2026-06-%02d", c.Code, 1+i%28))
		h.at(at, "USTAFF", fmt.Sprintf(`training %s 2026-11-24 "Open-source intelligence for counter-terrorism investigators, module %d" trained=%d women=%d`, c.Code, i, 10+i%30, 3+i%7))
		h.at(at, "USTAFF2", fmt.Sprintf("log %s Follow-up call with the national focal point about the legal pillar benchmark, item %d", c.Code, i))
	}
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
