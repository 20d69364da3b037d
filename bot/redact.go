package bot

import (
	"context"
	"log/slog"
	"regexp"
)

// secretRE finds what must never reach a log: Slack tokens, and Slack
// webhook and response URLs, which are credentials while they last.
var secretRE = regexp.MustCompile(`xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|https?://hooks\.slack(?:-gov)?\.com/[^\s"']*`)

// RedactSecrets replaces tokens and response URLs in s with a placeholder.
func RedactSecrets(s string) string { return secretRE.ReplaceAllString(s, "[redacted]") }

// RedactingHandler wraps a log handler so that no message or attribute
// carries a Slack token or response URL, whatever a caller logs (errors
// from HTTP clients quote the URL they failed on).
type RedactingHandler struct{ slog.Handler }

// Handle redacts the record's message and attributes, then passes it on.
func (h RedactingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, RedactSecrets(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return h.Handler.Handle(ctx, out)
}

// WithAttrs redacts attributes added to the logger.
func (h RedactingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	for i := range as {
		as[i] = redactAttr(as[i])
	}
	return RedactingHandler{h.Handler.WithAttrs(as)}
}

// WithGroup keeps redacting inside groups.
func (h RedactingHandler) WithGroup(name string) slog.Handler {
	return RedactingHandler{h.Handler.WithGroup(name)}
}

func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, RedactSecrets(v.String()))
	case slog.KindGroup:
		as := v.Group()
		out := make([]any, len(as))
		for i := range as {
			out[i] = redactAttr(as[i])
		}
		return slog.Group(a.Key, out...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, RedactSecrets(err.Error()))
		}
		return slog.String(a.Key, RedactSecrets(v.String()))
	}
	return a
}
