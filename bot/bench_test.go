package bot

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// BenchmarkSlashCommand measures a signed slash command that records an
// entry, from the raw request to the acknowledgement, in-process.
func BenchmarkSlashCommand(b *testing.B) {
	db, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"), clock.Real{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetFramework(config.Default().Framework)
	core := commands.New(commands.Options{Framework: config.Default().Framework, Store: db, Figures: storagetest.Figures(db, config.Default().Framework, time.Now)})
	bt := New(Options{Core: core, Events: db})
	h := bt.HTTPHandler(HTTPOptions{SigningSecret: testSecret, DB: db})
	i := 0
	for b.Loop() {
		i++
		rec := serveSigned(h, url.Values{"command": {"/ct"}, "text": {fmt.Sprintf(`training kenya today "Load %d" trained=12 women=5`, i)},
			"user_id": {"U1"}, "channel_id": {"C1"}, "response_url": {"http://127.0.0.1:1/x"}})
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Recorded #") {
			b.Fatalf("%d %s", rec.Code, rec.Body.String())
		}
	}
}

// BenchmarkMixedLoad runs ctload's mix in-process, from concurrent
// goroutines: a third each of `log kenya …`, `training ghana …` and
// `status kenya`, signed, through the HTTP handler.
func BenchmarkMixedLoad(b *testing.B) {
	db, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"), clock.Real{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	fw := config.Default().Framework
	db.SetFramework(fw)
	figs := storagetest.Figures(db, fw, time.Now)
	if _, err := figs.Current(context.Background()); err != nil {
		b.Fatal(err)
	}
	core := commands.New(commands.Options{Framework: fw, Store: db, Figures: figs})
	bt := New(Options{Core: core, Events: db})
	h := bt.HTTPHandler(HTTPOptions{SigningSecret: testSecret, DB: db})
	var seq atomic.Int64
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := seq.Add(1)
			text := []string{fmt.Sprintf("log kenya load test %d", n), fmt.Sprintf(`training ghana today "Load %d" trained=3 women=1`, n), "status kenya"}[n%3]
			rec := serveSigned(h, url.Values{"command": {"/ct"}, "text": {text}, "user_id": {fmt.Sprintf("U%d", n%16)}, "channel_id": {"C1"},
				"trigger_id": {fmt.Sprint(n)}, "response_url": {"http://127.0.0.1:1/x"}})
			if rec.Code != http.StatusOK {
				b.Errorf("%d %s", rec.Code, rec.Body.String())
			}
		}
	})
}

// serveSigned serves a slash command with form, signed now.
func serveSigned(h http.Handler, form url.Values) *httptest.ResponseRecorder {
	body := form.Encode()
	req := httptest.NewRequest(http.MethodPost, PathCommands, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", Sign(testSecret, ts, []byte(body)))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
