// Command ctload is ctbot's load tool. It starts `ctbot serve` in HTTP mode
// (against a fake Slack on loopback), sends signed slash commands to
// /slack/commands from N workers, and reports throughput, latency
// percentiles, errors and the server's memory. With -baseline it also runs
// a bare net/http handler that verifies the signature and inserts one row
// into SQLite with the same durability (for a status request, reads the
// latest row), under the same load, and prints the ratio of the two; with
// -rounds N it runs them in turn N times and prints each round's ratio and
// the medians. -mix weighs the kinds of request. With -flood N it sends
// N concurrent 4 MB requests unsigned, then N with a wrong signature, and
// reports ctbot's peak memory.
//
//	go build -o /tmp/ctbot ./cmd/ctbot
//	go run ./cmd/ctload -ctbot /tmp/ctbot -workers 16 -duration 20s -baseline
//	go run ./cmd/ctload -ctbot /tmp/ctbot -mix 'log=1,training=1,status=1' -rounds 5 -baseline
//	go run ./cmd/ctload -ctbot /tmp/ctbot -flood 60
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/bot"
)

const secret = "ctload-signing-secret-0123456789"

func main() {
	var (
		ctbotBin = flag.String("ctbot", "", "path to the ctbot binary to load (build it with go build -o /tmp/ctbot ./cmd/ctbot)")
		dbPath   = flag.String("db", "", "database for ctbot (default: a new one in a temp directory); use a copy, it is written to")
		workers  = flag.Int("workers", 16, "concurrent workers")
		duration = flag.Duration("duration", 15*time.Second, "how long to load each server")
		warmup   = flag.Duration("warmup", 2*time.Second, "load before measuring")
		text     = flag.String("text", `training kenya today "Load test %d" trained=12 women=5`, "slash command text; %d becomes a sequence number")
		share    = flag.Float64("status", 0, "share of requests that are `status` instead of the text (0 to 1)")
		mixFlag  = flag.String("mix", "", "weighted kinds of request instead of -text and -status, e.g. log=1,training=1,status=1 (kinds: "+strings.Join(mixKinds(), ", ")+")")
		rounds   = flag.Int("rounds", 1, "with -baseline, run ctbot and the baseline in turn this many times and print the medians")
		baseline = flag.Bool("baseline", false, "also load a bare handler (signature check + one SQLite insert, or a read for status) and print the ratio")
		serveBL  = flag.String("serve-baseline", "", "internal: serve the baseline handler on this address")
		floodN   = flag.Int("flood", 0, "instead of the load: send this many concurrent large unsigned requests, then as many with a wrong signature, and report ctbot's peak memory")
		floodSz  = flag.Int("flood-size", bot.MaxViewBody, "with -flood, the size of each request body in bytes")
	)
	flag.Parse()
	if *serveBL != "" {
		if err := serveBaseline(*serveBL, *dbPath); err != nil {
			fmt.Fprintln(os.Stderr, "baseline:", err)
			os.Exit(1)
		}
		return
	}
	if *ctbotBin == "" {
		fmt.Fprintln(os.Stderr, "ctload: -ctbot PATH is required (go build -o /tmp/ctbot ./cmd/ctbot)")
		os.Exit(2)
	}
	mix, err := parseMix(*mixFlag, *text, *share)
	check(err)
	load := loadSpec{workers: *workers, duration: *duration, warmup: *warmup, mix: mix}
	dir, err := os.MkdirTemp("", "ctload")
	check(err)
	defer os.RemoveAll(dir)
	if *floodN > 0 {
		db := *dbPath
		if db == "" {
			db = filepath.Join(dir, "ctbot.db")
		}
		check(runFlood(*ctbotBin, db, dir, *floodN, *floodSz))
		return
	}

	fmt.Printf("machine: %d CPUs; %d workers, %v per server after %v warm-up; mix %s\n", numCPU(), *workers, *duration, *warmup, mix)
	db := *dbPath
	if db == "" {
		db = filepath.Join(dir, "ctbot.db")
	}
	if !*baseline {
		res, err := runCtbot(*ctbotBin, db, dir, load)
		check(err)
		res.print("ctbot")
		return
	}
	self, err := os.Executable()
	check(err)
	var ratios, p99s, blP99s, peaks []float64
	for round := 1; round <= max(*rounds, 1); round++ {
		ctbotRes, err := runCtbot(*ctbotBin, db, dir, load)
		check(err)
		blRes, err := runServer([]string{self, "-serve-baseline", "%s", "-db", filepath.Join(dir, "baseline.db")}, nil, "/", load)
		check(err)
		fmt.Printf("round %d:\n", round)
		ctbotRes.print("  ctbot")
		blRes.print("  baseline")
		ratio := ctbotRes.throughput() / blRes.throughput()
		fmt.Printf("  ratio     : ctbot/baseline throughput %.2f, p99 latency %.2f\n", ratio, float64(ctbotRes.pct(99))/float64(blRes.pct(99)))
		ratios, p99s, blP99s = append(ratios, ratio), append(p99s, ms(ctbotRes.pct(99))), append(blP99s, ms(blRes.pct(99)))
		peaks = append(peaks, float64(ctbotRes.peakKB)/1024)
	}
	fmt.Printf("median of %d rounds: throughput ratio %.2f; p99 ctbot %.1fms, baseline %.1fms; ctbot peak RSS %.1f MB\n",
		len(ratios), median(ratios), median(p99s), median(blP99s), median(peaks))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// mixItem is one kind of request and its weight.
type mixItem struct {
	name, text string
	weight     int
}

// mixTexts are the requests -mix knows; %d becomes a sequence number.
var mixTexts = map[string]string{
	"log":      "log kenya load test %d: call with the cybercrime unit",
	"training": `training ghana today "Load test %d" trained=3 women=1`,
	"status":   "status kenya",
	"overview": "status",
}

func mixKinds() []string {
	var out []string
	for k := range mixTexts {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

type mixSpec []mixItem

func (m mixSpec) String() string {
	var parts []string
	for _, it := range m {
		parts = append(parts, fmt.Sprintf("%s=%d", it.name, it.weight))
	}
	return strings.Join(parts, ",")
}

// pick is the request for sequence number n: the kinds in turn, by weight.
func (m mixSpec) pick(n int64) mixItem {
	total := 0
	for _, it := range m {
		total += it.weight
	}
	k := int(n % int64(total))
	for _, it := range m {
		if k < it.weight {
			return it
		}
		k -= it.weight
	}
	return m[0]
}

// parseMix reads -mix; without it, -text with a -status share of status.
func parseMix(spec, text string, statusShare float64) (mixSpec, error) {
	if spec == "" {
		m := mixSpec{{name: "text", text: text, weight: 100 - int(statusShare*100)}}
		if statusShare > 0 {
			m = append(m, mixItem{name: "overview", text: "status", weight: int(statusShare * 100)})
		}
		return m, nil
	}
	var m mixSpec
	for _, part := range strings.Split(spec, ",") {
		name, w, ok := strings.Cut(strings.TrimSpace(part), "=")
		weight, err := strconv.Atoi(w)
		text, known := mixTexts[name]
		if !ok || err != nil || weight < 1 || !known {
			return nil, fmt.Errorf("-mix %q: write kind=weight,… with kinds %s and whole weights", spec, strings.Join(mixKinds(), ", "))
		}
		m = append(m, mixItem{name: name, text: text, weight: weight})
	}
	return m, nil
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "ctload:", err)
		os.Exit(1)
	}
}

func numCPU() int {
	b, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Count(string(b), "processor\t:")
}

type loadSpec struct {
	workers          int
	duration, warmup time.Duration
	mix              mixSpec
}

// runCtbot starts `ctbot serve` in HTTP mode against a fake Slack and loads it.
func runCtbot(bin, db, dir string, load loadSpec) (*result, error) {
	args, env, stop, err := ctbotCommand(bin, db, dir)
	if err != nil {
		return nil, err
	}
	defer stop()
	return runServer(args, env, bot.PathCommands, load)
}

// ctbotCommand is the command line and environment of `ctbot serve` in
// HTTP mode against a fake Slack, which stop closes; %s in the arguments
// is the address to listen on.
func ctbotCommand(bin, db, dir string) (args, env []string, stop func(), err error) {
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		resp := map[string]any{"ok": true, "user_id": "UBOT", "team": "load", "team_id": "T1", "ts": "1.1", "channel": "C1",
			"user": map[string]any{"id": "ULOAD", "team_id": "T1"}, "bot": map[string]any{"id": "BBOT", "app_id": "A1"}}
		if strings.HasSuffix(r.URL.Path, "/auth.test") {
			resp["user"], resp["bot_id"] = "ctbot", "BBOT"
		}
		_ = json.NewEncoder(w).Encode(resp)
	}))
	cfg := string(ctbot.DefaultConfig)
	cfg = strings.Replace(cfg, `mode = "socket"`, `mode = "http"`, 1)
	cfg = strings.Replace(cfg, `api_url = ""`, `api_url = "`+fake.URL+`/api/"`, 1)
	cfg = strings.Replace(cfg, `format = "text"`, `format = "json"`, 1)
	cfg = strings.Replace(cfg, `level = "info"`, `level = "warn"`, 1)
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		fake.Close()
		return nil, nil, nil, err
	}
	env = []string{"SLACK_BOT_TOKEN=xoxb-ctload-0000000000", "SLACK_SIGNING_SECRET=" + secret}
	return []string{bin, "serve", "-config", path, "-db", db, "-listen", "%s"}, env, fake.Close, nil
}

