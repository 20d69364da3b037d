package commands

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cttechplus/ctbot"
)

// One way in: what follows the slash command, a mention or a DM is a
// command when it is that command's syntax (commandSyntax), else a
// question when it reads as one (route), else refused as the
// command it names (its usage) or as no command.

// commandSyntax reports whether rest, the words after command cmd's name,
// are that command's syntax: conservatively, what starts as the command's
// arguments do, so that a question never runs a recording command.
//   - any command alone (its form, or its usage);
//   - log: a state or "programme" first;
//   - kickoff, workshop: a state, and the text not ending with a question
//     mark ("kickoff kenya held?" is asked);
//   - training: a state, then a key=value field, or a state and the
//     text not ending with a question mark; readiness: a state, then a
//     score (pillar=N), or the state alone (its usage);
//   - indicator: an indicator's code, then a state or "programme";
//   - amend, retract, verify, redact: an entry's number first ("redact
//     period" too); undo: a number; period, access, lang: what their
//     own first words are;
//   - status: what it shows (a state, several, an indicator, a topic,
//     readiness or the programme), options aside;
//   - another command that records nothing (history, help…): anything
//     but words after its name that end with a question mark.
func (c *Core) commandSyntax(cmd *Command, rest string) bool {
	a := &args{raw: rest, toks: tokenize(rest), words: c.words}
	first, _ := a.peek()
	word := strings.ToLower(c.words.word(first.text))
	asked := endsAsQuestion(rest)
	if a.empty() {
		return true // the command alone: its form, or its usage
	}
	switch cmd.Name {
	case "log":
		_, err := a.country(c.fw, true)
		return err == nil
	case "kickoff", "workshop":
		_, err := a.country(c.fw, false)
		return err == nil && !asked
	case "training", "readiness":
		if _, err := a.country(c.fw, false); err != nil {
			return false
		}
		// An assessment is its scores: "readiness ghana compared with the
		// last assessment" is no assessment.
		alone := a.empty()
		return strings.Contains(a.rest(), "=") || !asked && (cmd.Name == "training" || alone)
	case "indicator":
		a.next()
		if c.fw.LookupIndicator(first.text) == nil {
			return false
		}
		_, err := a.country(c.fw, true)
		return err == nil
	case "amend", "retract", "verify", "redact":
		return isEntryID(first.text) || cmd.Name == "redact" && word == "period"
	case "undo":
		return isEntryID(first.text)
	case "period":
		return word == "close" || word == "reopen"
	case "access":
		return word == "add" || word == "remove" || word == "list"
	case "status":
		return c.statusSyntax(rest)
	case "lang":
		return len(a.toks) == 1 && len(first.text) <= 3 && !asked
	}
	return !asked
}

// isEntryID reports whether s is an entry's number ("42", "#42", "42,43").
func isEntryID(s string) bool {
	id, _, _ := strings.Cut(strings.TrimPrefix(s, "#"), ",")
	_, err := strconv.ParseInt(id, 10, 64)
	return err == nil
}

