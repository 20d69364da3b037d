package ctbot

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Kind is the type of a recorded entry.
type Kind string

// Entry kinds.
const (
	KindLog       Kind = "log"
	KindKickoff   Kind = "kickoff"
	KindWorkshop  Kind = "workshop"
	KindTraining  Kind = "training"
	KindIndicator Kind = "indicator"
	KindReadiness Kind = "readiness"
)

// Status is the state of a kick-off or workshop.
type Status string

// Event statuses.
const (
	StatusPlanned   Status = "planned"
	StatusHeld      Status = "held"
	StatusPostponed Status = "postponed"
	StatusCancelled Status = "cancelled"
)

// Statuses lists the event statuses in the order they are shown in help.
var Statuses = []Status{StatusPlanned, StatusHeld, StatusPostponed, StatusCancelled}

// Known reports whether s is one of Statuses.
func (s Status) Known() bool { return slices.Contains(Statuses, s) }

// Open reports whether an event in this status is still expected to happen.
func (s Status) Open() bool { return s == StatusPlanned || s == StatusPostponed }

// Op says how an indicator entry changes the indicator's value.
type Op string

// Indicator operations.
const (
	OpSet   Op = "set"   // value (and denominator) replace the previous value
	OpAdd   Op = "add"   // value (and denominator) are added to the previous value
	OpStage Op = "stage" // the milestone stage reached
)

// Entry is one recorded update. Entries are never deleted: a retraction marks
// them and keeps them for the audit trail, and an amendment keeps the
// version it replaces. Entries hold Slack user IDs and aggregated counts,
// never personal data about trainees.
type Entry struct {
	ID      int64  `json:"id"`
	Kind    Kind   `json:"kind"`
	Country string `json:"country,omitempty"` // ISO code; "" for programme-wide
	// Date is the value date: the day the entry's value is true for (an
	// event's or training's day, an indicator value's "on" date).
	Date Date `json:"date"`
	// DateTo is the last day of a training held over several days (Date
	// its first); the zero Date for a training of one day.
	DateTo Date   `json:"date_to,omitzero"`
	Status Status `json:"status,omitempty"`
	Title  string `json:"title,omitempty"`
	Note   string `json:"note,omitempty"`
	Series int64  `json:"series,omitempty"` // first entry of the event this one updates

	Indicator string `json:"indicator,omitempty"`
	Op        Op     `json:"op,omitempty"`
	Value     int64  `json:"value,omitempty"` // count or numerator
	Denom     int64  `json:"denom,omitempty"` // percent denominator
	Stage     string `json:"stage,omitempty"`

	Participants int  `json:"participants,omitempty"`
	Women        *int `json:"women,omitempty"` // nil: not reported (unknown, not 0)
	Trained      int  `json:"trained,omitempty"`
	New          int  `json:"new,omitempty"`
	NewWomen     *int `json:"new_women,omitempty"` // women among the new people; nil: not reported
	Online       bool `json:"online,omitempty"`
	// Course, Topic and Level say what a training taught (Course a code of
	// the catalogue, or "" for a course outside it).
	Course string `json:"course,omitempty"`
	Topic  string `json:"topic,omitempty"`
	Level  string `json:"level,omitempty"`
	// Scores are a readiness assessment, by pillar: a readiness entry's,
	// or a held workshop's that benchmarked the state.
	Scores map[string]int `json:"scores,omitempty"`

	UserID    string    `json:"user"`
	Source    string    `json:"source,omitempty"` // its input, rendered canonically: a retry is known by it
	CreatedAt time.Time `json:"created_at"`
	// Version counts the entry's versions (1, then 2 after an amendment);
	// KnownFrom is when this version was recorded.
	Version   int       `json:"version,omitempty"`
	KnownFrom time.Time `json:"known_from,omitzero"`

	// Evidence is the means of verification given (a document's name or
	// reference), Link a URL to it (http or https).
	Evidence string `json:"evidence,omitempty"`
	Link     string `json:"link,omitempty"`
	// VerifiedBy and VerifiedAt say who checked the entry against its
	// evidence, and when; an amendment clears them.
	VerifiedBy string    `json:"verified_by,omitempty"`
	VerifiedAt time.Time `json:"verified_at,omitzero"`
	// AfterClose marks a version a coordinator recorded in a closed
	// reporting period; Redacted, an entry whose free text was removed.
	AfterClose bool `json:"after_close,omitempty"`
	Redacted   bool `json:"redacted,omitempty"`

	Retracted     bool      `json:"retracted,omitempty"`
	RetractedAt   time.Time `json:"retracted_at,omitzero"`
	RetractedBy   string    `json:"retracted_by,omitempty"`
	RetractReason string    `json:"retract_reason,omitempty"`
}

