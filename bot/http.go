package bot

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// MaxBody is the largest request body accepted from Slack.
const MaxBody = 64 << 10

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// HTTPOptions configure the HTTP transport.
type HTTPOptions struct {
	SigningSecret string
	Now           func() time.Time // clock for the signature's replay window
	DB            Pinger           // for /healthz
	Log           *slog.Logger
	// Extra routes (e.g. /metrics) are added to the same server.
	Extra map[string]http.Handler
}

// Routes of the HTTP transport.
const (
	PathCommands     = "/slack/commands"
	PathEvents       = "/slack/events"
	PathInteractions = "/slack/interactivity"
	PathHealth       = "/healthz"
)

// HTTPHandler returns the handler for Slack's request URLs. Every request
// from Slack is size-limited and signature-checked before anything else.
func (b *Bot) HTTPHandler(o HTTPOptions) http.Handler {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = b.log
	}
	h := &httpTransport{bot: b, o: o}
	mux := http.NewServeMux()
	mux.Handle(PathCommands, h.slack("command", "application/x-www-form-urlencoded", h.commands))
	mux.Handle(PathEvents, h.slack("event", "application/json", h.events))
	mux.Handle(PathInteractions, h.slack("interaction", "application/x-www-form-urlencoded", h.interactions))
	mux.HandleFunc(PathHealth, h.health)
	for path, handler := range o.Extra {
		mux.Handle(path, handler)
	}
	return mux
}

type httpTransport struct {
	bot *Bot
	o   HTTPOptions
}

// slack wraps a handler of a Slack request URL: POST only (405), the
// expected content type (415), at most MaxBody bytes (413), and a valid
// signature on the raw body (401). Nothing is handled before all pass.
func (h *httpTransport) slack(kind, contentType string, next func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != contentType {
			http.Error(w, "unsupported content type; want "+contentType, http.StatusUnsupportedMediaType)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		if err := Verify(r.Header, body, h.o.SigningSecret, h.o.Now()); err != nil {
			h.o.Log.Warn("refused a request with a bad signature", "path", r.URL.Path, "reason", err.Error(), "remote", r.RemoteAddr)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		next(w, r, body)
		h.bot.metrics.Ack(kind, time.Since(start))
	})
}

func (h *httpTransport) commands(w http.ResponseWriter, r *http.Request, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	sc := slack.SlashCommand{
		TeamID: form.Get("team_id"), ChannelID: form.Get("channel_id"), UserID: form.Get("user_id"),
		Command: form.Get("command"), Text: form.Get("text"), ResponseURL: form.Get("response_url"),
		TriggerID: form.Get("trigger_id"), APIAppID: form.Get("api_app_id"),
	}
	writeJSON(w, h.bot.Slash(r.Context(), sc))
}

func (h *httpTransport) events(w http.ResponseWriter, r *http.Request, body []byte) {
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		// Inner event types slack-go does not know: still acknowledge, or
		// Slack retries and may disable the subscription.
		h.o.Log.Debug("unparsed event acknowledged", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	if ev.Type == slackevents.URLVerification {
		var c slackevents.ChallengeResponse
		if err := json.Unmarshal(body, &c); err != nil {
			http.Error(w, "bad challenge", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, c.Challenge)
		return
	}
	if n := r.Header.Get("X-Slack-Retry-Num"); n != "" {
		h.o.Log.Info("event redelivered by Slack", "retry", n, "reason", r.Header.Get("X-Slack-Retry-Reason"))
	}
	h.bot.Event(ev)
	w.WriteHeader(http.StatusOK)
}

func (h *httpTransport) interactions(w http.ResponseWriter, r *http.Request, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	var ic slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &ic); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	if resp := h.bot.Interaction(r.Context(), ic); resp != nil {
		writeJSON(w, resp)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (h *httpTransport) health(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if h.o.DB == nil || h.o.DB.Ping(ctx) != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	_, _ = io.WriteString(w, "ok\n")
}

// writeJSON writes v as the response body; a nil v is an empty 200.
func writeJSON[T any](w http.ResponseWriter, v *T) {
	if v == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		http.Error(w, "encoding failed", http.StatusInternalServerError)
	}
}
