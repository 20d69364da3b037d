package bot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// MaxRequestAge is how far a request's timestamp may be from now, either way.
const MaxRequestAge = 5 * time.Minute

// Verification failures; all are answered with 401.
var (
	ErrMissingSignature = errors.New("missing X-Slack-Signature or X-Slack-Request-Timestamp")
	ErrStaleRequest     = errors.New("request timestamp is more than 5 minutes from now")
	ErrBadSignature     = errors.New("signature does not match")
)

// Verify checks Slack's v0 signature of body: HMAC-SHA256 of
// "v0:timestamp:body" with the signing secret, compared in constant time,
// and a timestamp within MaxRequestAge of now.
func Verify(h http.Header, body []byte, secret string, now time.Time) error {
	sig, ts := h.Get("X-Slack-Signature"), h.Get("X-Slack-Request-Timestamp")
	if sig == "" || ts == "" {
		return ErrMissingSignature
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: bad timestamp", ErrMissingSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > MaxRequestAge || d < -MaxRequestAge {
		return ErrStaleRequest
	}
	want := Sign(secret, ts, body)
	if !strings.HasPrefix(sig, "v0=") || !hmac.Equal([]byte(sig), []byte(want)) {
		return ErrBadSignature
	}
	return nil
}

// Sign computes the X-Slack-Signature value for a timestamp and body.
func Sign(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + timestamp + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}
