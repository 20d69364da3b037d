package ctbot

// NearDays is how many days apart two trainings of the same state and
// course may be and still look like one: the same training entered twice,
// by its first day and by its last, or a day off.
const NearDays = 3

// NearWindow is the days a training that looks like e may be held on:
// its own, and NearDays either side.
func (e *Entry) NearWindow() (from, to Date) {
	return e.Date.AddDays(-NearDays), e.End().AddDays(NearDays)
}

// LooksLike reports whether trainings a and b look like the same
// training: of the same state, held on days that overlap or are within
// NearDays of each other, and teaching the same course (the same code of
// the catalogue, the same title as normalise writes it, or one's course
// of the catalogue whose title is the other's) or, both naming a topic,
// the same topic at the same level.
func (f *Framework) LooksLike(a, b *Entry) bool {
	if a.Kind != KindTraining || b.Kind != KindTraining || a.Country != b.Country {
		return false
	}
	from, to := a.NearWindow()
	if b.End().Before(from) || b.Date.After(to) {
		return false
	}
	return f.sameCourse(a, b) || a.Topic != "" && a.Topic == b.Topic && a.Level == b.Level
}

// sameCourse reports whether trainings a and b name the same course.
func (f *Framework) sameCourse(a, b *Entry) bool {
	if a.Course != "" && a.Course == b.Course {
		return true
	}
	titles := func(e *Entry) []string {
		out := []string{normalise(e.Title)}
		if co := f.Course(e.Course); co != nil {
			out = append(out, normalise(co.Title))
		}
		return out
	}
	for _, x := range titles(a) {
		for _, y := range titles(b) {
			if x != "" && x == y {
				return true
			}
		}
	}
	return false
}