// EntryFilter selects entries for a history. Zero values select everything.
type EntryFilter struct {
	Country string    // ISO code
	User    string    // Slack user ID
	Kind    Kind      // entry kind
	Since   time.Time // recorded at or after
	Until   time.Time // recorded at or before
	Limit   int       // newest first; 0 means 20
	Offset  int       // entries to skip (paging)
	Active  bool      // leave out retracted entries
	// ActiveAt, if set, leaves out entries retracted at or before it (and
	// keeps those retracted later): what was in force at that instant.
	ActiveAt time.Time
}

// WriteOptions qualify a write.
type WriteOptions struct {
	// Keys identify the user action a write comes from (a Slack trigger
	// ID, envelope ID, or a hash of the signed request): a write with a
	// key seen before is not carried out again.
	Keys []string
	// Dedupe, if set, makes the same Source from the same user within it
	// count as the same action (a person retrying).
	Dedupe time.Duration
	// AfterClose lets the write change a closed reporting period (a
	// coordinator giving a reason); the change is marked as made after
	// the close. Without it such a write fails with an Error of code
	// EClosed.
	AfterClose bool
	// Reason is why a new entry is recorded, kept in its audit row (e.g.
	// a coordinator's reason for recording into a closed period).
	Reason string
	// KeepCoordinator makes removing the last coordinator granted fail
	// (refused: err.last_coordinator), checked in the write itself (when the
	// configuration names none, they are all the coordinators there are).
	KeepCoordinator bool
	// Authority is what the actor's permission rests on where the
	// configuration alone does not give it: each must still hold when the
	// write commits, or it is refused (err.authority_lost: a role removed
	// between the check and the write).
	Authority []Authority
}

// Verified reports whether the entry was checked against its evidence.
func (e *Entry) Verified() bool { return e.VerifiedBy != "" }

// HasEvidence reports whether the entry names its means of verification.
func (e *Entry) HasEvidence() bool { return e.Evidence != "" || e.Link != "" }

// Int is a pointer to n, for optional counts such as Entry.Women.
func Int(n int) *int { return &n }

// WomenOr is the women count, or def when it was not reported.
func (e *Entry) WomenOr(def int) int {
	if e.Women == nil {
		return def
	}
	return *e.Women
}

// End is the last day of the entry: DateTo for a training of several
// days, otherwise Date.
func (e *Entry) End() Date {
	if e.DateTo.IsZero() {
		return e.Date
	}
	return e.DateTo
}

// WomenAmongNew is how many of a training's new people are women, and
// whether that is known: as reported (new_women=), or the women of its
// attendances when every attendance was a new person, or 0 when it
// trained no one new.
func (e *Entry) WomenAmongNew() (n int, known bool) {
	switch {
	case e.NewWomen != nil:
		return *e.NewWomen, true
	case e.New == 0:
		return 0, true
	case e.Women != nil && e.New == e.Trained:
		return *e.Women, true
	}
	return 0, false
}

// AuditRecord is one row of the append-only audit trail: who did what to
// an entry, when and why, and what changed.
type AuditRecord struct {
	ID      int64
	EntryID int64
	Action  string // "insert", "amend", "retract", "verify", "redact"
	Actor   string
	At      time.Time
	Changes []Change // each field's old and new value
	Reason  string
	// AfterClose marks a change made in a closed reporting period.
	AfterClose bool
	// PurgePending marks a redaction whose removed text may still be in
	// the database's write-ahead log (a reader held it); PurgedAt is when
	// it was purged from there. Both are zero for redactions from before
	// purges were tracked.
	PurgePending bool
	PurgedAt     time.Time
}

