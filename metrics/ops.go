package metrics

import (
	"cmp"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/cttechplus/ctbot"
)

// The metrics an operator alerts on (deploy/prometheus-alerts.yml).
const (
	NameSocketConnected   = "ctbot_slack_socket_connected"
	NameSlackLastOK       = "ctbot_slack_last_success_timestamp_seconds"
	NameJobLastSuccess    = "ctbot_job_last_success_timestamp_seconds"
	NameWriteErrors       = "ctbot_write_errors_total"
	NameRefusedSignatures = "ctbot_refused_signatures_total"
	NameDatabaseSize      = "ctbot_database_size_bytes"
	NameWALSize           = "ctbot_database_wal_size_bytes"
	NameBuildInfo         = "ctbot_build_info"
)

// opsMetrics are the collectors of the metrics an operator alerts on.
type opsMetrics struct {
	socket  *prometheus.GaugeVec // no labels: absent until Socket Mode starts
	slackOK prometheus.Gauge
	jobOK   *prometheus.GaugeVec
	refused prometheus.Counter
	build   *prometheus.GaugeVec
}

func (m *Metrics) registerOps() {
	m.ops = opsMetrics{
		socket: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: NameSocketConnected,
			Help: "1 while the Socket Mode connection to Slack is up, 0 while it is down; absent in HTTP mode."}, nil),
		slackOK: prometheus.NewGauge(prometheus.GaugeOpts{Name: NameSlackLastOK,
			Help: "Unix time of the latest Slack Web API call Slack answered with ok; 0 before the first."}),
		jobOK: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: NameJobLastSuccess,
			Help: "Unix time of the latest scheduled run that finished (posted, or nothing to send), by job (digest, daily, daily:KE, ...)."}, []string{"job"}),
		refused: prometheus.NewCounter(prometheus.CounterOpts{Name: NameRefusedSignatures,
			Help: "Slack requests refused for a missing, stale or wrong signature."}),
		build: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: NameBuildInfo,
			Help: "Always 1; the labels say which ctbot runs."}, []string{"version", "commit"}),
	}
	version, commit := buildLabels()
	m.ops.build.WithLabelValues(version, commit).Set(1)
	m.reg.MustRegister(m.ops.socket, m.ops.slackOK, m.ops.jobOK, m.ops.refused, m.ops.build)
}

// SocketConnected sets whether the Socket Mode connection is up.
func (m *Metrics) SocketConnected(up bool) {
	if m == nil {
		return
	}
	v := 0.0
	if up {
		v = 1
	}
	m.ops.socket.WithLabelValues().Set(v)
}

// RunSucceeded records when a scheduled run of job last finished well.
func (m *Metrics) RunSucceeded(job string, at time.Time) {
	if m == nil {
		return
	}
	m.ops.jobOK.WithLabelValues(job).Set(float64(at.Unix()))
}

// RefusedSignature counts a request refused for its signature.
func (m *Metrics) RefusedSignature() {
	if m != nil {
		m.ops.refused.Inc()
	}
}

// Database is what the metrics read of the database: where it is, and
// how many writes failed.
type Database interface {
	Path() string
	WriteErrors() uint64
}

// WatchDatabase exports the database's write errors and the size of the
// database and of its write-ahead log, read at each scrape.
func (m *Metrics) WatchDatabase(db Database) {
	if m == nil {
		return
	}
	size := func(path string) func() float64 {
		return func() float64 {
			st, err := os.Stat(path)
			if err != nil {
				return 0
			}
			return float64(st.Size())
		}
	}
	m.reg.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: NameWriteErrors,
			Help: "Writes to the database that failed for a reason of the database's or the disk's (not a refused input)."},
			func() float64 { return float64(db.WriteErrors()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: NameDatabaseSize,
			Help: "Size of the database file in bytes."}, size(db.Path())),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: NameWALSize,
			Help: "Size of the database's write-ahead log (-wal) in bytes; 0 when there is none."}, size(db.Path()+"-wal")),
	)
}

// buildLabels are the version and commit labels of this binary
// (ctbot.Build): "unknown" for a commit Go did not record, "-dirty" after
// a commit with uncommitted changes.
func buildLabels() (version, commit string) {
	b := ctbot.Build()
	commit = cmp.Or(b.Commit, "unknown")
	if b.Modified {
		commit += "-dirty"
	}
	return b.Version, commit
}