// route decides what words sent to ctbot are, the same way however they
// came (the slash command, a mention, a DM, the assistant pane), so that
// each gives the same answer:
//   - the command they name when they are its syntax (commandSyntax);
//   - else, when they name a command that records nothing, a question if
//     the words after its name read as one about a subject ctbot knows,
//     every word read or ending with a question mark ("status of the
//     national strategies indicator"; not "status narnia", "status kenya
//     atlantis": refused with the command's usage);
//   - else, when they name a recording command, a question if they read
//     as one and end with a question mark, or every word after the
//     command's name is read as typed and none is a value (a number, a
//     date, key=value): "training in kenya last month", "indicateur des
//     femmes dans les politiques"; else that command, refused with its
//     usage ("training kenyaa … trained=5");
//   - else a question if they end with a question mark or start with a
//     word that opens one ([askwords] start, "how's"), answered with what
//     can be asked when not understood;
//   - else the unknown command they start with if its name is near a
//     command's and they hold key=value ("trainig kenya … trained=5"), or
//     it is no word a reading knows ("UNSR", "top") and not every word is
//     read ("statuss kenya");
//   - else a question if they read as one about a known subject ("kenya
//     vs nigeria", "quick snapshot of the programme pls", "frobnicate
//     kenya": tried as a question before "not a command"); else no
//     command ("frobnicate").
//
// The people the words mention are left aside.
func (c *Core) route(text string) (cmd *Command, ask bool) {
	// Without the people it mentions: Handle routes the text with them,
	// Ask without, and both must decide alike ("status <@U1>").
	text = strings.TrimSpace(withoutMentions(text, nil))
	name, rest, _ := strings.Cut(text, " ")
	if cmd = c.lookup(name); cmd != nil && c.commandSyntax(cmd, rest) {
		return cmd, false
	}
	r := c.read(text, nil, c.fw.Today(c.now()))
	known := r.q.Subject != SubjectUnknown
	if cmd != nil {
		after := c.read(rest, nil, c.fw.Today(c.now())) // the words after the command's name
		if !cmd.Writes() {                              // "status of the national strategies indicator", not "status narnia", "status kenya atlantis"
			return cmd, after.q.Subject != SubjectUnknown && (endsAsQuestion(rest) || after.readWhole())
		}
		return cmd, known && (endsAsQuestion(text) || after.readWhole() && !holdsValue(rest))
	}
	switch {
	case endsAsQuestion(text) || r.startsAsQuestion():
		return nil, true
	case c.nearCommand(name) && (strings.Contains(rest, "=") || !r.readWhole() && !r.readFirst()):
		return nil, false // "statuss kenya", "trainig kenya today trained=5"
	}
	return nil, known
}

// startsAsQuestion reports whether the question's first word opens one
// ([askwords] start): "how's", "what's" as "how", "what".
func (r *reading) startsAsQuestion() bool {
	return len(r.toks) > 0 && r.phraseAt("start", 0) > 0
}

// readFirst reports whether the question's first word was read as typed:
// used by a reading or starting a phrase of [askwords] ("UNSR
// recommendations", "top 3 states"), not a near miss.
func (r *reading) readFirst() bool {
	return len(r.toks) > 0 && !r.guessed[0] && (r.used[0] || r.v.known(r.toks, 0))
}

// holdsValue reports whether words hold what only a recording gives: a
// number or a date, or a key=value option.
func holdsValue(words string) bool {
	return strings.ContainsAny(words, "0123456789=")
}

// nearCommand reports whether word, which names no command, is a
// command's name mistyped.
func (c *Core) nearCommand(word string) bool {
	var names []string
	for _, cmd := range c.commands {
		names = append(names, cmd.Name)
	}
	return len(ctbot.Suggest(word, names)) > 0
}

// readWhole reports whether every word of the question was read as typed:
// used by a reading, a phrase of [askwords], or a filler, and no near miss
// ("statuss kenya" is a mistyped command).
func (r *reading) readWhole() bool {
	if slices.Contains(r.guessed, true) {
		return false
	}
	known := r.v.covered(r.toks)
	for i, u := range r.used {
		known[i] = known[i] || u
	}
	return !slices.Contains(known, false)
}

// covered are the tokens of toks a phrase of [askwords] holds.
func (v vocabulary) covered(toks []qtok) []bool {
	in := make([]bool, len(toks))
	for key := range v.phr {
		for _, s := range v.find(toks, key, nil) {
			for i := s.from; i < s.to; i++ {
				in[i] = true
			}
		}
	}
	return in
}

// endsAsQuestion reports whether text ends with a question mark.
func endsAsQuestion(text string) bool {
	text = strings.TrimSpace(text)
	return strings.HasSuffix(text, "?") || strings.HasSuffix(text, "؟")
}

// statusSyntax reports whether rest, after the status command's name, is
// what status shows: nothing (the programme), a state or several, an
// indicator, a training topic or readiness, with any options (phase=).
func (c *Core) statusSyntax(rest string) bool {
	var ws []string
	for _, w := range strings.Fields(rest) {
		if !strings.Contains(w, "=") {
			ws = append(ws, w)
		}
	}
	words := strings.Join(ws, " ")
	return words == "" || isProgrammeWord(words) || c.fw.LookupCountry(words) != nil || c.fw.LookupIndicator(words) != nil ||
		c.fw.Topic(words) != "" || c.words.command(words) == "readiness" || c.countriesIn(words) != nil
}
