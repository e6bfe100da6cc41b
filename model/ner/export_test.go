package ner

import (
	"bytes"
	"compress/gzip"
	"io"
)

// Version1ForTest rewrites weights as format 1 wrote them: the same model
// without its tails.
func Version1ForTest(weights []byte) ([]byte, error) {
	m, err := Unmarshal(weights)
	if err != nil {
		return nil, err
	}
	m.tails = nil
	b, err := m.Marshal()
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	body[len(magic)] = 1
	body = body[:len(body)-1] // the tails' count, 0
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(body)
	zw.Close()
	return out.Bytes(), nil
}
