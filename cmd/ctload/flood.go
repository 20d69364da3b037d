package main

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cttechplus/ctbot/bot"
)

// runFlood starts `ctbot serve` in HTTP mode and sends it waves of n
// concurrent requests of size bytes to /slack/events: unsigned, then with
// a fresh timestamp and a wrong signature (which must be read to be
// checked). It reports the server's resident memory before, at its peak
// during each wave (sampled every 2 ms, and the kernel's high-water mark
// reset before the wave) and after, and how the requests were answered.
func runFlood(bin, db, dir string, n, size int) error {
	args, env, stopFake, err := ctbotCommand(bin, db, dir)
	if err != nil {
		return err
	}
	defer stopFake()
	addr, pid, stop, err := startServer(args, env)
	if err != nil {
		return err
	}
	defer stop()
	rss, _ := memory(pid)
	fmt.Printf("flood: %d concurrent requests of %.1f MB each to %s; server RSS before %.1f MB\n", n, float64(size)/(1<<20), bot.PathEvents, mb(rss))
	payload := bytes.Repeat([]byte("a"), size)
	waves := []struct {
		name    string
		headers func() http.Header
	}{
		{"unsigned", func() http.Header { return http.Header{} }},
		{"wrong signature, fresh timestamp", func() http.Header {
			return http.Header{"X-Slack-Request-Timestamp": {strconv.FormatInt(time.Now().Unix(), 10)},
				"X-Slack-Signature": {"v0=" + strings.Repeat("0", 64)}}
		}},
	}
	worst := 0
	for _, wave := range waves {
		resetPeak(pid)
		var peak atomic.Int64
		done := make(chan struct{})
		go func() {
			for {
				if rss, _ := memory(pid); int64(rss) > peak.Load() {
					peak.Store(int64(rss))
				}
				select {
				case <-done:
					return
				case <-time.After(2 * time.Millisecond):
				}
			}
		}()
		start := time.Now()
		outcomes := flood("http://"+addr+bot.PathEvents, n, payload, wave.headers)
		elapsed := time.Since(start)
		close(done)
		_, hwm := memory(pid)
		fmt.Printf("  %-33s: %v in %v; peak RSS %.1f MB sampled, %.1f MB high-water mark\n", wave.name, outcomes, elapsed.Round(time.Millisecond), mb(int(peak.Load())), mb(hwm))
		worst = max(worst, int(peak.Load()), hwm)
	}
	time.Sleep(time.Second)
	rss, _ = memory(pid)
	fmt.Printf("  server RSS 1 s after the waves %.1f MB; worst peak %.1f MB\n", mb(rss), mb(worst))
	return nil
}

func mb(kb int) float64 { return float64(kb) / 1024 }

// resetPeak resets the kernel's record of the process's peak RSS (VmHWM),
// where the kernel allows it.
func resetPeak(pid int) {
	_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
}

// flood sends n requests at once and counts the answers by status (or error).
func flood(target string, n int, payload []byte, headers func() http.Header) string {
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	var mu sync.Mutex
	counts := map[string]int{}
	var wg sync.WaitGroup
	ready := make(chan struct{})
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPost, target, bytes.NewReader(payload))
			req.Header = headers()
			req.Header.Set("Content-Type", "application/json")
			<-ready
			outcome := ""
			if resp, err := client.Do(req); err != nil {
				outcome = "error: " + err.Error()
				if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
					// Refused at once: the server answered and closed the
					// connection while the body was still being sent.
					outcome = "closed before the body was sent"
				}
			} else {
				resp.Body.Close()
				outcome = strconv.Itoa(resp.StatusCode)
			}
			mu.Lock()
			counts[outcome]++
			mu.Unlock()
		}()
	}
	close(ready)
	wg.Wait()
	var parts []string
	for k, v := range counts {
		parts = append(parts, fmt.Sprintf("%d× %s", v, k))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}
