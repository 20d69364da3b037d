package ctbot

import (
	"errors"
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
// them and keeps them for the audit trail. Entries hold Slack user IDs and
// aggregated counts, never personal data about trainees.
type Entry struct {
	ID      int64  `json:"id"`
	Kind    Kind   `json:"kind"`
	Country string `json:"country,omitempty"` // ISO code; "" for programme-wide
	Date    Date   `json:"date"`              // when it happened or is planned
	Status  Status `json:"status,omitempty"`
	Title   string `json:"title,omitempty"`
	Note    string `json:"note,omitempty"`
	Series  int64  `json:"series,omitempty"` // first entry of the event this one updates

	Indicator string `json:"indicator,omitempty"`
	Op        Op     `json:"op,omitempty"`
	Value     int64  `json:"value,omitempty"` // count or numerator
	Denom     int64  `json:"denom,omitempty"` // percent denominator
	Stage     string `json:"stage,omitempty"`

	Participants int  `json:"participants,omitempty"`
	Women        int  `json:"women,omitempty"`
	Trained      int  `json:"trained,omitempty"`
	New          int  `json:"new,omitempty"`
	Online       bool `json:"online,omitempty"`

	UserID    string    `json:"user"`
	Source    string    `json:"source,omitempty"` // the command text as given
	CreatedAt time.Time `json:"created_at"`

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
}

// WriteOptions qualify a write.
type WriteOptions struct {
	// Keys identify the user action a write comes from (a Slack trigger
	// ID, envelope ID, or a hash of the signed request): a write with a
	// key seen before is not carried out again.
	Keys []string
	// Dedupe, if set, makes the same command text from the same user
	// within it count as the same action (a person retrying).
	Dedupe time.Duration
}

// AuditRecord is one row of the append-only audit trail.
type AuditRecord struct {
	ID      int64
	EntryID int64
	Action  string // "insert", "retract"
	Actor   string
	At      time.Time
	Old     string // JSON of the entry before, "" for inserts
	New     string // JSON of the entry after
	Reason  string
}

// Errors the storage layer returns that callers act on.
var (
	ErrNotFound         = errors.New("entry not found")
	ErrAlreadyRetracted = errors.New("entry already retracted")
	// ErrDuplicateAction is returned for a change whose user action was
	// carried out already (a redelivery or replay).
	ErrDuplicateAction = errors.New("action already carried out")
)

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
