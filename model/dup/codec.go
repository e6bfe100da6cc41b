package dup

import (
	"encoding/binary"
	"errors"
)

// Compact binary form of a Signature, for caches keyed by content hash:
// 'D', then Version, Words and the shingle count as uvarints, Exact as 8
// bytes and each shingle as 4 bytes, little-endian. About 4 bytes per word;
// JSON of the same signature takes about 11.

var errDupSignature = errors.New("dup: malformed signature")

// MarshalBinary encodes s (see encoding.BinaryMarshaler).
func (s Signature) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 1+3*binary.MaxVarintLen64+8+4*len(s.Shingles))
	b = append(b, 'D')
	b = binary.AppendUvarint(b, uint64(s.Version))
	b = binary.AppendUvarint(b, uint64(s.Words))
	b = binary.AppendUvarint(b, uint64(len(s.Shingles)))
	b = binary.LittleEndian.AppendUint64(b, s.Exact)
	for _, h := range s.Shingles {
		b = binary.LittleEndian.AppendUint32(b, h)
	}
	return b, nil
}

// UnmarshalBinary decodes what MarshalBinary wrote. It rejects truncated or
// malformed data, including shingles out of order, since a Index relies
// on their order; check Current before use.
func (s *Signature) UnmarshalBinary(b []byte) error {
	if len(b) == 0 || b[0] != 'D' {
		return errDupSignature
	}
	b = b[1:]
	var v [3]uint64
	for i := range v {
		x, n := binary.Uvarint(b)
		if n <= 0 || x > 1<<31 {
			return errDupSignature
		}
		v[i], b = x, b[n:]
	}
	if uint64(len(b)) != 8+4*v[2] {
		return errDupSignature
	}
	sig := Signature{Version: int(v[0]), Words: int(v[1]), Exact: binary.LittleEndian.Uint64(b)}
	b = b[8:]
	if v[2] > 0 {
		sig.Shingles = make([]uint32, v[2])
		for i := range sig.Shingles {
			sig.Shingles[i] = binary.LittleEndian.Uint32(b[4*i:])
			if i > 0 && sig.Shingles[i] <= sig.Shingles[i-1] {
				return errDupSignature
			}
		}
	}
	*s = sig
	return nil
}
