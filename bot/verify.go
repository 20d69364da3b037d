package bot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
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

// signatureLen is the length of a v0 signature: "v0=" and 64 hex digits.
const signatureLen = len("v0=") + 2*sha256.Size

// Verify checks Slack's v0 signature of body: HMAC-SHA256 of
// "v0:timestamp:body" with the signing secret, compared in constant time,
// and a timestamp within MaxRequestAge of now.
func Verify(h http.Header, body []byte, secret string, now time.Time) error {
	if err := CheckHeaders(h, now); err != nil {
		return err
	}
	want := Sign(secret, h.Get("X-Slack-Request-Timestamp"), body)
	if !hmac.Equal([]byte(h.Get("X-Slack-Signature")), []byte(want)) {
		return ErrBadSignature
	}
	return nil
}

// CheckHeaders checks what can be checked of a request's signature
// without its body: both headers present, the signature a v0 signature
// (64 hex digits), the timestamp a number within MaxRequestAge of now.
// A request that fails here is refused before its body is read.
func CheckHeaders(h http.Header, now time.Time) error {
	sig, ts := h.Get("X-Slack-Signature"), h.Get("X-Slack-Request-Timestamp")
	if sig == "" || ts == "" {
		return ErrMissingSignature
	}
	if len(sig) != signatureLen || sig[:3] != "v0=" {
		return fmt.Errorf("%w: malformed signature", ErrMissingSignature)
	}
	if _, err := hex.DecodeString(sig[3:]); err != nil {
		return fmt.Errorf("%w: malformed signature", ErrMissingSignature)
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: bad timestamp", ErrMissingSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > MaxRequestAge || d < -MaxRequestAge {
		return ErrStaleRequest
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
