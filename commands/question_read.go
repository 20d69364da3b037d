package commands

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cttechplus/ctbot"
)

// reading is one question being read: its tokens, which of them a
// reading has used (a state, a window, a topic…), and what it found.
type reading struct {
	c     *Core
	v     vocabulary
	text  string // as typed, without mentions
	toks  []qtok
	used  []bool
	today ctbot.Date
	q     Question
	// within is the window "in N days" stands for when the question is
	// not about what is coming ("not reported in 3 weeks").
	within Window
	// guessed are the tokens read as near misses (readTypos).
	guessed []bool
	// named are the tokens of indicators' names ("investigators trained"):
	// their words ask no subject of their own.
	named []bool
}

// readQuestion reads text, a question put to ctbot in words in any of the
// catalogue's languages (whichever the asker speaks), into a Question:
// its Subject and every qualifier it carries. today is the programme's
// day the question is asked on (windows are read from it); mentions are
// the people text mentions as it reads them (see Request.Mentions).
// Qualifiers are read first (windows, courses, topics, levels, online,
// states, indicators' names, flags, indicators' titles), each using the words it reads, then the
// Subject (see subject), the ranking, and what was left unread.
func (c *Core) readQuestion(text string, mentions map[string]string, today ctbot.Date) Question {
	return c.read(text, mentions, today).q
}

// read reads a question (see readQuestion).
func (c *Core) read(text string, mentions map[string]string, today ctbot.Date) *reading {
	people := peopleIn(text, mentions)
	text = strings.TrimSpace(withoutMentions(text, mentions))
	r := &reading{c: c, v: c.words, text: text, toks: qtokens(text), today: today}
	r.used = make([]bool, len(r.toks))
	r.q.Text = strings.ToLower(text)
	r.q.People = people
	if s := r.take("mine"); len(s) > 0 { // before "in my …" can be a window
		r.q.Mine = r.said(s[0].from, s[0].to)
	}
	r.readWindow()
	r.readTraining()
	r.readStates()
	r.readTypos()
	r.readIndicatorNames()
	r.readFlags()
	r.readIndicatorTitles()
	r.q.Subject = r.subject()
	if r.q.Subject == SubjectTarget && len(r.q.Indicators) == 0 && r.has("trainings") {
		// "how many more investigators to train": the indicators trainings feed.
		for _, ind := range c.fw.Current(today).Indicators {
			if ind.Source == ctbot.SourceTrainings {
				r.q.Indicators = append(r.q.Indicators, ind)
			}
		}
	}
	if w := &r.q.Window; (r.q.Subject == SubjectUpcoming || r.q.Subject == SubjectEvents) && !w.To.IsZero() && w.To.Before(today) &&
		!yearRE.MatchString(w.Said) {
		// "what's happening in December", asked in November: the coming one.
		w.From, w.To = yearLater(w.From), yearLater(w.To)
	}
	if r.q.Subject != SubjectUpcoming && !r.within.IsZero() && r.q.Window.IsZero() {
		r.q.Window, r.q.Ahead = r.within, 0
	}
	if (r.q.Subject == SubjectChanged || r.q.Subject == SubjectWho) && !r.q.Window.IsZero() {
		r.q.Window.Recorded = true // "what did <@U1> record this week"
	}
	r.readRank()
	r.readUnread()
	return r
}

