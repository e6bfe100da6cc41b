package model

import "unsafe"

// unsafeData is the address of a string's bytes, to check a fast path did
// not copy.
func unsafeData(s string) *byte { return unsafe.StringData(s) }
