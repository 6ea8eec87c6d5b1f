// Command jsonpatch-go applies JSON patches the way kube-apiserver applies a mutating webhook's patch, so the
// C# test suite can prove that every patch the webhook sends really applies.
//
// It reads JSON lines on standard input, one request per line, and answers each with one JSON line:
//
//	{"document": <object>, "patch": <RFC 6902 array>}  ->  {"document": <patched object>} or {"error": "..."}
//	{"document": <object>}                             ->  {"document": <object as the API server stores it>}
//
// Like the API server, it first decodes the object and encodes it again with encoding/json (integers as int64,
// other numbers as float64, keys sorted, HTML characters escaped), then applies the patch to those bytes with
// evanphx/json-patch, whose "test" compares JSON text. The patch bytes are used exactly as received.
//
// The tests build it offline against Debian's packaged source (golang-github-evanphx-json-patch-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o jsonpatch-go main.go
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	jsonpatch "github.com/evanphx/json-patch"
)

type request struct {
	Document json.RawMessage `json:"document"`
	Patch    json.RawMessage `json:"patch"`
}

type answer struct {
	Document json.RawMessage `json:"document,omitempty"`
	Error    string          `json:"error,omitempty"`
}

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			writeAnswer(out, handle(line))
			if flushErr := out.Flush(); flushErr != nil {
				os.Exit(1)
			}
		}
		if err != nil {
			return
		}
	}
}

func handle(line []byte) (result answer) {
	// The library panics on some inputs (a null inside an array it compares); the API server turns that into an
	// error, and so does this program, instead of dying.
	defer func() {
		if r := recover(); r != nil {
			result = answer{Error: fmt.Sprintf("json-patch panicked: %v", r)}
		}
	}()
	var req request
	if err := json.Unmarshal(line, &req); err != nil {
		return answer{Error: "bad request line: " + err.Error()}
	}
	document, err := storedForm(req.Document)
	if err != nil {
		return answer{Error: "bad document: " + err.Error()}
	}
	if len(req.Patch) == 0 {
		return answer{Document: document}
	}
	patch, err := jsonpatch.DecodePatch(req.Patch)
	if err != nil {
		return answer{Error: "bad patch: " + err.Error()}
	}
	patched, err := patch.Apply(document)
	if err != nil {
		return answer{Error: err.Error()}
	}
	return answer{Document: patched}
}

// storedForm is the document as kube-apiserver encodes an unstructured object before patching it.
func storedForm(raw []byte) ([]byte, error) {
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.UseNumber()
	var value interface{}
	if err := decoder.Decode(&value); err != nil {
		return nil, err
	}
	return json.Marshal(convertNumbers(value))
}

// convertNumbers mirrors k8s.io/apimachinery/pkg/util/json: int64 when the number is an integer, else float64.
func convertNumbers(value interface{}) interface{} {
	switch v := value.(type) {
	case map[string]interface{}:
		for key, item := range v {
			v[key] = convertNumbers(item)
		}
	case []interface{}:
		for i, item := range v {
			v[i] = convertNumbers(item)
		}
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		if f, err := v.Float64(); err == nil {
			return f
		}
	}
	return value
}

func writeAnswer(out *bufio.Writer, a answer) {
	encoded, err := json.Marshal(a)
	if err != nil {
		encoded = []byte(fmt.Sprintf(`{"error":%q}`, err.Error()))
	}
	out.Write(encoded)
	out.WriteByte('\n')
}
