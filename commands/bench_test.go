package commands_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/bot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/export"
	"github.com/cttechplus/ctbot/internal/benchdata"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// benchNow is the end of the generated history.
var benchNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// benchDB returns a database with n generated entries, built once and kept
// in the temp directory between runs (delete ctbot-bench/ to rebuild).
func benchDB(b *testing.B, n int) *storage.DB {
	b.Helper()
	fw := config.Default().Framework
	dir := filepath.Join(os.TempDir(), "ctbot-bench")
	path := filepath.Join(dir, fmt.Sprintf("entries-%d.db", n))
	if _, err := os.Stat(path); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		tmp := path + ".building"
		os.Remove(tmp)
		db, err := storage.Open(context.Background(), tmp, clock.Real{})
		if err != nil {
			b.Fatal(err)
		}
		db.SetFramework(fw)
		start := time.Now()
		if err := benchdata.Fill(context.Background(), db, fw, n, benchNow); err != nil {
			b.Fatal(err)
		}
		db.Close()
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		os.Remove(tmp + "-wal")
		os.Remove(tmp + "-shm")
		b.Logf("built %d entries in %v", n, time.Since(start))
	}
	db, err := storage.Open(context.Background(), path, fakeclock.New(benchNow))
	if err != nil {
		b.Fatal(err)
	}
	db.SetFramework(fw)
	b.Cleanup(func() { db.Close() })
	return db
}

// benchCore is a core on db, with the figures of now already read into
// memory, as `ctbot serve` does at start.
func benchCore(db *storage.DB) *commands.Core {
	cfg := config.Default()
	now := fakeclock.New(benchNow).Now
	figs := storagetest.Figures(db, cfg.Framework, now)
	if _, err := figs.Current(context.Background()); err != nil {
		panic(err)
	}
	return commands.New(commands.Options{Framework: cfg.Framework, Store: db, Figures: figs, Now: now})
}

var sizes = []int{10_000, 100_000, 1_000_000}

func BenchmarkStatus(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			core := benchCore(benchDB(b, n))
			ctx := context.Background()
			for b.Loop() {
				if r := core.Handle(ctx, commands.Request{UserID: "U1", Text: "status"}); r.Failed {
					b.Fatal(r.Text())
				}
			}
			reportRSS(b)
		})
	}
}

func BenchmarkStatusCountry(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			core := benchCore(benchDB(b, n))
			for b.Loop() {
				if r := core.Handle(context.Background(), commands.Request{UserID: "U1", Text: "status kenya"}); r.Failed {
					b.Fatal(r.Text())
				}
			}
		})
	}
}

func BenchmarkStatusIndicator(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			core := benchCore(benchDB(b, n))
			for b.Loop() {
				if r := core.Handle(context.Background(), commands.Request{UserID: "U1", Text: "status investigators-trained"}); r.Failed {
					b.Fatal(r.Text())
				}
			}
		})
	}
}

// BenchmarkWindowedQuery: the trainings of one state on one topic in one
// month (grouped by level), read from the log and tallied.
func BenchmarkWindowedQuery(b *testing.B) {
	q := ctbot.Query{Figures: []ctbot.Figure{ctbot.Trainings}, GroupBy: ctbot.GroupBy{Level: true},
		Filter: ctbot.Filter{States: []string{"KE"}, Topics: []string{"darknet"}, From: ctbot.MustParseDate("2026-03-01"), To: ctbot.MustParseDate("2026-03-31")}}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			core := benchCore(benchDB(b, n))
			for b.Loop() {
				if _, err := core.Figures().Query(context.Background(), q, benchNow); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDigest(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			core := benchCore(benchDB(b, n))
			for b.Loop() {
				r, err := core.Digest(context.Background(), benchNow)
				if err != nil {
					b.Fatal(err)
				}
				_ = bot.Split(r.Doc) // as posted: rendered and split into messages
			}
			reportRSS(b)
		})
	}
}

func BenchmarkHome(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			core := benchCore(benchDB(b, n))
			for b.Loop() {
				r, err := core.Home(context.Background(), "U0000001")
				if err != nil {
					b.Fatal(err)
				}
				_ = r.Text()
			}
		})
	}
}

// nopStore accepts every entry, so BenchmarkParse measures the parser alone.
type nopStore struct{ commands.Store }

func (nopStore) Record(_ context.Context, e *ctbot.Entry, _ ctbot.WriteOptions) (*ctbot.Entry, error) {
	e.ID = 1
	return nil, nil
}

