package slackcheck

import (
	"strings"
	"testing"
)

// Problems finds Said formatting and a mrkdwn object holding it without
// verbatim, and lets through Said neutralised, in code, and ctbot's own
// formatting.
func TestProblemsFindsPeoplesFormatting(t *testing.T) {
	for _, tt := range []struct {
		doc  string
		want []string
	}{
		{`{"text":"*zqbold* and _zqital_ ~zqstrike~ ` + "`zqcode`" + `\n&gt; zqquote"}`,
			[]string{"people's > starts a quote", "people's * formats", "people's _ formats", "people's ~ formats", "people's ` formats"}},
		{`{"blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*Note*: ∗zqbold∗"}}]}`,
			[]string{"without verbatim"}},
		{`{"blocks":[{"type":"section","text":{"type":"mrkdwn","verbatim":true,"text":"*Note*: ∗zqbold∗ ˍzqitalˍ ∼zqstrike∼ ˋzqcodeˋ\n› zqquote"}}]}`, nil},
		{`{"text":"` + "`status *zqbold* _zqital_`" + ` *bold* _it_"}`, nil},
	} {
		got, err := Problems([]byte(tt.doc))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: problems %q, want %d", tt.doc, got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			if !strings.Contains(got[i], w) {
				t.Errorf("%s: problem %q, want %q", tt.doc, got[i], w)
			}
		}
	}
}
