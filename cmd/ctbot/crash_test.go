package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/bot"
	"github.com/cttechplus/ctbot/internal/fakeslack"
	"github.com/cttechplus/ctbot/internal/wait"
)

// startChild runs ctbot serve as a separate process.
func startChild(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	raw, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), childEnv+"="+string(raw)), env...)
	logs, err := os.Create(filepath.Join(t.TempDir(), "child.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitHealthy waits until ctbot on addr answers /healthz 200.
func waitHealthy(t *testing.T, addr string, child *exec.Cmd) {
	t.Helper()
	last := "no answer"
	healthy := wait.Until(func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			last = err.Error()
			return false
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		last = fmt.Sprintf("%d %s", resp.StatusCode, body)
		return resp.StatusCode == http.StatusOK
	})
	if !healthy {
		logs, _ := os.ReadFile(child.Stdout.(*os.File).Name())
		t.Fatalf("ctbot on %s did not become healthy; /healthz last said: %s\nits log:\n%s", addr, last, logs)
	}
}

var recordedRE = regexp.MustCompile(`Recorded #(\d+)`)

// TestCrashLosesNothingAcknowledged drives a ctbot process with signed
// commands, kills it with SIGKILL in the middle, restarts it on the same
// database and checks that every command answered 200 "Recorded #N" is
// there as #N, that the database is intact, and that the digest of each
// period went out exactly once.
func TestCrashLosesNothingAcknowledged(t *testing.T) {
	fake := fakeslack.New(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "crash.db")
	addr := freePort(t)
	src := string(ctbot.DefaultConfig)
	for old, new := range map[string]string{
		`mode = "socket"`:          `mode = "http"`,
		`listen = ""`:              `listen = "` + addr + `"`,
		`api_url = ""`:             `api_url = "` + fake.APIURL() + `"`,
		`channel = ""`:             `channel = "C0DIGEST"`,
		`schedule = "0 8 * * MON"`: `schedule = "* * * * *"`, // a digest every minute: one is due at every start
		`catch_up_hours = 24`:      `catch_up_hours = 1`,
	} {
		src = strings.Replace(src, old, new, 1)
	}
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	const secret = "crash-test-signing-secret-000000"
	env := []string{"SLACK_BOT_TOKEN=xoxb-crash-test-0000", "SLACK_SIGNING_SECRET=" + secret}

	first := startChild(t, env, "serve", "-config", cfg, "-db", db)
	waitHealthy(t, addr, first)

	var mu sync.Mutex
	acked := map[string]int64{} // command text -> the ID it was acknowledged with
	sent, failed := 0, 0
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 5 * time.Second}
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				text := fmt.Sprintf("log kenya crash test worker %d message %d", w, i)
				form := url.Values{"command": {"/ct"}, "text": {text}, "user_id": {fmt.Sprintf("UCRASH%d", w)}, "channel_id": {"C1"},
					"team_id": {fakeslack.Team}, "trigger_id": {fmt.Sprintf("crash.%d.%d", w, i)}, "response_url": {fake.ResponseURL("crash")}}.Encode()
				req, _ := http.NewRequest(http.MethodPost, "http://"+addr+bot.PathCommands, strings.NewReader(form))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				ts := strconv.FormatInt(time.Now().Unix(), 10)
				req.Header.Set("X-Slack-Request-Timestamp", ts)
				req.Header.Set("X-Slack-Signature", bot.Sign(secret, ts, []byte(form)))
				resp, err := client.Do(req)
				mu.Lock()
				sent++
				mu.Unlock()
				if err != nil {
					mu.Lock()
					failed++
					mu.Unlock()
					time.Sleep(10 * time.Millisecond)
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if m := recordedRE.FindSubmatch(body); resp.StatusCode == http.StatusOK && m != nil {
					id, _ := strconv.ParseInt(string(m[1]), 10, 64)
					mu.Lock()
					acked[text] = id
					mu.Unlock()
				}
			}
		}()
	}
	// Conditions, not time: enough load before the kill, a failed request
	// while ctbot is down, enough load on the restarted process.
	count := func() (acks, fails int) {
		mu.Lock()
		defer mu.Unlock()
		return len(acked), failed
	}
	wait.For(t, "200 acknowledged commands before the kill", func() bool { a, _ := count(); return a >= 200 })
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	wait.For(t, "a request failing while ctbot is down", func() bool { _, f := count(); return f > 0 })
	second := startChild(t, env, "serve", "-config", cfg, "-db", db)
	waitHealthy(t, addr, second)
	before, _ := count()
	wait.For(t, "200 commands acknowledged by the restarted process", func() bool { a, _ := count(); return a >= before+200 })
	// Each start catches up the minute's digest; wait until one is done.
	watch, err := sql.Open("sqlite3", "file:"+db+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()
	wait.For(t, "a digest posted", func() bool {
		var n int
		_ = watch.QueryRow(`SELECT COUNT(*) FROM job_runs WHERE job = 'digest' AND status = 'posted'`).Scan(&n)
		return n > 0
	})
	close(stop)
	wg.Wait()
	if err := second.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := second.Wait(); err != nil {
		t.Errorf("restarted ctbot did not stop cleanly: %v", err)
	}

	conn, err := sql.Open("sqlite3", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var integrity string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check = %q, %v", integrity, err)
	}
	missing := 0
	for text, id := range acked {
		var got int64
		if err := conn.QueryRow(`SELECT id FROM entries WHERE note = ? AND retracted = 0`, strings.TrimPrefix(text, "log kenya ")).Scan(&got); err != nil || got != id {
			missing++
			if missing < 5 {
				t.Errorf("acknowledged %q as #%d, database has #%d (%v)", text, id, got, err)
			}
		}
	}
	var stored int
	conn.QueryRow(`SELECT COUNT(*) FROM entries`).Scan(&stored)
	// Each entry and its running sums were committed together.
	var trainings, summed int
	conn.QueryRow(`SELECT COUNT(*) FROM entries WHERE kind = 'training' AND retracted = 0`).Scan(&trainings)
	conn.QueryRow(`SELECT COALESCE(SUM(count), 0) FROM training_sums WHERE day = ''`).Scan(&summed)
	if trainings != summed {
		t.Errorf("%d trainings but the sums count %d", trainings, summed)
	}
	// Whenever the kill came, no message of a digest was posted twice
	// (each carries its run and part in its metadata), and every run
	// recorded as posted has its message in Slack.
	posted := map[string]int{}
	for _, c := range fake.Calls("chat.postMessage") {
		if c.Form.Get("channel") == "C0DIGEST" {
			posted[c.Form.Get("metadata")]++
		}
	}
	for key, n := range posted {
		if n != 1 {
			t.Errorf("digest message %s posted %d times", key, n)
		}
	}
	rows, err := conn.Query(`SELECT period FROM job_runs WHERE job = 'digest' AND status = 'posted'`)
	if err != nil {
		t.Fatal(err)
	}
	periods := 0
	for rows.Next() {
		var period string
		rows.Scan(&period)
		periods++
		key := `{"event_type":"ctbot_delivery","event_payload":{"key":"digest/` + period + `/channel#0"}}`
		if posted[key] != 1 {
			t.Errorf("digest %s is recorded as posted but Slack has it %d times", period, posted[key])
		}
	}
	rows.Close()
	if periods == 0 {
		t.Error("no digest was posted: each start should catch up the minute's digest")
	}
	t.Logf("crash test: %d requests sent, %d failed while ctbot was down, %d acknowledged and all %d found; %d entries stored; %d digest messages for %d posted periods",
		sent, failed, len(acked), len(acked)-missing, stored, len(posted), periods)
}
