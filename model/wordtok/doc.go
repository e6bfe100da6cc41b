// Package wordtok splits text into normalised, hashed word tokens: one
// definition of "the same word" (case, quote style, thousands separators
// and dotted initialisms aside) for duplicate signatures (model/dup), quote
// matching (model/quote) and the word diff (model/textdiff), so that what
// one calls a copy the others line up word for word.
//
// The hashes are fixed functions of the text, so they can be stored.
package wordtok
