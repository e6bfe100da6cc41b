// Package re2go holds the pattern matchers trafilatura generated with re2c;
// in this copy the one left is hand-written (see STORYDESK.md).
package re2go