func BenchmarkParse(b *testing.B) {
	core := commands.New(commands.Options{Framework: config.Default().Framework, Store: nopStore{}, Now: fakeclock.New(benchNow).Now})
	ctx := context.Background()
	for b.Loop() {
		r := core.Handle(ctx, commands.Request{UserID: "U1", Text: `training Côte d’Ivoire 2026-11-20 “Darknet and virtual assets (basic)” trained=25 women=9 new=20 online`})
		if r.Failed {
			b.Fatal(r.Text())
		}
	}
}

func BenchmarkRecord(b *testing.B) {
	dir := b.TempDir()
	db, err := storage.Open(context.Background(), filepath.Join(dir, "r.db"), clock.Real{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetFramework(config.Default().Framework)
	core := commands.New(commands.Options{Framework: config.Default().Framework, Store: db, Figures: storagetest.Figures(db, config.Default().Framework, time.Now)})
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		r := core.Handle(ctx, commands.Request{UserID: "U1", Text: fmt.Sprintf(`training kenya 2026-11-20 "OSINT %d" trained=25 women=9`, i)})
		if r.Failed {
			b.Fatal(r.Text())
		}
	}
}

// reportRSS reports the process's peak resident memory.
func reportRSS(b *testing.B) {
	if kb := peakRSSKB(); kb > 0 {
		b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MB")
}

func peakRSSKB() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	var kb int
	for _, line := range splitLines(string(b)) {
		if _, err := fmt.Sscanf(line, "VmHWM: %d kB", &kb); err == nil {
			return kb
		}
	}
	return 0
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

// BenchmarkExport100k writes the exports of 100,000 entries: every entry
// and the audit trail as CSV, the workbook of a period (logframe, the
// period's entries and audit), and the logframe of a period; bytes/op is
// the size written.
func BenchmarkExport100k(b *testing.B) {
	const n = 100_000
	core := benchCore(benchDB(b, n))
	ctx := context.Background()
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	b.Run("csv", func(b *testing.B) {
		for b.Loop() {
			wb := core.Records(ctx, ctbot.Date{}, ctbot.Date{})
			var buf bytes.Buffer
			if _, err := export.EntriesCSV(&buf, wb.Entries); err != nil {
				b.Fatal(err)
			}
			if _, err := export.AuditCSV(&buf, wb.Audit); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(buf.Len()), "bytes")
		}
		reportRSS(b)
	})
	b.Run("xlsx", func(b *testing.B) {
		for b.Loop() {
			wb, err := core.Workbook(ctx, q3, "")
			if err != nil {
				b.Fatal(err)
			}
			var buf bytes.Buffer
			if err := export.WriteXLSX(&buf, wb); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(buf.Len()), "bytes")
		}
		reportRSS(b)
	})
	b.Run("report", func(b *testing.B) {
		for b.Loop() {
			if _, err := core.Logframe(ctx, q3, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Six people ask for /ct report at once (run alone, its peak RSS is theirs).
	b.Run("6-reports", func(b *testing.B) {
		for b.Loop() {
			var wg sync.WaitGroup
			for range 6 {
				wg.Go(func() {
					if _, _, err := core.Report(ctx, core.Loc(""), q3, ""); err != nil {
						b.Error(err)
					}
				})
			}
			wg.Wait()
		}
		reportRSS(b)
	})
}

// BenchmarkCloseAndKeptReport closes a period (its logframe folded and
// kept in the writer's transaction: how long writes wait) and reopens it,
// and reads the report of a closed period (rendered from what was kept).
func BenchmarkCloseAndKeptReport(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			db := benchDB(b, n)
			cfg := config.Default()
			now := fakeclock.New(benchNow).Now
			core := commands.New(commands.Options{Framework: cfg.Framework, Store: db, Figures: storagetest.Figures(db, cfg.Framework, now),
				Now: now, Access: ctbot.Access{Coordinators: []string{"UCOORD"}}})
			ctx := context.Background()
			as := func(text string) {
				if r := core.Handle(ctx, commands.Request{UserID: "UCOORD", Text: text}); r.Failed {
					b.Fatal(r.Text())
				}
			}
			q2, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q2")
			b.Run("close", func(b *testing.B) {
				for b.Loop() {
					as("period close 2026-Q3 bench")
					b.StopTimer()
					as("period reopen 2026-Q3 bench")
					b.StartTimer()
				}
				reportRSS(b)
			})
			as("period close 2026-Q2 bench")
			b.Run("kept-report", func(b *testing.B) {
				for b.Loop() {
					if _, _, err := core.Report(ctx, core.Loc(""), q2, ""); err != nil {
						b.Fatal(err)
					}
				}
			})
			as("period reopen 2026-Q2 bench")
			b.Run("open-report", func(b *testing.B) {
				for b.Loop() {
					if _, _, err := core.Report(ctx, core.Loc(""), q2, ""); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