// Change is one field of an entry changed by an amendment or retraction,
// as text ("" for none).
type Change struct {
	Field string `json:"f"`
	Old   string `json:"o,omitempty"`
	New   string `json:"n,omitempty"`
}

// FormatScores writes a readiness assessment's scores by pillar name
// ("legal=1 policy=2"), the way they are typed; "" for none.
func FormatScores(scores map[string]int) string {
	keys := make([]string, 0, len(scores))
	for k := range scores {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + strconv.Itoa(scores[k])
	}
	return strings.Join(parts, " ")
}

// Diff lists the fields whose values differ between two versions of an
// entry, in a fixed order.
func Diff(before, after *Entry) []Change {
	var out []Change
	add := func(field, o, n string) {
		if o != n {
			out = append(out, Change{Field: field, Old: o, New: n})
		}
	}
	itoa := func(n int) string { return strconv.Itoa(n) }
	opt := func(p *int) string {
		if p == nil {
			return ""
		}
		return itoa(*p)
	}
	add("date", before.Date.String(), after.Date.String())
	add("date_to", before.DateTo.String(), after.DateTo.String())
	add("country", before.Country, after.Country)
	add("status", string(before.Status), string(after.Status))
	add("title", before.Title, after.Title)
	add("note", before.Note, after.Note)
	add("op", string(before.Op), string(after.Op))
	add("value", strconv.FormatInt(before.Value, 10), strconv.FormatInt(after.Value, 10))
	add("denom", strconv.FormatInt(before.Denom, 10), strconv.FormatInt(after.Denom, 10))
	add("stage", before.Stage, after.Stage)
	add("participants", itoa(before.Participants), itoa(after.Participants))
	add("women", opt(before.Women), opt(after.Women))
	add("trained", itoa(before.Trained), itoa(after.Trained))
	add("new", itoa(before.New), itoa(after.New))
	add("new_women", opt(before.NewWomen), opt(after.NewWomen))
	add("online", strconv.FormatBool(before.Online), strconv.FormatBool(after.Online))
	add("course", before.Course, after.Course)
	add("topic", before.Topic, after.Topic)
	add("level", before.Level, after.Level)
	add("scores", FormatScores(before.Scores), FormatScores(after.Scores))
	add("evidence", before.Evidence, after.Evidence)
	add("link", before.Link, after.Link)
	add("verified", before.VerifiedBy, after.VerifiedBy)
	return out
}

// RunStatus is the outcome of a scheduled run.
type RunStatus string

// Run statuses.
const (
	RunRunning RunStatus = "running" // claimed by a process holding a lease
	RunPosted  RunStatus = "posted"  // done
	RunFailed  RunStatus = "failed"  // will be retried at the next tick within the catch-up window
	RunSkipped RunStatus = "skipped" // missed beyond the catch-up window, or nothing to do
)

// JobRun is one scheduled run (a digest, a reminder, a nudge), keyed by its
// job and period.
type JobRun struct {
	Job, Period string
	Status      RunStatus
	ScheduledAt time.Time
	StartedAt   time.Time // of the latest attempt
	// FirstStartedAt is when the first attempt started: a later attempt
	// looks for what an earlier one posted from then on.
	FirstStartedAt time.Time
	FinishedAt     time.Time
	Attempts       int
	Owner          string
	LeaseUntil     time.Time
	MessageTS      string
	Detail         string
}

// Delivery is one message a run posted.
type Delivery struct {
	Target, Channel, TS string
}

// EntryChange is one committed change of an entry: Before is the version
// it replaced (nil for a recording), After the version it made (nil for a
// retraction), Seq its place in the order of commits and At its instant.
type EntryChange struct {
	Before, After *Entry
	Seq           int64
	At            time.Time
}