// runServer starts a server process (%s in args becomes its address),
// waits for it to answer, loads it and stops it.
func runServer(args, env []string, path string, load loadSpec) (*result, error) {
	addr, pid, stop, err := startServer(args, env)
	if err != nil {
		return nil, err
	}
	defer stop()
	res := hammer("http://"+addr+path, load)
	res.rssKB, res.peakKB = memory(pid)
	return res, nil
}

// startServer starts a server process (%s in args becomes its address)
// and waits for it to answer; stop ends it.
func startServer(args, env []string) (addr string, pid int, stop func(), err error) {
	addr, err = freeAddr()
	if err != nil {
		return "", 0, nil, err
	}
	args = append([]string(nil), args...)
	for i, a := range args {
		if a == "%s" {
			args[i] = addr
		}
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", 0, nil, err
	}
	stop = func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}
	if err := waitUp(addr); err != nil {
		stop()
		return "", 0, nil, err
	}
	return addr, cmd.Process.Pid, stop, nil
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func waitUp(addr string) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("server on %s did not come up", addr)
}

// memory reads a process's resident set and its peak, in KiB.
func memory(pid int) (rss, peak int) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		fmt.Sscanf(line, "VmRSS: %d kB", &rss)
		fmt.Sscanf(line, "VmHWM: %d kB", &peak)
	}
	return rss, peak
}

