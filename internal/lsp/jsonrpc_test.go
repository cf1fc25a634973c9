package lsp

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/replykit/replykit/internal/engine"
)

func TestReadMessage(t *testing.T) {
	in := "Content-Length: 2\r\n\r\n{}" +
		"\r\n" + // a stray blank line between messages is tolerated
		"content-length:3\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n[1]" +
		"Content-Length: 20\r\n\r\n" + strings.Repeat("x", 20) + // over the limit: skipped
		"Content-Length: 4\r\n\r\nnull" +
		"Content-Length: 9\r\n\r\nshort"
	r := NewReader(strings.NewReader(in), 10)
	for i, want := range []string{"{}", "[1]", "too large", "null", "unexpected EOF"} {
		body, err := r.ReadMessage()
		got := string(body)
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, want) {
			t.Errorf("message %d: got %q, want %q", i, got, want)
		}
	}
	if _, err := r.ReadMessage(); err != io.ErrUnexpectedEOF && err != io.EOF {
		t.Errorf("after the end: %v", err)
	}
}

func TestReadMessageBadHeaders(t *testing.T) {
	for _, in := range []string{
		"Content-Type: x\r\n\r\n{}",   // no length
		"Content-Length: -1\r\n\r\n",  // negative
		"Content-Length: 1e3\r\n\r\n", // not an integer
		"Content-Length: 99999999999999999999\r\n\r\n",
		"hello\r\n\r\n",                           // not a header
		strings.Repeat("X-A: b\r\n", 40) + "\r\n", // too many headers
		"X-A: " + strings.Repeat("b", 5000) + "\r\n\r\n",
	} {
		_, err := NewReader(strings.NewReader(in), 0).ReadMessage()
		var fe *FramingError
		if !errors.As(err, &fe) {
			t.Errorf("%.40q: %v, want a FramingError", in, err)
		}
	}
	if _, err := NewReader(strings.NewReader(""), 0).ReadMessage(); err != io.EOF {
		t.Errorf("empty input: %v, want EOF", err)
	}
	if _, err := NewReader(strings.NewReader("Content-Len"), 0).ReadMessage(); err != io.ErrUnexpectedEOF {
		t.Errorf("a cut header: %v, want ErrUnexpectedEOF", err)
	}
}

// FuzzReadMessage checks that the reader never panics, never returns more
// than its limit, always makes progress, and reads back what Writer frames.
func FuzzReadMessage(f *testing.F) {
	for _, seed := range []string{
		"Content-Length: 2\r\n\r\n{}",
		"Content-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\nnull",
		"content-length:3\n\n[1]",
		"Content-Length: 100000\r\n\r\n{}",
		"Content-Length: 5\r\nContent-Length: 2\r\n\r\n{}",
		"\r\n\r\nContent-Length: 1\r\n\r\n1",
		"Content-Length: -5\r\n\r\n",
		"Content-Length: 0\r\n\r\n",
		"Content-Length 2\r\n\r\n{}",
		"Content-Length: 2\r{}",
	} {
		f.Add([]byte(seed))
	}
	const limit = 1 << 10
	f.Fuzz(func(t *testing.T, in []byte) {
		r := NewReader(bytes.NewReader(in), limit)
		var bodies [][]byte
		for i := 0; ; i++ {
			if i > len(in)+1 {
				t.Fatalf("%d messages from %d bytes: the reader makes no progress", i, len(in))
			}
			body, err := r.ReadMessage()
			if errors.Is(err, ErrTooLarge) {
				continue
			}
			if err != nil {
				break
			}
			if len(body) > limit {
				t.Fatalf("a body of %d bytes passed the limit of %d", len(body), limit)
			}
			bodies = append(bodies, body)
		}
		// What was read, framed again, reads back the same.
		var framed bytes.Buffer
		for _, b := range bodies {
			fmt.Fprintf(&framed, "Content-Length: %d\r\n\r\n%s", len(b), b)
		}
		r = NewReader(&framed, limit)
		for i, want := range bodies {
			got, err := r.ReadMessage()
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("message %d framed again: %q, %v; want %q", i, got, err, want)
			}
		}
		if _, err := r.ReadMessage(); err != io.EOF {
			t.Fatalf("after the last message: %v, want EOF", err)
		}
	})
}

// FuzzServe feeds the server arbitrary bytes after a proper initialize:
// it must not panic, not even in a handler, and must stop at the end.
func FuzzServe(f *testing.F) {
	init := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
	for _, seed := range []string{
		frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.md","languageId":"markdown","version":1,"text":"I don't know."}}}`),
		frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.md","version":1,"text":"a\r\n🎉 I don't know."}}}`) +
			frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.md","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":1},"end":{"line":0,"character":9}},"text":"x"}]}}`) +
			frame(`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.md"},"position":{"line":1,"character":5}}}`) +
			frame(`{"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///a.md"},"range":{"start":{"line":-1,"character":0},"end":{"line":9,"character":0}},"context":{}}}`),
		frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`),
		frame(`{"id":null,"method":"textDocument/hover","params":null}`),
		frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.md"},"contentChanges":[null]}}`),
	} {
		f.Add([]byte(seed))
	}
	eng := sync.OnceValues(func() (*engine.Engine, error) { return engine.New(engine.Config{}) })
	f.Fuzz(func(t *testing.T, in []byte) {
		log := &syncWriter{w: &bytes.Buffer{}}
		s := NewServer(Options{Engine: func(string) (*engine.Engine, error) { return eng() }, Debounce: 1, MaxMessage: 1 << 12, Log: log})
		_ = s.Serve(io.MultiReader(strings.NewReader(init), bytes.NewReader(in)), io.Discard)
		if strings.Contains(log.String(), "internal error") {
			t.Fatalf("%s", log.String())
		}
	})
}

// syncWriter lets lints that finish after Serve returns still log safely.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.String()
}
