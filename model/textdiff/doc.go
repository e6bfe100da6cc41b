// Package textdiff is the word diff that comparing duplicate articles and
// the carriers of a quotation share: Words says which words of one text
// another changed, as code point ranges that can be highlighted as they are.
//
// Words are compared in wordtok's normalised form, so typography (case,
// quote style, "U.S." or "US") never counts as a change.
package textdiff
