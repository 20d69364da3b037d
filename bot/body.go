package bot

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/cttechplus/ctbot/internal/clock"
)

// largeBodyWait is how long a large body waits for its turn to be read
// before the request is answered 503 (Slack gives up after 3 s anyway).
const largeBodyWait = 5 * time.Second

// maxSSLCheck is how much of an unsigned slash command is read to see
// whether it is Slack's certificate check ("ssl_check=1&token=…").
const maxSSLCheck = 256

// bodies reads request bodies. One up to MaxCommandBody is read at once;
// a larger one (a view, up to MaxViewBody) only into one of a few
// buffers, while one is free, and keeps it until its signature is
// checked. A signature can be checked only on the whole body, so this
// bounds the memory that requests with a fresh timestamp and a wrong
// signature can take, however many arrive at once. A buffer goes from
// one request to the next that waits; when none waits it is let go.
type bodies struct {
	free    chan []byte  // the buffers not in use; nil until first needed
	waiting atomic.Int32 // large bodies waiting for a buffer
	clock   clock.Clock  // times the wait
}

func newBodies(n int, c clock.Clock) *bodies {
	b := &bodies{free: make(chan []byte, n), clock: c}
	for range n {
		b.free <- nil
	}
	return b
}

// reqBody is a request body read; a large one is in a shared buffer
// until kept or dropped.
type reqBody struct {
	data   []byte
	buf    []byte // the shared buffer data is in, or nil
	bodies *bodies
}

// keep returns data to keep after the signature is checked, and gives
// the buffer back.
func (x *reqBody) keep() []byte {
	if x.buf == nil {
		return x.data
	}
	data := bytes.Clone(x.data)
	x.drop()
	return data
}

// drop gives the buffer back; data must not be used after.
func (x *reqBody) drop() {
	if x.buf == nil {
		return
	}
	buf := x.buf
	if x.bodies.waiting.Load() == 0 {
		buf = nil // nobody waits: let the memory go
	}
	x.bodies.free <- buf
	x.buf, x.data = nil, nil
}

// httpError is a request refused with an HTTP status.
type httpError struct {
	status int
	msg    string
}

// read reads r's body, at most limit bytes.
func (b *bodies) read(w http.ResponseWriter, r *http.Request, limit int64) (*reqBody, *httpError) {
	src := http.MaxBytesReader(w, r.Body, limit)
	small := min(limit, MaxCommandBody)
	var head []byte
	if n := r.ContentLength; n < 0 || n <= small {
		// Known to be small, or of unknown length: read what a small body
		// may hold, and one byte more to know whether there is more.
		size := small + 1
		if n >= 0 {
			size = n + 1
		}
		head = make([]byte, size)
		got, err := io.ReadFull(src, head)
		switch {
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			return &reqBody{data: head[:got]}, nil
		case err != nil:
			return nil, readError(err)
		}
	}
	buf, herr := b.acquire(r)
	if herr != nil {
		return nil, herr
	}
	x := &reqBody{bodies: b}
	if n := r.ContentLength; n > small {
		if int64(cap(buf)) < n {
			buf = make([]byte, n)
		}
		x.buf, x.data = buf, buf[:n]
		_, err := io.ReadFull(src, x.data)
		if err == nil {
			_, err = src.Read(make([]byte, 1))
		}
		if !errors.Is(err, io.EOF) {
			x.drop()
			return nil, readError(err)
		}
		return x, nil
	}
	// Of unknown length and larger than a small body: read it all.
	all := bytes.NewBuffer(append(buf[:0], head...))
	_, err := all.ReadFrom(src)
	x.data = all.Bytes()
	x.buf = x.data[:cap(x.data)]
	if err != nil {
		x.drop()
		return nil, readError(err)
	}
	return x, nil
}

// acquire waits for a buffer to read a large body into.
func (b *bodies) acquire(r *http.Request) ([]byte, *httpError) {
	select {
	case buf := <-b.free:
		return buf, nil
	default:
	}
	b.waiting.Add(1)
	defer b.waiting.Add(-1)
	timer, expired := b.clock.NewTimer(largeBodyWait)
	defer timer.Stop()
	select {
	case buf := <-b.free:
		return buf, nil
	case <-expired:
		return nil, &httpError{http.StatusServiceUnavailable, "too many large requests at once; retry"}
	case <-r.Context().Done():
		return nil, &httpError{http.StatusServiceUnavailable, "request cancelled"}
	}
}

func readError(err error) *httpError {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &httpError{http.StatusRequestEntityTooLarge, "request body too large"}
	}
	return &httpError{http.StatusBadRequest, "cannot read body"}
}

// unsignedSSLCheck reports whether an unsigned slash command is Slack's
// certificate check, which may come unsigned; it reads at most
// maxSSLCheck bytes of the body, and nothing of a longer one.
func unsignedSSLCheck(r *http.Request) bool {
	if r.ContentLength > maxSSLCheck {
		return false
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, maxSSLCheck+1))
	return err == nil && len(b) <= maxSSLCheck && isSSLCheck(b)
}

// isSSLCheck reports whether a slash command body is Slack's certificate check.
func isSSLCheck(body []byte) bool {
	form, err := url.ParseQuery(string(body))
	return err == nil && form.Get("ssl_check") == "1"
}
