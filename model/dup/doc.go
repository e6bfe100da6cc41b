// Package dup finds near-duplicate articles: Sign makes a text's signature
// (word shingles, see wordtok), an Index pairs signatures by containment,
// and Clusters turns reviewers' verdicts on pairs into copy clusters and
// same-story groups.
//
// Signatures depend only on the text, so callers cache them by content hash
// (with SignatureVersion) and sign only what changed.
package dup
