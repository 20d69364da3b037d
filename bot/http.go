package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// Largest request bodies accepted from Slack. Slash commands are small;
// events (app_home_opened carries the published Home view) and
// interactions (a submitted form carries its view) can hold views of 100
// blocks of 3000 characters, which JSON may escape to several bytes each.
const (
	MaxCommandBody = 64 << 10
	MaxViewBody    = 4 << 20
)

// HTTPOptions configure the HTTP transport.
type HTTPOptions struct {
	SigningSecret string
	DB            HealthChecker // for /healthz
	Log           *slog.Logger
	// LargeBodies is how many request bodies larger than MaxCommandBody
	// are read at once (default 4); others wait for their turn.
	LargeBodies int
}

// Routes of the HTTP transport.
const (
	PathCommands     = "/slack/commands"
	PathEvents       = "/slack/events"
	PathInteractions = "/slack/interactivity"
)

// HTTPHandler returns the handler for Slack's request URLs, and /livez
// and /healthz. Every request from Slack is size-limited and
// signature-checked before anything else.
func (b *Bot) HTTPHandler(o HTTPOptions) http.Handler {
	return newHTTPTransport(b, o).handler()
}

type httpTransport struct {
	bot     *Bot
	o       HTTPOptions
	refused *slog.Logger // sampled: one line a minute
	bodies  *bodies
}

func newHTTPTransport(b *Bot, o HTTPOptions) *httpTransport {
	if o.Log == nil {
		o.Log = b.log
	}
	if o.LargeBodies <= 0 {
		o.LargeBodies = 4
	}
	return &httpTransport{bot: b, o: o, refused: slog.New(NewSampledHandler(o.Log.Handler(), b.clock, slog.LevelWarn)), bodies: newBodies(o.LargeBodies, b.clock)}
}

func (h *httpTransport) handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle(PathCommands, h.slack("command", "application/x-www-form-urlencoded", MaxCommandBody, h.commands))
	mux.Handle(PathEvents, h.slack("event", "application/json", MaxViewBody, h.events))
	mux.Handle(PathInteractions, h.slack("interaction", "application/x-www-form-urlencoded", MaxViewBody, h.interactions))
	health := h.bot.HealthHandler(h.o.DB)
	mux.Handle(PathLive, health)
	mux.Handle(PathHealth, health)
	return mux
}

// slack wraps a handler of a Slack request URL: POST only (405), the
// expected content type (415), at most limit bytes (413), and a valid
// signature on the raw body (401). Nothing is handled before all pass,
// but Slack's certificate checks (ssl_check=1) get their empty 200. A
// request whose signature headers are missing, malformed or stale is
// refused before its body is read.
func (h *httpTransport) slack(kind, contentType string, limit int64, next func(w http.ResponseWriter, r *http.Request, body []byte, keys []string)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := h.bot.now()
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != contentType {
			http.Error(w, "unsupported content type; want "+contentType, http.StatusUnsupportedMediaType)
			return
		}
		if r.ContentLength > limit {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err := CheckHeaders(r.Header, h.bot.now()); err != nil {
			if kind == "command" && unsignedSSLCheck(r) {
				w.WriteHeader(http.StatusOK)
				return
			}
			h.refuse(err)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		read, herr := h.bodies.read(w, r, limit)
		if herr != nil {
			if herr.status == http.StatusServiceUnavailable {
				w.Header().Set("Retry-After", "1")
			}
			http.Error(w, herr.msg, herr.status)
			return
		}
		if kind == "command" && isSSLCheck(read.data) {
			read.drop()
			w.WriteHeader(http.StatusOK)
			return
		}
		if err := Verify(r.Header, read.data, h.o.SigningSecret, h.bot.now()); err != nil {
			read.drop()
			h.refuse(err)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		body := read.keep()
		next(w, r, body, []string{bodyKey(r.Header.Get("X-Slack-Request-Timestamp"), body)})
		h.bot.metrics.Ack(kind, h.bot.clock.Since(start))
	})
}

// bodyKey identifies a signed request: the same body with the same
// timestamp is the same request, however often it is sent.
func bodyKey(ts string, body []byte) string {
	sum := sha256.Sum256(append([]byte(ts+":"), body...))
	return "body:" + hex.EncodeToString(sum[:16])
}

// refuse counts a request refused for its signature and logs it, at most
// once a minute with how many there were, so a flood cannot fill the log.
func (h *httpTransport) refuse(err error) {
	h.bot.metrics.RefusedSignature()
	h.refused.Warn("refused requests with a missing, stale or wrong signature", "reason", err.Error())
}

func (h *httpTransport) commands(w http.ResponseWriter, r *http.Request, body []byte, keys []string) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	sc := slack.SlashCommand{
		TeamID: form.Get("team_id"), EnterpriseID: form.Get("enterprise_id"), ChannelID: form.Get("channel_id"), UserID: form.Get("user_id"),
		Command: form.Get("command"), Text: form.Get("text"), ResponseURL: form.Get("response_url"),
		TriggerID: form.Get("trigger_id"), APIAppID: form.Get("api_app_id"),
	}
	if sc.TriggerID != "" {
		keys = append(keys, "trigger:"+sc.TriggerID)
	}
	writeJSON(w, h.bot.Slash(r.Context(), sc, keys))
}

func (h *httpTransport) events(w http.ResponseWriter, r *http.Request, body []byte, _ []string) {
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

func (h *httpTransport) interactions(w http.ResponseWriter, r *http.Request, body []byte, keys []string) {
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
	if ic.TriggerID != "" {
		keys = append(keys, "trigger:"+ic.TriggerID)
	}
	writeJSON(w, h.bot.Interaction(r.Context(), ic, keys))
}

// writeJSON writes v as the response body; a nil v is an empty 200.
func writeJSON(w http.ResponseWriter, v any) {
	if isNil(v) {
		w.WriteHeader(http.StatusOK)
		return
	}
	if m, ok := v.(*message); ok && m.rawBlocks != nil {
		body, err := m.appendJSON(make([]byte, 0, len(m.rawBlocks)+len(m.Text)+64))
		if err != nil {
			http.Error(w, "encoding failed", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(append(body, '\n'))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		http.Error(w, "encoding failed", http.StatusInternalServerError)
	}
}

// isNil reports whether v is nil or a nil pointer in an interface.
func isNil(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case *message:
		return v == nil
	case *slack.ViewSubmissionResponse:
		return v == nil
	case *slack.OptionsResponse:
		return v == nil
	}
	return false
}
