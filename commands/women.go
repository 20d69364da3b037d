package commands

import (
	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// womenCount says how many of the trained were women, over the trainings
// that reported it; fewer than 5 people are not shown, as shares are not.
func (v *View) womenCount(t ctbot.TrainingTotals) reply.Inline {
	return v.womenAmong("ask.women", t.Women, t.Reported, t.Unreported, t.Count)
}

// womenAmong says how many of some people were women, over the n
// trainings or events where it was reported (of reported people), in
// message id ("Women", "Of"), or id_partly saying how many did not report
// it ("K" of "N"), id_unreported when none did, id_few when fewer than 5
// people are behind it (not shown, as shares are not).
func (v *View) womenAmong(id string, women, reported, unreported, n int) reply.Inline {
	switch {
	case reported == 0:
		return v.l.T(id + "_unreported")
	case reported < ctbot.MinShareBase:
		return v.l.T(id + "_few")
	case unreported > 0:
		return v.l.T(id+"_partly", "Women", women, "Of", reported, "K", unreported, "N", n)
	}
	return v.l.T(id, "Women", women, "Of", reported)
}
