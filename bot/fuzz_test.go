package bot

import (
	"net/http"
	"testing"
	"time"
)

// FuzzVerify checks that only a correct signature within the window is
// accepted, whatever the headers and body.
func FuzzVerify(f *testing.F) {
	now := time.Unix(1531420618, 0)
	f.Add([]byte("token=x&text=hi"), "1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")
	f.Add([]byte(""), "", "")
	f.Add([]byte("a"), "-1", "v0=")
	f.Add([]byte("payload=%7B%7D"), "99999999999999999999", "v1=abc")
	f.Fuzz(func(t *testing.T, body []byte, ts, sig string) {
		h := http.Header{}
		h.Set("X-Slack-Request-Timestamp", ts)
		h.Set("X-Slack-Signature", sig)
		err := Verify(h, body, testSecret, now)
		if err == nil && sig != Sign(testSecret, ts, body) {
			t.Fatalf("accepted a wrong signature %q for %q", sig, body)
		}
		// The right signature is accepted when the timestamp is fresh.
		good := http.Header{}
		good.Set("X-Slack-Request-Timestamp", "1531420618")
		good.Set("X-Slack-Signature", Sign(testSecret, "1531420618", body))
		if err := Verify(good, body, testSecret, now); err != nil {
			t.Fatalf("refused a correct signature: %v", err)
		}
	})
}
