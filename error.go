package ctbot

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// ErrorCode says what kind of refusal an *Error is: what callers act on.
type ErrorCode string

// Error codes.
const (
	// EInvalid is input that is not what was asked for: the answer adds
	// the command's usage and an example.
	EInvalid ErrorCode = "invalid"
	// ERefused is input well formed but not taken: a rule of the domain,
	// or a state of things that does not allow it.
	ERefused ErrorCode = "refused"
	// EForbidden is something the person may not do.
	EForbidden ErrorCode = "forbidden"
	// ENotFound is an entry (or a run) that does not exist.
	ENotFound ErrorCode = "not_found"
	// EDuplicate is a change whose user action was carried out already
	// (a redelivery or replay): the caller answers with what it did.
	EDuplicate ErrorCode = "duplicate"
	// EUnchanged is a change that changes nothing.
	EUnchanged ErrorCode = "unchanged"
	// EClosed is a write into a closed reporting period.
	EClosed ErrorCode = "closed"
	// ENotAdmitted is a person ctbot does not admit (a bot, a
	// deactivated account, someone of another workspace).
	ENotAdmitted ErrorCode = "not_admitted"
)

// Error is a refusal people are told about: its kind (Code), what it says
// in the words of the message catalogue (Message, an ID, with Args, its
// name-value pairs), and the input at fault (Field, "" if none). The
// domain's checks, storage's refusals and the command core all return
// it; the command core turns it into words, in one place. An Error
// without a Message is for callers to act on, never shown.
//
// Args are plain values (text, numbers, dates) or the argument types
// below (Msg, State, Mention), which the command core writes in the
// reader's words; a message's Cmd argument is always the slash command.
type Error struct {
	Code    ErrorCode
	Message string
	Args    []any
	Field   string
}

func (e *Error) Error() string {
	s := string(e.Code)
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Field != "" {
		s += " (" + e.Field + ")"
	}
	if len(e.Args) > 0 {
		s += fmt.Sprint(e.Args)
	}
	return s
}

// Is makes an Error without a Message (ErrNotFound) match every Error
// of its code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Code == e.Code
}

// ErrNotFound matches every Error of code ENotFound (errors.Is).
var ErrNotFound = &Error{Code: ENotFound}

// CodeOf is the code of the *Error err is or wraps, or "".
func CodeOf(err error) ErrorCode {
	if e := (*Error)(nil); errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Invalid is an EInvalid error about field.
func Invalid(field, message string, args ...any) *Error {
	return &Error{Code: EInvalid, Message: message, Args: args, Field: field}
}

// Refused is an ERefused error about field ("" for none).
func Refused(field, message string, args ...any) *Error {
	return &Error{Code: ERefused, Message: message, Args: args, Field: field}
}

// Msg is a message used as an argument of another: a word of the
// catalogue ("kind.workshop"), written in the language of the message it
// is in.
type Msg struct {
	ID   string
	Args []any
}

// M is message id with args, as an argument of another message.
func M(id string, args ...any) Msg { return Msg{ID: id, Args: args} }

// State is a country code as an argument of a message: the state's name in
// the reader's language ("" for the programme).
type State string

// Mention is a Slack user ID as an argument of a message: the person,
// mentioned.
type Mention string

// IDArg is an entry ID as an argument of a message: as people type it,
// without digit grouping.
func IDArg(id int64) string { return strconv.FormatInt(id, 10) }

// ClosedPeriod is the refusal of a write whose value date d falls in a
// period closed by ev (loc: the programme's time zone, for the day it
// was closed on).
func ClosedPeriod(ev PeriodEvent, d Date, loc *time.Location) *Error {
	return &Error{Code: EClosed, Message: "err.period_closed",
		Args: []any{"Date", d, "Period", ev.Period, "By", Mention(ev.Actor), "At", DateOf(ev.At.In(loc))}}
}

// NotAdmitted is the refusal of someone ctbot does not admit, user.
func NotAdmitted(user string) *Error {
	return &Error{Code: ENotAdmitted, Message: "err.grant_not_admitted", Args: []any{"User", Mention(user)}}
}

// AlreadyRetracted is the refusal of a change of e, retracted already: by
// whom, if known.
func AlreadyRetracted(e *Entry) *Error {
	if e.RetractedBy == "" {
		return Refused("", "err.already_retracted_unknown", "ID", IDArg(e.ID))
	}
	return Refused("", "err.already_retracted", "ID", IDArg(e.ID), "By", Mention(e.RetractedBy))
}

// FieldOf is the field the *Error err is or wraps names, or "".
func FieldOf(err error) string {
	if e := (*Error)(nil); errors.As(err, &e) {
		return e.Field
	}
	return ""
}
