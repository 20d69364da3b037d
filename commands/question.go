package commands

import "github.com/cttechplus/ctbot"

// Question is a question put to ctbot in words (a mention, a DM, `/ct`
// followed by words that are no command's syntax, the assistant pane), as
// read: what it asks (Subject) and every qualifier that narrows it. It is
// read in one place (readQuestion) and answered in one place (answer); the
// answer honours each qualifier read or says which it could not apply:
// never a broader figure in silence.
type Question struct {
	// Text is the question in lower case, without mentions of ctbot.
	Text string
	// Subject is what is asked; SubjectUnknown when it could not be read
	// (the answer then says what can be asked, with examples close to it).
	Subject Subject
	// States are the states named, in order (names in any language,
	// codes, aliases, near misses: "philipines", "TJ", "Ivory Coast").
	States []*ctbot.Country
	// Indicators are the indicators named (codes, titles, abbreviations).
	Indicators []*ctbot.Indicator
	// Topics, Levels and Courses are the training topics (codes: "osint",
	// "crypto"), levels and courses named; Online asks for trainings
	// given online (Yes) or in person (No).
	Topics, Levels, Courses []string
	Online                  ctbot.Want
	// Window is the span of days asked about; its zero value: all time.
	Window Window
	// Women asks about women (trainees, participants): a count or a share.
	Women bool
	// Verified and Evidence ask about entries checked against their
	// evidence, or naming a means of verification.
	Verified, Evidence ctbot.Want
	// More asks how many more are needed to reach the target.
	More bool
	// NoData asks only for the states with no data ("countries with zero
	// data?"), not for those behind.
	NoData bool
	// Rank asks for the states in order of a measure ("who trained the
	// most", "rank states by …"); the zero Rank: no ranking.
	Rank Rank
	// Measure is what the question measures, named as Rank.By: of a
	// comparison or a ranking ("Ghana vs Iraq on workshops": "workshops"),
	// or new people, whatever the subject ("how many new people were
	// trained": "new"), or the kind of events asked about ("upcoming
	// workshops": "workshops"); "" when it does not say.
	Measure string
	// Ahead is how many days ahead a question about what is coming asks
	// ("in the next two weeks": 14); 0 when it does not say.
	Ahead int
	// Mine is how the question said "my state" ("my country", "mon
	// pays"), as typed: the answer reads it as the states the asker is
	// the focal point of, or names it as not applied.
	Mine string
	// People are the Slack users the question names (user IDs), for
	// "what did <@U1> record".
	People []string
	// Unread are qualifiers the question carries that no reading could
	// make sense of ("in 2019" outside the programme, an unknown topic),
	// as typed: the answer names them as not applied.
	Unread []string
}

// Subject is what a question asks about.
type Subject string

// Subjects. Each is asked by the phrases its catalogue key askwords.<name>
// lists in every language, and answered by one function.
const (
	SubjectUnknown    Subject = ""
	SubjectHelp       Subject = "help"       // what can I ask
	SubjectOverview   Subject = "overview"   // the programme overall
	SubjectState      Subject = "state"      // one or more states: their status
	SubjectCompare    Subject = "compare"    // states side by side
	SubjectIndicator  Subject = "indicator"  // one indicator: value, target, rating
	SubjectTarget     Subject = "target"     // how far from the target, how many more, when due
	SubjectWomen      Subject = "women"      // women among trainees (attendances, new people), per state, balance
	SubjectTrainings  Subject = "trainings"  // trainings: how many, trained, by topic, level, course, online
	SubjectWorkshops  Subject = "workshops"  // national workshops held, participants
	SubjectChanged    Subject = "changed"    // what was recorded in a window ("what changed this week")
	SubjectUpcoming   Subject = "upcoming"   // events coming up (in the next N days)
	SubjectOverdue    Subject = "overdue"    // planned events whose date has passed, kick-offs not held
	SubjectKickoffs   Subject = "kickoffs"   // kick-offs held and not yet held
	SubjectEvents     Subject = "events"     // the events of one state
	SubjectBehind     Subject = "behind"     // states and indicators behind, quiet states, no data
	SubjectQuiet      Subject = "quiet"      // states with no entries for a while
	SubjectReadiness  Subject = "readiness"  // readiness scores, a profile, weakest pillar, change
	SubjectWho        Subject = "who"        // who recorded what, who enters data for a state
	SubjectLastReport Subject = "lastreport" // when a state last reported, and what
	SubjectEvidence   Subject = "evidence"   // values with evidence, verified
	SubjectEvent      Subject = "event"      // the single-event indicator: has it happened, when
)

// Window is a span of days a question asks about, both days included; a
// zero From or To leaves that side open.
type Window struct {
	From, To ctbot.Date
	// Recorded reads the window by when entries were recorded ("what
	// changed this week", "what was entered since Monday"), not by the
	// days they are about.
	Recorded bool
	// Said is how the question said it ("in Q3", "depuis septembre"), as
	// typed, for an answer that could not apply it.
	Said string
}

// IsZero reports whether w is all time.
func (w Window) IsZero() bool { return w.From.IsZero() && w.To.IsZero() }

// Rank is a ranking a question asks for: of the states, by a measure.
type Rank struct {
	// By is what states are ranked by: "trained", "new", "women",
	// "women_share", "trainings", "workshops", "participants",
	// "readiness", or an indicator's code; "" no ranking.
	By string
	// Least ranks the smallest first ("who trained the fewest").
	Least bool
	// Top is how many states the question asks for ("top 3 states", "les
	// 3 meilleurs"); 0: every state.
	Top int
}
