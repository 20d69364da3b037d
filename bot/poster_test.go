package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/internal/fakeslack"
	"github.com/cttechplus/ctbot/reply"
)

// TestUploadCutsAltTextToSlacksLimit: Slack refuses an upload whose alt
// text is over reply.AltMax characters; the image goes out with it cut.
func TestUploadCutsAltTextToSlacksLimit(t *testing.T) {
	fake := fakeslack.New(t)
	p := SlackPoster{API: slack.New("xoxb-test-token-0000", slack.OptionAPIURL(fake.APIURL()))}
	for _, alt := range []string{"Côte d'Ivoire 12 of 40", strings.Repeat("Таджикистан 3 of 40; ", 80)} {
		if err := p.Upload(t.Context(), "C1", "", reply.Image{PNG: []byte("png"), Filename: "c.png", Title: "Chart", Alt: alt}); err != nil {
			t.Fatal(err)
		}
		calls := fake.Calls("files.getUploadURLExternal")
		got := calls[len(calls)-1].Form.Get("alt_txt")
		switch n := utf8.RuneCountInString(alt); {
		case n <= reply.AltMax && got != alt:
			t.Errorf("alt text %q sent as %q", alt, got)
		case n > reply.AltMax && (utf8.RuneCountInString(got) != reply.AltMax || !strings.HasSuffix(got, "…") || !strings.HasPrefix(alt, strings.TrimSuffix(got, "…"))):
			t.Errorf("alt text of %d characters sent as %d: %q", n, utf8.RuneCountInString(got), got)
		}
	}
}
