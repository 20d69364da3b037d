package commands

import (
	"context"
	"slices"
	"sync"
)

// exportQueue lets exports, which read the whole history, be made a few
// at a time: at most limit at once, and one per person; the others wait
// their turn, first come, first served.
type exportQueue struct {
	mu      sync.Mutex
	limit   int
	running int
	waiting []*exportJob
	people  map[string]bool // who has an export made or waiting
}

// exportJob is one person's export in the queue.
type exportJob struct {
	q       *exportQueue
	user    string
	ready   chan struct{} // closed when the export may be made
	running bool
	ended   bool
}

// join queues an export for user: ahead is how many exports are made or
// wait before it (0: it may be made at once); ok is false, and nothing
// queued, when user has one made or waiting already.
func (q *exportQueue) join(user string) (j *exportJob, ahead int, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.people[user] {
		return nil, 0, false
	}
	if q.people == nil {
		q.people = map[string]bool{}
	}
	q.people[user] = true
	j = &exportJob{q: q, user: user, ready: make(chan struct{})}
	ahead = q.running + len(q.waiting)
	q.waiting = append(q.waiting, j)
	q.startNext()
	if j.running {
		ahead = 0
	}
	return j, ahead, true
}

// startNext starts the exports waiting first while there is room.
func (q *exportQueue) startNext() {
	for q.running < q.limit && len(q.waiting) > 0 {
		j := q.waiting[0]
		q.waiting = q.waiting[1:]
		j.running = true
		q.running++
		close(j.ready)
	}
}

// wait returns once j may be made, or with ctx's error.
func (j *exportJob) wait(ctx context.Context) error {
	select {
	case <-j.ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// end takes j out of the queue, made or not, and starts the next.
func (j *exportJob) end() {
	q := j.q
	q.mu.Lock()
	defer q.mu.Unlock()
	if j.ended {
		return
	}
	j.ended = true
	delete(q.people, j.user)
	if j.running {
		q.running--
	} else {
		q.waiting = slices.DeleteFunc(q.waiting, func(w *exportJob) bool { return w == j })
	}
	q.startNext()
}
