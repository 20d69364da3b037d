package commands_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestManyWorkersLoggingAndQuerying runs writers and readers at once, on
// two database handles to the same file (two processes, as far as SQLite
// can tell): every write is stored exactly once, the totals add up, and
// no user ever sees an error such as "database is locked".
func TestManyWorkersLoggingAndQuerying(t *testing.T) {
	fw := config.Default().Framework
	path := filepath.Join(t.TempDir(), "busy.db")
	var cores []*commands.Core
	for range 2 {
		db := storagetest.MustOpenPath(t, path, clock.Real{})
		db.SetFramework(fw)
		cores = append(cores, commands.New(commands.Options{Framework: fw, Store: db, Figures: storagetest.Figures(db, fw, time.Now)}))
	}
	const workers, perWorker = 16, 30
	var wg sync.WaitGroup
	var mu sync.Mutex
	var problems []string
	recorded := 0
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			core := cores[w%2]
			user := fmt.Sprintf("UW%02d", w)
			for i := range perWorker {
				var text string
				switch i % 5 {
				case 0, 1, 2:
					text = fmt.Sprintf(`training kenya 2026-11-20 "Course %d-%d" trained=10 women=4`, w, i)
				case 3:
					text = []string{"status", "status kenya", "history kenya 5", "status investigators-trained"}[(w+i)%4]
				default:
					text = fmt.Sprintf("log ghana note %d from worker %d", i, w)
				}
				r := core.Handle(context.Background(), commands.Request{UserID: user, Text: text})
				mu.Lock()
				if r.Failed || strings.Contains(strings.ToLower(r.Text()), "locked") {
					problems = append(problems, fmt.Sprintf("%s %q: %s", user, text, r.Text()))
				}
				if r.EntryID != 0 && r.Outcome == "ok" {
					recorded++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(problems) > 0 {
		t.Fatalf("%d failures, first: %s", len(problems), problems[0])
	}
	db := storagetest.MustOpenPath(t, path, clock.Real{})
	es, err := db.History(context.Background(), ctbot.EntryFilter{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	wantTrainings := workers * perWorker * 3 / 5
	if want := workers * perWorker * 4 / 5; len(es) != want || recorded != want {
		t.Fatalf("%d entries stored, %d acknowledged, want %d", len(es), recorded, want)
	}
	s, err := storagetest.Figures(db, fw, time.Now).Current(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tr := s.Trainings["KE"]; tr.Count != wantTrainings || tr.Trained != 10*wantTrainings || tr.Women != 4*wantTrainings {
		t.Errorf("Kenya trainings %+v, want %d trainings", tr, wantTrainings)
	}
	if v := s.Indicators[ctbot.IndicatorKey{Indicator: "investigators-trained", Country: "KE"}]; v.Value != int64(10*wantTrainings) {
		t.Errorf("investigators-trained KE = %d", v.Value)
	}
}
