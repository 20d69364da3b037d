package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// backupMetrics are the scheduled backups' outcomes.
type backupMetrics struct {
	lastSuccess prometheus.Gauge
	failures    prometheus.Counter
}

func newBackupMetrics(reg *prometheus.Registry) backupMetrics {
	b := backupMetrics{
		lastSuccess: prometheus.NewGauge(prometheus.GaugeOpts{Name: "ctbot_backup_last_success_timestamp_seconds",
			Help: "When the latest scheduled backup was written and verified (Unix time); 0 before the first."}),
		failures: prometheus.NewCounter(prometheus.CounterOpts{Name: "ctbot_backup_failures_total",
			Help: "Scheduled backups that failed (each attempt)."}),
	}
	reg.MustRegister(b.lastSuccess, b.failures)
	return b
}

// BackupSucceeded records a verified backup written at t.
func (m *Metrics) BackupSucceeded(t time.Time) {
	if m != nil {
		m.backup.lastSuccess.Set(float64(t.Unix()))
	}
}

// BackupFailed counts a failed backup.
func (m *Metrics) BackupFailed() {
	if m != nil {
		m.backup.failures.Inc()
	}
}