type result struct {
	ok, errs      int
	firstErr      string
	latencies     []time.Duration
	elapsed       time.Duration
	rssKB, peakKB int
}

func (r *result) throughput() float64 { return float64(r.ok) / r.elapsed.Seconds() }

func (r *result) pct(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.latencies)-1) * p / 100)
	return r.latencies[i]
}

func (r *result) print(name string) {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
	fmt.Printf("%-10s: %d ok, %d errors, %.1f req/s; latency p50 %s p99 %s max %s; server RSS %.1f MB (peak %.1f MB)\n",
		name, r.ok, r.errs, r.throughput(), ms(r.pct(50)), ms(r.pct(99)), ms(r.pct(100)), float64(r.rssKB)/1024, float64(r.peakKB)/1024)
	if r.firstErr != "" {
		fmt.Printf("            first error: %s\n", r.firstErr)
	}
}

// hammer sends signed slash commands from the workers; requests finished
// during the warm-up are not counted.
func hammer(target string, load loadSpec) *result {
	var seq atomic.Int64
	seq.Store(time.Now().UnixNano() % 1_000_000_000)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: load.workers}}
	start := time.Now()
	measureFrom := start.Add(load.warmup)
	end := measureFrom.Add(load.duration)
	const loadPeople = 100_000
	var mu sync.Mutex
	res := &result{}
	var wg sync.WaitGroup
	for w := range load.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			ok, errs, first := 0, 0, ""
			for i := 0; time.Now().Before(end); i++ {
				n := seq.Add(1)
				text := load.mix.pick(n + int64(w)).text
				if strings.Contains(text, "%d") {
					text = fmt.Sprintf(text, n)
				}
				// Many people, each well within ctbot's limits per person:
				// a workspace's load, not one person's flood.
				form := url.Values{"command": {"/ct"}, "text": {text}, "user_id": {fmt.Sprintf("ULOAD%06d", n%loadPeople)},
					"channel_id": {"C1"}, "team_id": {"T1"}, "response_url": {"http://127.0.0.1:1/unused"}, "trigger_id": {fmt.Sprintf("load.%d", n)}}.Encode()
				t0 := time.Now()
				good, msg := send(client, target, form, text)
				d := time.Since(t0)
				if t0.Before(measureFrom) {
					continue
				}
				if good {
					ok++
					lat = append(lat, d)
				} else {
					errs++
					if first == "" {
						first = msg
					}
				}
			}
			mu.Lock()
			res.ok += ok
			res.errs += errs
			res.latencies = append(res.latencies, lat...)
			if res.firstErr == "" {
				res.firstErr = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(measureFrom)
	sort.Slice(res.latencies, func(i, j int) bool { return res.latencies[i] < res.latencies[j] })
	return res
}

func send(client *http.Client, target, form, text string) (bool, string) {
	req, _ := http.NewRequest(http.MethodPost, target, strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", bot.Sign(secret, ts, []byte(form)))
	resp, err := client.Do(req)
	if err != nil {
		return false, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return false, fmt.Sprintf("status %d: %.200s", resp.StatusCode, b)
	}
	switch {
	case strings.HasPrefix(text, "status"):
		if !strings.Contains(string(b), "status on") && !strings.Contains(string(b), "Status") {
			return false, fmt.Sprintf("no status: %.300s", b)
		}
	case !strings.Contains(string(b), "Recorded #") && !strings.Contains(string(b), "recorded #"):
		return false, fmt.Sprintf("not recorded: %.300s", b)
	}
	return true, ""
}
