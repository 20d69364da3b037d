package metrics

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// fakeDB is a database file of known size with a count of write errors.
type fakeDB struct{ path string }

func (d fakeDB) Path() string        { return d.path }
func (d fakeDB) WriteErrors() uint64 { return 3 }

// scrape returns m's metrics in the text format.
func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	return rec.Body.String()
}

// used is m with every collector an alert may name given a value.
func used(t *testing.T) *Metrics {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ctbot.db")
	if err := os.WriteFile(path, make([]byte, 4096), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+"-wal", make([]byte, 1000), 0o600); err != nil {
		t.Fatal(err)
	}
	m := New()
	m.WatchDatabase(fakeDB{path})
	m.SocketConnected(true)
	m.RunSucceeded("digest", time.Unix(1_800_000_000, 0))
	m.RunSucceeded("daily", time.Unix(1_800_000_100, 0))
	m.Run("digest", "failed")
	m.RefusedSignature()
	m.SocketDisconnect("warning")
	m.Retry("connection")
	m.Command("log", "ok")
	m.Event("handled")
	m.Ack("command", time.Millisecond)
	m.slackErrs.WithLabelValues("chat.postMessage").Inc()
	m.slackReqs.WithLabelValues("chat.postMessage", "2xx").Inc()
	return m
}

// TestOperatorMetrics: the metrics an operator alerts on are served with
// their values.
func TestOperatorMetrics(t *testing.T) {
	text := scrape(t, used(t))
	version, commit := buildLabels()
	for _, want := range []string{
		"ctbot_slack_socket_connected 1",
		`ctbot_job_last_success_timestamp_seconds{job="digest"} 1.8e+09`,
		"ctbot_refused_signatures_total 1",
		"ctbot_write_errors_total 3",
		"ctbot_database_size_bytes 4096",
		"ctbot_database_wal_size_bytes 1000",
		"ctbot_slack_last_success_timestamp_seconds 0",
		`ctbot_build_info{commit="` + commit + `",version="` + version + `"} 1`,
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("metrics lack %s", want)
		}
	}
	if version == "" || commit == "" {
		t.Errorf("build info: version %q commit %q", version, commit)
	}
}

// TestAlertRulesNameRealMetrics: every ctbot_ metric an expression of
// deploy/prometheus-alerts.yml names is one ctbot serves, every rule has
// an expression, a severity and a summary, and the metrics an operator
// alerts on all have a rule.
func TestAlertRulesNameRealMetrics(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "deploy", "prometheus-alerts.yml"))
	if err != nil {
		t.Fatal(err)
	}
	served := map[string]bool{}
	for _, l := range strings.Split(scrape(t, used(t)), "\n") {
		if name, ok := strings.CutPrefix(l, "# TYPE "); ok {
			served[strings.Fields(name)[0]] = true
		}
	}
	ruleRE := regexp.MustCompile(`(?m)^      - alert: (\w+)\n((?:        .*\n|\s*\n)*)`)
	exprRE := regexp.MustCompile(`(?m)^        expr: (.+)$`)
	nameRE := regexp.MustCompile(`\bctbot_[a-z0-9_]+`)
	rules := ruleRE.FindAllStringSubmatch(string(src), -1)
	if len(rules) < 8 {
		t.Fatalf("%d alert rules found in the file; the pattern no longer reads it", len(rules))
	}
	named := map[string]bool{}
	for _, r := range rules {
		alert, body := r[1], r[2]
		expr := exprRE.FindStringSubmatch(body)
		if expr == nil {
			t.Errorf("%s: no expr", alert)
			continue
		}
		if strings.Count(expr[1], "(") != strings.Count(expr[1], ")") {
			t.Errorf("%s: unbalanced parentheses in %q", alert, expr[1])
		}
		for _, want := range []string{"        labels:\n          severity: ", "        annotations:\n          summary: "} {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %q", alert, strings.TrimSpace(want))
			}
		}
		for _, name := range nameRE.FindAllString(expr[1], -1) {
			named[name] = true
			if !served[name] {
				t.Errorf("%s names %s, which ctbot does not serve", alert, name)
			}
		}
	}
	for _, name := range []string{NameSocketConnected, NameSlackLastOK, NameJobLastSuccess, NameWriteErrors,
		NameRefusedSignatures, NameDatabaseSize, NameWALSize, NameBuildInfo} {
		if !named[name] {
			t.Errorf("no alert rule uses %s", name)
		}
	}
}
