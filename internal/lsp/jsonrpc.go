package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// Limits of the framing. A header line longer than maxHeaderLine, or more
// than maxHeaderLines of them, means the stream is not LSP.
const (
	DefaultMaxMessage = 16 << 20
	maxHeaderLine     = 1 << 10
	maxHeaderLines    = 32
)

// JSON-RPC and LSP error codes.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
	codeRequestFailed        = -32803
)

// ErrTooLarge is returned by ReadMessage for a message whose Content-Length
// is over the limit. The body has been skipped: the stream is still in step.
var ErrTooLarge = errors.New("message too large")

// FramingError is a header the reader cannot make sense of: after it the
// stream cannot be trusted to be in step.
type FramingError struct{ Msg string }

func (e *FramingError) Error() string { return "bad message header: " + e.Msg }

// Reader reads Content-Length framed messages.
type Reader struct {
	r   *bufio.Reader
	max int64
}

// NewReader reads messages of at most max bytes (DefaultMaxMessage when max <= 0).
func NewReader(r io.Reader, max int64) *Reader {
	if max <= 0 {
		max = DefaultMaxMessage
	}
	return &Reader{r: bufio.NewReaderSize(r, 4096), max: max}
}

// ReadMessage returns the next message body. It returns io.EOF at a clean end
// of input, a *FramingError for a header it cannot read, ErrTooLarge (wrapped,
// with the size) for a body over the limit, and io.ErrUnexpectedEOF when the
// input ends inside a message.
func (r *Reader) ReadMessage() ([]byte, error) {
	length := int64(-1)
	for n := 0; ; n++ {
		line, err := r.readLine()
		if err != nil {
			if err == io.EOF && n > 0 {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		if line == "" {
			if n == 0 {
				// Tolerate blank lines between messages.
				n = -1
				continue
			}
			break
		}
		if n >= maxHeaderLines {
			return nil, &FramingError{"too many header lines"}
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, &FramingError{fmt.Sprintf("%q is not a header", clip(line))}
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			v, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || v < 0 {
				return nil, &FramingError{fmt.Sprintf("Content-Length %q is not a length", clip(value))}
			}
			length = v
		}
	}
	if length < 0 {
		return nil, &FramingError{"no Content-Length"}
	}
	if length > r.max {
		if _, err := io.CopyN(io.Discard, r.r, length); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, length, r.max)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r.r, body); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	return body, nil
}

// readLine reads one header line without its \r\n (or \n).
func (r *Reader) readLine() (string, error) {
	var buf []byte
	for {
		chunk, err := r.r.ReadSlice('\n')
		buf = append(buf, chunk...)
		if len(buf) > maxHeaderLine {
			return "", &FramingError{"header line too long"}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if err == io.EOF && len(buf) > 0 {
				return "", io.ErrUnexpectedEOF
			}
			return "", err
		}
		break
	}
	buf = bytes.TrimSuffix(buf, []byte("\n"))
	buf = bytes.TrimSuffix(buf, []byte("\r"))
	return string(buf), nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// Writer writes framed messages; it is safe for concurrent use.
type Writer struct {
	mu  sync.Mutex
	w   io.Writer
	err error
}

// NewWriter frames messages onto w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// WriteMessage marshals v and writes it with its header. After the first
// failed write every later one fails with the same error.
func (w *Writer) WriteMessage(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	msg := make([]byte, 0, len(body)+32)
	msg = fmt.Appendf(msg, "Content-Length: %d\r\n\r\n", len(body))
	msg = append(msg, body...)
	_, w.err = w.w.Write(msg)
	return w.err
}

// message is any JSON-RPC message: a request has an id and a method, a
// notification a method only, a response an id and a result or error.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

func (m *message) isRequest() bool { return len(m.ID) > 0 && m.Method != "" }

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return e.Message }

func errorf(code int, format string, args ...any) *rpcError {
	return &rpcError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// response is what the server sends back for a request. Result is always
// written (null when there is none) unless Error is set.
type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
	Error   *rpcError       `json:"error,omitempty"`
}

// MarshalJSON leaves out result when there is an error, as JSON-RPC requires.
func (r response) MarshalJSON() ([]byte, error) {
	id := r.ID
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	if r.Error != nil {
		return json.Marshal(struct {
			JSONRPC string          `json:"jsonrpc"`
			ID      json.RawMessage `json:"id"`
			Error   *rpcError       `json:"error"`
		}{"2.0", id, r.Error})
	}
	return json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Result  any             `json:"result"`
	}{"2.0", id, r.Result})
}

type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}
