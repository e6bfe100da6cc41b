// Package model holds storydesk's domain types and pure logic: articles,
// cleaning scraped text, sanitising untrusted text, and offset helpers.
//
// It does no I/O and knows nothing of the terminal; data/ and tui/ build on it.
// Every offset a user or a file sees is a Unicode code point index into an
// article's cleaned text (or, for removed ranges, its raw text).
package model