// peopleIn are the user IDs text mentions after ctbot (the first
// mention, of ctbot, is not a person asked about), in order.
func peopleIn(text string, mentions map[string]string) []string {
	var out []string
	add := func(id string) {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	rest := withoutLeadingMentions(text, mentions)
	for _, m := range mentionRE.FindAllStringSubmatch(rest, -1) {
		add(m[1])
	}
	for _, w := range strings.Fields(rest) {
		if id, ok := mentions[w]; ok {
			add(id)
		}
	}
	return out
}

// mark records the tokens of s as used by a reading.
func (r *reading) mark(s span) {
	for i := s.from; i < s.to; i++ {
		r.used[i] = true
	}
}

// said is what tokens from..to-1 were, as typed.
func (r *reading) said(from, to int) string {
	return r.text[r.toks[from].start:r.toks[to-1].end]
}

// has reports whether the question holds a phrase of key, outside the
// indicators' names it holds.
func (r *reading) has(key string) bool { return len(r.v.find(r.toks, key, r.named)) > 0 }

// take finds the phrases of key among the tokens not yet used, and marks
// them used.
func (r *reading) take(key string) []span {
	spans := r.v.find(r.toks, key, r.used)
	for _, s := range spans {
		r.mark(s)
	}
	return spans
}

// readTraining reads the courses (their codes as configured), topics
// (askwords.topic.<code>, or the code) and levels (askwords.level.<level>)
// named, and whether trainings online or in person are asked for.
func (r *reading) readTraining() {
	fw := r.c.fw
	for _, co := range fw.Courses {
		p := compilePhrase(strings.ToLower(co.Code))
		for i := range r.toks {
			if n, ok := p.matchAt(r.toks, i); ok && !anyUsed(r.used, i, i+n) && strings.EqualFold(r.said(i, i+n), co.Code) {
				r.mark(span{i, i + n})
				r.q.Courses = append(r.q.Courses, co.Code)
			}
		}
	}
	for _, t := range fw.Topics {
		if r.takeNamed("topic."+t, t) {
			r.q.Topics = append(r.q.Topics, t)
		}
	}
	for _, lv := range ctbot.CourseLevels {
		if r.takeNamed("level."+lv, lv) {
			r.q.Levels = append(r.q.Levels, lv)
		}
	}
	in, on := len(r.take("inperson")) > 0, len(r.take("online")) > 0
	switch {
	case in && !on:
		r.q.Online = ctbot.No
	case on && !in:
		r.q.Online = ctbot.Yes
	}
}

// takeNamed takes the phrases of key, and code itself ("virtual-assets"
// as "virtual assets"), reporting whether any was there.
func (r *reading) takeNamed(key, code string) bool {
	found := len(r.take(key)) > 0
	p := compilePhrase(code)
	for i := range r.toks {
		if n, ok := p.matchAt(r.toks, i); ok && !anyUsed(r.used, i, i+n) {
			r.mark(span{i, i + n})
			found = true
		}
	}
	return found
}

// readTypos reads a word of six letters or more that no reading used and
// no phrase of [askwords] holds ("ما الجديد") as the word of [askwords] it
// is one letter from, with the same first letter ("workshps", "readines",
// "evidance").
func (r *reading) readTypos() {
	r.guessed = make([]bool, len(r.toks))
	inPhrase := r.v.covered(r.toks)
	for i, t := range r.toks {
		if r.used[i] || utf8.RuneCountInString(t.s) < minTypo || inPhrase[i] {
			continue
		}
		if w := r.v.nearWord(t.s); w != "" {
			r.toks[i].s, r.guessed[i] = w, true
		}
	}
}

// minTypo is how long a word must be to be read as a near miss.
const minTypo = 6

// nearWord is the one-word phrase of a subject's or qualifier's key that
// w is one letter from ("" if none): a word written with "*" counts as
// its letters before it.
func (v vocabulary) nearWord(w string) string {
	for key, ps := range v.phr {
		if slices.Contains([]string{"start", "filler", "about", "to", "in", "since", "by", "indicator_stop"}, key) {
			continue
		}
		for _, p := range ps {
			if len(p.toks) != 1 || utf8.RuneCountInString(p.toks[0]) < minTypo || !sameFirst(w, p.toks[0]) {
				continue
			}
			if ctbot.EditDistance(w, p.toks[0]) <= 1 {
				return p.toks[0]
			}
		}
	}
	return ""
}

// readFlags reads women, verified, evidence and "how many more" (after
// the indicators' names, "women in policy", before the words of their
// titles: "evidence" is then no word of a title).
func (r *reading) readFlags() {
	// "women" by the women-in-policy indicator's name is of it ("نسبة
	// النساء في وضع السياسات"), unless trainees are named too.
	r.q.Women = len(r.take("women")) > 0 && (!r.namesWomenPolicy() || r.has("trainings"))
	if len(r.take("nodata")) > 0 { // "no data" alone, not "behind or with no data"
		r.q.NoData = len(r.v.find(r.toks, "behind", r.used)) == 0
	}
	switch {
	case len(r.take("unverified")) > 0:
		r.q.Verified = ctbot.No
	case len(r.take("verified")) > 0:
		r.q.Verified = ctbot.Yes
	}
	switch {
	case len(r.take("noevidence")) > 0:
		r.q.Evidence = ctbot.No
	case len(r.take("evidence")) > 0:
		r.q.Evidence = ctbot.Yes
	}
	r.q.More = len(r.take("more")) > 0
}

// subject is what the question asks, the first that applies of:
//
//  1. help: a help phrase, and no state or indicator named;
//  2. who: who recorded or enters data ("who recorded", a person named);
//  3. lastreport: when a state last reported;
//  4. event: the single-event indicator named (an indicator paced "due")
//     and nothing else asked of it but whether or when it happened;
//  5. compare, with Rank: a ranking word ("most", "top", "rank", "best
//     balance"), whatever else is asked (Measure says of what), but a
//     pillar ("le pilier le plus faible" is readiness);
//  6. compare: two states or more with a comparing word, or two states
//     or more and nothing else asked of them;
//  7. target: "how many more" (More), or a word of targets and due dates
//     but for days ahead ("due in the next 7 days" is upcoming);
//  8. readiness: scores, pillars, profiles;
//  9. evidence: evidence or verification asked (Evidence, Verified);
//  10. women: women among trainees or participants (not the
//     women-in-policy indicator, named only by words of policy, unless
//     trainees are named too: "women trainees vs women in policy");
//  11. kickoffs, overdue, quiet, behind, upcoming, changed: their words;
//     news ("what's new", "что нового") is what changed in a window or
//     over the programme, and a state's status without a window ("what's
//     new in Ghana?" as "any news from Ghana?");
//  12. workshops, then trainings: their words, or a topic, level, course
//     or "online" named;
//  13. events: events of a state;
//  14. indicator: an indicator named; state: a state named;
//  15. overview: an overview word, or the programme's name ("how's CT
//     TECH+ going");
//  16. upcoming: days ahead or a window to come, said alone ("next
//     week?"); overview: a past window said alone ("last quarter?");
//     else SubjectUnknown.
func (r *reading) subject() Subject {
	q := &r.q
	named := len(q.States) > 0 || len(q.Indicators) > 0
	switch {
	case r.has("help") && !named:
		return SubjectHelp
	case r.has("who") || len(q.People) > 0:
		return SubjectWho
	case r.has("lastreport"):
		return SubjectLastReport
	case r.singleEvent():
		return SubjectEvent
	case r.has("rank") && !r.has("pillar"): // "the weakest pillar" is readiness
		return SubjectCompare // the states in order: Rank

	case len(q.States) >= 2 && (r.has("compare") || !r.asksOther()):
		return SubjectCompare
	case q.More || r.has("target") && q.Ahead == 0: // "anything due in the next 7 days" is coming up
		return SubjectTarget
	case r.has("readiness"):
		return SubjectReadiness
	case q.Evidence != ctbot.Either || q.Verified != ctbot.Either:
		return SubjectEvidence
	case q.Women && (!r.namesWomenPolicy() || r.has("trainings")): // "women trainees vs women in policy"
		return SubjectWomen
	}
	for _, s := range []Subject{SubjectKickoffs, SubjectOverdue, SubjectQuiet, SubjectBehind, SubjectUpcoming, SubjectChanged, SubjectWorkshops} {
		if r.has(string(s)) || s == SubjectChanged && r.asksNews() {
			return s
		}
	}
	switch {
	case r.has("trainings") || len(q.Topics)+len(q.Levels)+len(q.Courses) > 0 || q.Online != ctbot.Either:
		return SubjectTrainings
	case r.has("events") && len(q.States) > 0:
		return SubjectEvents
	case len(q.Indicators) > 0:
		return SubjectIndicator
	case len(q.States) > 0:
		return SubjectState
	case r.has("overview") || r.namesProgramme():
		return SubjectOverview
	case q.Ahead > 0 || q.Window.From.After(r.today):
		return SubjectUpcoming // "what's happening next week", "tomorrow"
	case !q.Window.IsZero():
		return SubjectOverview // "last quarter?": the programme in it
	}
	return SubjectUnknown
}

// asksNews reports whether the question asks for news (askwords.news) of
// what changed: in a window, or of no state in particular.
func (r *reading) asksNews() bool {
	return r.has("news") && (len(r.q.States) == 0 || !r.q.Window.IsZero())
}

// asksOther reports whether the question asks something of the states
// it names beyond setting them side by side: a subject's words.
func (r *reading) asksOther() bool {
	for _, key := range []string{"target", "readiness", "women", "kickoffs", "upcoming", "overdue", "quiet", "behind", "changed", "workshops", "trainings", "events"} {
		if r.has(key) {
			return true
		}
	}
	return len(r.q.Indicators) > 0 || r.q.Evidence != ctbot.Either || r.q.Verified != ctbot.Either
}

// singleEvent reports whether the question asks about an indicator of a
// single event (paced "due": the international investigation) and no
// other subject: "has the international investigation happened?".
func (r *reading) singleEvent() bool {
	q := &r.q
	if len(q.Indicators) != 1 || q.Indicators[0].Pace != ctbot.PaceDue || q.More || q.Evidence != ctbot.Either || q.Verified != ctbot.Either || r.has("rank") {
		return false
	}
	return r.has("happened") || !r.has("target")
}

// namesWomenPolicy reports whether the women-in-policy indicator (any
// indicator whose askwords.indicator.<code> phrases the question holds and
// that is about women) is what is asked rather than women trainees.
func (r *reading) namesWomenPolicy() bool {
	for _, ind := range r.q.Indicators {
		if r.v.has(qtokens(strings.ToLower(ind.Code+" "+ind.Title)), "women") {
			return true
		}
	}
	return false
}

// namesProgramme reports whether the question names the programme
// ("CT TECH+").
func (r *reading) namesProgramme() bool {
	p := compilePhrase(r.c.fw.Name)
	for i := range r.toks {
		if _, ok := p.matchAt(r.toks, i); ok {
			return true
		}
	}
	return false
}

// yearRE finds a year said with a window ("in December 2026").
var yearRE = regexp.MustCompile(`\b(19|20)\d\d\b`)

// yearLater is day d a year later (28 February for the 29th).
func yearLater(d ctbot.Date) ctbot.Date {
	if d.IsZero() {
		return d
	}
	d.Year++
	if d.Month == time.February && d.Day == 29 {
		d.Day = 28
	}
	return d
}
