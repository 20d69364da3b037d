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
	"testing"
	"time"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/storage"
)

// BenchmarkSlashCommand measures a signed slash command that records an
// entry, from the raw request to the acknowledgement, in-process.
func BenchmarkSlashCommand(b *testing.B) {
	db, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"), time.Now)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	core := commands.New(commands.Options{Framework: config.Default().Framework, Store: db})
	bt := New(Options{Core: core, Events: db})
	h := bt.HTTPHandler(HTTPOptions{SigningSecret: testSecret, DB: db})
	i := 0
	for b.Loop() {
		i++
		form := url.Values{"command": {"/ct"}, "text": {fmt.Sprintf(`training kenya today "Load %d" trained=12 women=5`, i)},
			"user_id": {"U1"}, "channel_id": {"C1"}, "response_url": {"http://127.0.0.1:1/x"}}.Encode()
		req := httptest.NewRequest(http.MethodPost, PathCommands, strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", Sign(testSecret, ts, []byte(form)))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Recorded #") {
			b.Fatalf("%d %s", rec.Code, rec.Body.String())
		}
	}
}
